import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeCustomer, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { receiveInquiry } from "@/lib/inquiries/receive-inquiry";
import { openException } from "@/lib/orders/exceptions";
import { receiveOrder } from "@/lib/orders/receive-order";
import { queueCounts } from "@/lib/queue/list-queue";
import { getSupervisorOverview } from "@/lib/supervisor/overview";
import { breachedClocksWords, countOpenBreaches, ordersWords } from "./open-breaches";

const H = 3_600_000;
// Tuesday 2026-11-24 12:00 New York: inside business hours.
const NOW = new Date("2026-11-24T17:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe("open breaches, in clocks and in orders", () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    const customer = await makeCustomer(db, { name: "Ada Lovelace" });
    const receive = async (key: string, placedAt: Date) =>
      (await receiveOrder(db, { customer: { id: customer.id }, externalId: key, items: [{ sku: "A", name: "Lamp", quantity: 1, unitPriceCents: 100 }], shippingAddress: testAddress, actor: { type: "api" }, at: placedAt })).order;
    // Two breached clocks on one order: its confirmation (1 business hour) and a delay notice (1 calendar hour).
    const twice = await receive("twice", ago(3 * H));
    await openException(db, { orderId: twice.id, kind: "carrier", explanation: "Truck broke down", actor: { type: "system" }, at: ago(3 * H) });
    await receive("once", ago(1.5 * H)); // confirmation due 30 min ago
    await receive("on-time", ago(5 * 60_000)); // 55 min left
    // A question from someone with no order here: its 24-hour clock breached, on no order and in no queue row.
    await receiveInquiry(db, { customerId: customer.id, orderId: null, channel: "email", body: "Do you ship to Canada?", actor: { type: "customer" }, at: ago(30 * H) });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("counts the clocks, the orders they are on (the queue's Breached), and those about no order", async () => {
    const breaches = await countOpenBreaches(handle.db, NOW);
    expect(breaches).toEqual({ clocks: 4, orders: 2, withoutOrder: 1 });
    expect((await queueCounts(handle.db, NOW)).breached).toBe(breaches.orders);
    expect((await getSupervisorOverview(handle.db, NOW)).openBreaches).toEqual(breaches);
  });

  it("names its unit", () => {
    expect([breachedClocksWords(1), breachedClocksWords(1234), ordersWords(1), ordersWords(19)]).toEqual(["1 breached clock", "1,234 breached clocks", "1 order", "19 orders"]);
  });
});
