import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { queueMessages } from "@/lib/delivery/testing/outbox-fixtures";
import { checkHealth } from "./health";

let handle: DatabaseHandle;
let order: { id: string; customerId: string };
const now = new Date("2026-11-24T12:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  order = await makeOrder(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const running = { running: true, lastRunAt: new Date(now.getTime() - 2000) };
const who = { instance: "web-1", driver: "pglite" as const };

describe("health", () => {
  it("reports a reachable database, the worker and an empty outbox as ok", async () => {
    const report = await checkHealth({ ...who, openDb: async () => handle.db, worker: running, now: () => now });
    expect(report).toMatchObject({
      status: "ok",
      instance: "web-1",
      database: { ok: true, driver: "pglite" },
      worker: { mode: "in-app", running: true, lastRunAt: "2026-11-24T11:59:58.000Z" },
      outbox: { queued: 0, oldestDueSeconds: 0 },
    });
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("counts the queued messages and how long the oldest due one has waited; 20 minutes is degraded", async () => {
    await queueMessages(handle.db, 2, { customerId: order.customerId, orderId: order.id, sendAfter: new Date(now.getTime() - 20 * 60_000) });
    // Not due yet (quiet hours): queued, but not late.
    await queueMessages(handle.db, 1, { customerId: order.customerId, orderId: order.id, sendAfter: new Date(now.getTime() + 60 * 60_000) });
    const report = await checkHealth({ ...who, openDb: async () => handle.db, worker: running, now: () => now });
    expect(report.outbox).toEqual({ queued: 3, oldestDueSeconds: 20 * 60 });
    expect(report.status).toBe("degraded");
    // The answer holds counts and times only: nothing of the messages themselves.
    expect(JSON.stringify(report)).not.toMatch(/@|subject|customer/i);
  });

  it("is degraded when the in-app worker has stopped or not finished a run for five minutes", async () => {
    const fresh = await createTestDatabase();
    try {
      const stopped = await checkHealth({ ...who, openDb: async () => fresh.db, worker: { running: false, lastRunAt: running.lastRunAt }, now: () => now });
      expect(stopped.status).toBe("degraded");
      const stale = await checkHealth({ ...who, openDb: async () => fresh.db, worker: { running: true, lastRunAt: new Date(now.getTime() - 6 * 60_000) }, now: () => now });
      expect(stale.status).toBe("degraded");
      // No worker in this process (OUTBOX_WORKER=off): the outbox lag is the signal.
      const external = await checkHealth({ ...who, openDb: async () => fresh.db, worker: null, now: () => now });
      expect(external).toMatchObject({ status: "ok", worker: { mode: "external", running: false, lastRunAt: null } });
    } finally {
      await fresh.close();
    }
  });

  it("answers unavailable within the timeout when the database hangs or fails, without the driver's words", async () => {
    const hanging = { execute: () => new Promise(() => {}) } as unknown as Db;
    const started = Date.now();
    const report = await checkHealth({ ...who, openDb: async () => hanging, worker: running, timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report).toEqual({
      status: "unavailable",
      instance: "web-1",
      database: { ok: false, driver: "pglite", latencyMs: null },
      worker: { mode: "in-app", running: true, lastRunAt: running.lastRunAt.toISOString() },
      outbox: { queued: null, oldestDueSeconds: null },
    });

    const failing = await checkHealth({ ...who, openDb: async () => Promise.reject(new Error("password authentication failed for user postgres")), worker: null });
    expect(failing.status).toBe("unavailable");
    expect(JSON.stringify(failing)).not.toMatch(/password/);
  });
});
