import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { escalations, settings, slaClocks } from "@/db/schema";
import { openAnotherInstance } from "@/db/testing/another-instance";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { clockRow, loadClockPlanner } from "@/lib/sla/clocks";
import { startEscalationSweeper, sweepTick } from "./escalation-sweeper";

// The loop the worker runs: it sweeps at once and then on its interval, and a failing sweep is logged, not fatal.
// Every instance and worker runs the loop; one of them sweeps per interval.

describe("escalation sweeper", () => {
  let handle: DatabaseHandle;
  let other: { db: Database; close(): Promise<void> };
  beforeAll(async () => {
    handle = await createTestDatabase();
    other = await openAnotherInstance(handle);
  });
  afterAll(async () => {
    await other?.close();
    await handle?.close();
  });

  async function breachedClock() {
    const order = await makeOrder(handle.db, { status: "shipped" });
    const planner = await loadClockPlanner(handle.db);
    const [clock] = await handle.db.insert(slaClocks).values(clockRow(planner.plan("shipping_notice", new Date(Date.now() - 5 * 3_600_000)), order.id)).returning();
    return clock!;
  }

  it("escalates a badly breached clock on its first pass and stops cleanly", async () => {
    const clock = await breachedClock();
    const sweeper = startEscalationSweeper(handle.db, { intervalMs: 50 });
    await vi.waitFor(async () => expect(await handle.db.select().from(escalations).where(eq(escalations.clockId, clock!.id))).toHaveLength(1), { timeout: 10_000 });
    await sweeper.stop();
  });

  it("sweeps once when two instances tick at once, and not again within the interval", async () => {
    await handle.db.delete(settings).where(eq(settings.key, "job_last_run.escalationSweep"));
    const clock = await breachedClock();
    const ticks = await Promise.all([sweepTick(handle.db), sweepTick(other.db)]);
    expect(ticks.filter((t) => t.ran)).toEqual([{ ran: true, value: expect.objectContaining({ escalated: 1 }) }]);
    expect(await handle.db.select().from(escalations).where(eq(escalations.clockId, clock.id))).toHaveLength(1);
    // A clock breached since then waits for the next interval, whichever instance ticks.
    const later = await breachedClock();
    expect(await sweepTick(other.db)).toEqual({ ran: false, reason: "not due" });
    expect(await sweepTick(handle.db)).toEqual({ ran: false, reason: "not due" });
    expect(await handle.db.select().from(escalations).where(eq(escalations.clockId, later.id))).toHaveLength(0);
  });

  it("logs a failed sweep as one JSON line and keeps going", async () => {
    // Its clock table dropped below: only the tables' owner may.
    const broken = await createTestDatabase({ as: "owner" });
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
