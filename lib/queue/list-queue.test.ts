import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders } from "@/db/schema";
import { makeCustomer, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { recordNotice } from "@/lib/notifications/record-notice";
import { assignOrderToUser, releaseOrder } from "@/lib/orders/assign-order";
import { openException } from "@/lib/orders/exceptions";
import { receiveOrder } from "@/lib/orders/receive-order";
import { listQueue, queueCounts, type QueueRow } from "./list-queue";
import { parseQueueFilters } from "./queue-filters";

const H = 3_600_000;
// Tuesday 2026-11-24 12:00 New York: inside business hours.
const NOW = new Date("2026-11-24T17:00:00Z");

describe("the queue", () => {
  let handle: DatabaseHandle;
  let repId: string;
  let otherRepId: string;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    repId = (await makeUser(handle.db, { role: "rep", name: "Riley" })).id;
    otherRepId = (await makeUser(handle.db, { role: "rep", name: "Sam" })).id;
    const ada = await makeCustomer(handle.db, { name: "Ada Lovelace", email: "ada@example.com" });
    const grace = await makeCustomer(handle.db, { name: "Grace Hopper", email: "grace@example.com" });
    const receive = async (key: string, customerId: string, placedAt: Date) => {
      const { order } = await receiveOrder(handle.db, { customer: { id: customerId }, externalId: key, items: [{ sku: "A", name: "Lamp", quantity: 1, unitPriceCents: 100 }], shippingAddress: testAddress, actor: { type: "api" }, at: placedAt });
      numbers[key] = order.number;
      return order;
    };
    // Confirmation clocks (1 business hour) placed at different times before NOW:
    await receive("breached-most", ada.id, new Date(NOW.getTime() - 3 * H)); // due 2 h ago
    await receive("breached-less", grace.id, new Date(NOW.getTime() - 1.5 * H)); // due 30 min ago
    await receive("critical", grace.id, new Date(NOW.getTime() - 50 * 60_000)); // 10 min left
    await receive("at-risk", ada.id, new Date(NOW.getTime() - 35 * 60_000)); // 25 min left
    await receive("on-track", grace.id, new Date(NOW.getTime() - 5 * 60_000)); // 55 min left
    // A delay notice (calendar hour) beats the confirmation clock on this order.
    const delayed = await receive("delayed", ada.id, new Date(NOW.getTime() - 20 * 60_000));
    await openException(handle.db, { orderId: delayed.id, kind: "carrier", explanation: "Truck broke down", actor: { type: "system" }, at: new Date(NOW.getTime() - 48 * 60_000) }); // due in 12 min
    // Confirmed by notice: no open clock, not in the queue.
    const done = await receive("done", ada.id, new Date(NOW.getTime() - 30 * 60_000));
    await recordNotice(handle.db, { orderId: done.id, customerId: ada.id, template: "order_confirmation", channel: "email", bodyText: "Thanks", actor: { type: "system" }, at: new Date(NOW.getTime() - 20 * 60_000) });
    await assignOrderToUser(handle.db, { orderId: (await handle.db.select().from(orders).where(eq(orders.externalId, "at-risk")))[0]!.id, userId: repId });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const list = (params: Record<string, string> = {}, limit?: number) =>
    listQueue(handle.db, { filters: parseQueueFilters(params), userId: repId, now: NOW, limit });
  const keys = (rows: QueueRow[]) => rows.map((r) => Object.keys(numbers).find((k) => numbers[k] === r.number));

  it("ranks breached first (most overdue on top), then by due time; one row per order", async () => {
    const { rows } = await list();
    expect(keys(rows)).toEqual(["breached-most", "breached-less", "critical", "delayed", "at-risk", "on-track"]);
    expect(rows.map((r) => r.band)).toEqual(["breached", "breached", "critical", "critical", "at_risk", "on_track"]);
    expect(rows[3]).toMatchObject({ clockKind: "delay_notice", timeBase: "calendar", secondsLeft: 12 * 60 });
    expect(rows[0]).toMatchObject({ clockKind: "confirmation", timeBase: "business", secondsLeft: -2 * 3600 });
  });

  it("filters by band with the same boundaries as the badge, and counts agree", async () => {
    const counts = await queueCounts(handle.db, NOW);
    expect(counts).toEqual({ breached: 2, critical: 2, at_risk: 1, on_track: 1, breachingWithinHour: 4 });
    for (const band of ["breached", "critical", "at_risk", "on_track"] as const) {
      const { rows } = await list({ band });
      expect(rows.every((r) => r.band === band), band).toBe(true);
      expect(rows).toHaveLength(counts[band]);
    }
  });

  it("filters by clock kind, status, assignee and search", async () => {
    expect(keys((await list({ kind: "delay_notice" })).rows)).toEqual(["delayed"]);
    expect((await list({ status: "confirmed" })).rows).toEqual([]);
    expect(keys((await list({ assignee: "mine" })).rows)).toEqual(["at-risk"]);
    expect((await list({ assignee: "unassigned" })).rows).toHaveLength(5);
    expect(keys((await list({ q: "hopper" })).rows)).toEqual(["breached-less", "critical", "on-track"]);
    expect(keys((await list({ q: numbers["critical"]!.toLowerCase() })).rows)).toEqual(["critical"]);
    expect(keys((await list({ q: "ADA@example.com", band: "breached" })).rows)).toEqual(["breached-most"]);
  });

  it("searches by part of an email or a name, and by the start of an order number", async () => {
    const ines = await makeCustomer(handle.db, { name: "Inès Walker", email: "ines.walk19@example.com" });
    const { order } = await receiveOrder(handle.db, { customer: { id: ines.id }, externalId: "ines", items: [{ sku: "A", name: "Lamp", quantity: 1, unitPriceCents: 100 }], shippingAddress: testAddress, actor: { type: "api" }, at: new Date(NOW.getTime() - 10 * 60_000) });
    numbers["ines"] = order.number;
    expect(keys((await list({ q: "ines.walk1" })).rows)).toEqual(["ines"]);
    expect(keys((await list({ q: "INES.WALK" })).rows)).toEqual(["ines"]);
    expect(keys((await list({ q: "walker" })).rows)).toEqual(["ines"]);
    expect(keys((await list({ q: "walk19@" })).rows)).toEqual(["ines"]);
    // The start of an order number, with or without its prefix; a LIKE wildcard is only itself.
    expect(keys((await list({ q: order.number.slice(0, -1) })).rows)).toContain("ines");
    expect(keys((await list({ q: order.number.slice(3) })).rows)).toEqual(["ines"]);
    expect((await list({ q: "%" })).rows).toEqual([]);
  });

  it("pages with a keyset cursor: no overlap, nothing skipped", async () => {
    const first = await list({}, 4);
    expect(first.rows).toHaveLength(4);
    expect(first.nextCursor).not.toBeNull();
    const second = await list({ after: first.nextCursor! }, 4);
    expect(keys([...first.rows, ...second.rows])).toEqual(keys((await list()).rows));
    expect(second.nextCursor).toBeNull();
  });

  it("lets one of two reps assign an order and tells the other who has it", async () => {
    const [order] = await handle.db.select().from(orders).where(eq(orders.externalId, "on-track"));
    const results = await Promise.allSettled([
      assignOrderToUser(handle.db, { orderId: order!.id, userId: repId }),
      assignOrderToUser(handle.db, { orderId: order!.id, userId: otherRepId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/Already assigned to (Riley|Sam)/);
    const [after] = await handle.db.select().from(orders).where(eq(orders.id, order!.id));
    const winner = after!.assigneeId!;
    const loser = winner === repId ? otherRepId : repId;
    await expect(releaseOrder(handle.db, { orderId: order!.id, userId: loser, isSupervisor: false })).rejects.toThrow(/Only the assignee/);
    await releaseOrder(handle.db, { orderId: order!.id, userId: loser, isSupervisor: true });
    expect((await handle.db.select().from(orders).where(eq(orders.id, order!.id)))[0]!.assigneeId).toBeNull();
  });
});
