import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages } from "@/db/schema";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { localOutboxProvider } from "@/lib/delivery/local-outbox";
import type { DeliveryProvider } from "@/lib/delivery/providers";
import { RateLimiter } from "@/lib/delivery/rate-limiter";
import { queueMessages } from "@/lib/delivery/testing/outbox-fixtures";
import { startWorker } from "@/lib/delivery/worker";
import { createLogger } from "@/lib/log";
import { createShutdown, installGracefulShutdown } from "./shutdown";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const quiet = createLogger({ write: () => {} });

/** An email provider that holds each request until the test lets it go, so a batch can be "in hand" at shutdown. */
function gatedProvider() {
  const inner = localOutboxProvider("email");
  let arrived: () => void = () => {};
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const provider: DeliveryProvider = {
    ...inner,
    async sendBatch(batch, key) {
      arrived();
      await released;
      return inner.sendBatch(batch, key);
    },
  };
  return { provider, arrival, release };
}

describe("graceful shutdown", () => {
  it("stops the worker only after the batch in hand is sent and recorded, then closes the database, then exits", async () => {
    const order = await makeOrder(handle.db);
    const queued = await queueMessages(handle.db, 3, { customerId: order.customerId, orderId: order.id, sendAfter: new Date(Date.now() - 1000) });
    const gate = gatedProvider();
    const worker = startWorker(
      handle.db,
      { email: { provider: gate.provider, limiter: new RateLimiter("email:gated", Infinity) }, sms: { provider: localOutboxProvider("sms"), limiter: new RateLimiter("sms:local-outbox", Infinity) } },
      { intervalMs: 10, name: "test worker" },
    );
    await gate.arrival;

    const steps: string[] = [];
    const shutdown = createShutdown({
      stopWorkers: async () => {
        await worker.stop();
        steps.push("workers stopped");
      },
      closeDatabase: async () => {
        steps.push("database closed");
      },
      logger: quiet,
    });
    shutdown.begin("SIGTERM");
    const finished = shutdown.finish().then(() => steps.push("exit"));
    // The batch is still at the provider: nothing may be closed yet.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(steps).toEqual([]);
    expect(worker.status().running).toBe(true);

    gate.release();
    await finished;
    expect(steps).toEqual(["workers stopped", "database closed", "exit"]);
    expect(worker.status()).toMatchObject({ running: false });
    const rows = await handle.db.select().from(messages).where(inArray(messages.id, queued.map((m) => m.id)));
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("records when the worker last finished a run", async () => {
    const worker = startWorker(
      handle.db,
      { email: { provider: localOutboxProvider("email"), limiter: new RateLimiter("email:local-outbox", Infinity) }, sms: { provider: localOutboxProvider("sms"), limiter: new RateLimiter("sms:local-outbox", Infinity) } },
      { intervalMs: 10 },
    );
    const before = Date.now();
    while (!worker.status().lastRunAt) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(worker.status().lastRunAt!.getTime()).toBeGreaterThanOrEqual(before);
    await worker.stop();
    expect(worker.status().running).toBe(false);
  });

  it("exits at the deadline when a step hangs", async () => {
    const lines: string[] = [];
    const shutdown = createShutdown({
      stopWorkers: () => new Promise(() => {}),
      closeDatabase: async () => {},
      logger: createLogger({ write: (line) => lines.push(line) }),
      timeoutMs: 50,
    });
    shutdown.begin("SIGTERM");
    await shutdown.finish();
    expect(lines.join("\n")).toContain("exiting anyway");
  });

  it("holds Next.js's exit until the steps are done, and exits by itself when Next.js does not handle signals", async () => {
    for (const manual of [false, true]) {
      const listeners = new Map<string, (signal: NodeJS.Signals) => void>();
      const exits: unknown[] = [];
      const order: string[] = [];
      const proc = {
        env: manual ? { NEXT_MANUAL_SIG_HANDLE: "true" } : {},
        on: (event: string, listener: (signal: NodeJS.Signals) => void) => listeners.set(event, listener),
        exit: (code?: unknown) => {
          exits.push(code);
        },
      } as unknown as Pick<NodeJS.Process, "on" | "exit" | "env">;
      let release: () => void = () => {};
      const workersStopped = new Promise<void>((resolve) => (release = resolve));
      installGracefulShutdown(
        createShutdown({ stopWorkers: () => workersStopped.then(() => void order.push("workers")), closeDatabase: async () => void order.push("database"), logger: quiet }),
        proc,
      );
      listeners.get("SIGTERM")!("SIGTERM");
      listeners.get("SIGINT")!("SIGINT");
      if (!manual) proc.exit(143);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(exits).toEqual([]);
      release();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(order).toEqual(["workers", "database"]);
      expect(exits).toEqual([manual ? 0 : 143]);
    }
  });
});
