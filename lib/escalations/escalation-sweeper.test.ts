import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { escalations, slaClocks } from "@/db/schema";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { clockRow, loadClockPlanner } from "@/lib/sla/clocks";
import { startEscalationSweeper } from "./escalation-sweeper";

// The loop the worker runs: it sweeps at once and then on its interval, and a failing sweep is logged, not fatal.

describe("escalation sweeper", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("escalates a badly breached clock on its first pass and stops cleanly", async () => {
    const order = await makeOrder(handle.db, { status: "shipped" });
    const planner = await loadClockPlanner(handle.db);
    const started = new Date(Date.now() - 5 * 3_600_000);
    const [clock] = await handle.db.insert(slaClocks).values(clockRow(planner.plan("shipping_notice", started), order.id)).returning();
    const sweeper = startEscalationSweeper(handle.db, { intervalMs: 50 });
    await vi.waitFor(async () => expect(await handle.db.select().from(escalations).where(eq(escalations.clockId, clock!.id))).toHaveLength(1), { timeout: 10_000 });
    await sweeper.stop();
  });

  it("logs a failed sweep as one JSON line and keeps going", async () => {
    const broken = await createTestDatabase();
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await broken.db.execute(sql`drop table sla_clocks cascade`);
      const sweeper = startEscalationSweeper(broken.db, { intervalMs: 20 });
      await vi.waitFor(() => expect(lines.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
      await sweeper.stop();
    } finally {
      spy.mockRestore();
      await broken.close();
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", msg: "escalation sweep failed", worker: "escalation sweep" });
  });
});
