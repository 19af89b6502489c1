import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accuracyErrors, changeRequests, messages, orderEvents, orderItems, orders, slaClocks, type NewCustomer, type Order, type RequestKind } from "@/db/schema";
import { makeCustomer, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { receiveOrder } from "@/lib/orders/receive-order";
import { buildTimeline } from "@/lib/orders/timeline";
import { defaultNotificationSettings } from "@/lib/settings/defaults";
import { updateNotificationSettings } from "@/lib/settings/update-settings";
import { approveRequest, rejectRequest } from "./decide-request";
import { receiveChangeRequest } from "./receive-request";
import { refundTimelines } from "./refund";

// Deciding requests (design.md "Requests"): approval applies the change in the decision's transaction, a second
// decision is refused with who made the first, and the outcome notice meets the clocks. Default calendar: New York,
// 9–17 Mon–Fri.

const at = (iso: string) => new Date(iso);
const MON_0900 = at("2026-11-23T14:00:00Z");
const MON_1000 = at("2026-11-23T15:00:00Z");
const MON_1100 = at("2026-11-23T16:00:00Z");
const newAddress = { ...testAddress, line1: "9 Elm St", postalCode: "01102" };

let handle: DatabaseHandle;
let rep: Actor;
let otherRep: Actor;
let supervisorId: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id };
  otherRep = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Robin Rep" })).id };
  supervisorId = (await makeUser(handle.db, { role: "supervisor" })).id;
});
afterAll(async () => {
  await handle?.close();
});

let externalIds = 0;
/** A confirmed order: 2 × Lamp at $40.00 and 1 × Mug at $12.50, $5.00 shipping, promised for Monday Nov 30. */
async function confirmedOrder(options: { paymentStatus?: Order["paymentStatus"]; customer?: Partial<NewCustomer> } = {}): Promise<Order> {
  const { id } = await makeCustomer(handle.db, { name: "Ada Lovelace", timeZone: "America/New_York", ...options.customer });
  const { order } = await receiveOrder(handle.db, {
    customer: { id },
    externalId: `decide-${++externalIds}`,
    items: [
      { sku: "LAMP", name: "Lamp", quantity: 2, unitPriceCents: 4000 },
      { sku: "MUG", name: "Mug", quantity: 1, unitPriceCents: 1250 },
    ],
    shippingCents: 500,
    shippingAddress: testAddress,
    actor: { type: "api" },
    at: MON_0900,
  });
  const confirmed = await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: order.version, to: "confirmed", promisedDeliveryDate: "2026-11-30", actor: rep, at: at("2026-11-23T14:10:00Z") });
  if (!options.paymentStatus) return confirmed;
  const [paid] = await handle.db.update(orders).set({ paymentStatus: options.paymentStatus }).where(eq(orders.id, order.id)).returning();
  return paid!;
}

const request = (order: Order, kind: RequestKind, payload: Record<string, unknown>) =>
  receiveChangeRequest(handle.db, { orderId: order.id, kind, payload, source: "customer", actor: { type: "customer" }, at: MON_1000 });
const orderRow = async (id: string) => (await handle.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const requestRow = async (id: string) => (await handle.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0]!;
const eventsOf = async (orderId: string) => (await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id))).map((e) => e.type);
const outcomesOf = (orderId: string) => handle.db.select().from(messages).where(and(eq(messages.orderId, orderId), eq(messages.template, "request_outcome")));
const requestClocks = async (requestId: string) =>
  Object.fromEntries((await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, requestId))).map((c) => [c.kind, c]));

describe("approving applies the change in the decision's transaction", () => {
  it("a new address: replaced, recorded as the customer's change (no accuracy error), the customer told, both clocks met", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_address", { shippingAddress: newAddress });
    const decision = await approveRequest(handle.db, { requestId: asked.id, expectedStatus: "open", actor: rep, at: MON_1100 });

    expect((await orderRow(order.id)).shippingAddress).toEqual(newAddress);
    expect(decision.request).toMatchObject({ status: "approved", decidedBy: (rep as { userId: string }).userId, decidedAt: MON_1100, refundCents: null });
    expect(await eventsOf(order.id)).toEqual(expect.arrayContaining(["request_received", "correction", "request_approved"]));
    expect(await handle.db.select().from(accuracyErrors).where(eq(accuracyErrors.orderId, order.id))).toEqual([]);

    const [outcome] = await outcomesOf(order.id);
    expect(outcome).toMatchObject({ channel: "email", senderType: "user", senderUserId: (rep as { userId: string }).userId, idempotencyKey: `request-outcome:${asked.id}` });
    expect(outcome!.subject).toContain("has been approved");
    expect(outcome!.bodyText).toContain("Your order will be delivered to: Ada Lovelace, 9 Elm St, Springfield, MA 01102, US.");
    expect(decision.notice?.id).toBe(outcome!.id);
    const clocks = await requestClocks(asked.id);
    expect(clocks.request_ack).toMatchObject({ state: "met", breached: false }); // by the automatic acknowledgement
    expect(clocks.request_outcome).toMatchObject({ state: "met", breached: false, metByMessageId: outcome!.id });

    // The history reads the request and its decision.
    const timeline = buildTimeline((await getOrderDetail(handle.db, order.number))!);
    expect(timeline.map((e) => e.title)).toEqual(
      expect.arrayContaining(["Request received: change the shipping address", "Request approved: change the shipping address", "Shipping address corrected (cause: customer request)"]),
    );
    expect(timeline.find((e) => e.title.startsWith("Request received"))).toMatchObject({ actor: "Customer", detail: "Ship to: Ada Lovelace, 9 Elm St, Springfield, MA 01102, US" });
    expect(timeline.find((e) => e.title.startsWith("Request approved"))).toMatchObject({ actor: "Riley Rep" });
  });

  it("a request that fixes our own mistake records an accuracy error once the order was confirmed", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_address", { shippingAddress: newAddress });
    await approveRequest(handle.db, { requestId: asked.id, actor: rep, cause: "our_error", at: MON_1100 });
    expect(await handle.db.select().from(accuracyErrors).where(eq(accuracyErrors.orderId, order.id))).toMatchObject([{ field: "address", cause: "our_error" }]);
  });

  it("before confirmation even our own mistake is only history: confirming is where it is caught", async () => {
    const { id } = await makeCustomer(handle.db, { name: "Ada Lovelace" });
    const { order } = await receiveOrder(handle.db, { customer: { id }, externalId: `decide-${++externalIds}`, items: [{ sku: "A", name: "Lamp", quantity: 1, unitPriceCents: 4000 }], shippingAddress: testAddress, actor: { type: "api" }, at: MON_0900 });
    const asked = await request(order, "change_address", { shippingAddress: newAddress });
    await approveRequest(handle.db, { requestId: asked.id, actor: rep, cause: "our_error", at: MON_1100 });
    expect((await orderRow(order.id)).shippingAddress).toEqual(newAddress);
    expect(await handle.db.select().from(accuracyErrors).where(eq(accuracyErrors.orderId, order.id))).toEqual([]);
  });

  it("new quantities: items and totals recomputed, the difference refunded when it was paid", async () => {
    const order = await confirmedOrder({ paymentStatus: "paid" });
    const asked = await request(order, "change_items", { lines: [{ sku: "LAMP", quantity: 1 }, { sku: "MUG", quantity: 0 }] });
    const decision = await approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 });

    const items = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(items.map((i) => [i.sku, i.quantity, i.unitPriceCents])).toEqual([["LAMP", 1, 4000]]);
    // Was 2 × 40.00 + 12.50 + 5.00 shipping = 97.50; now 40.00 + 5.00 = 45.00.
    expect(await orderRow(order.id)).toMatchObject({ subtotalCents: 4000, shippingCents: 500, totalCents: 4500 });
    expect(decision.request.refundCents).toBe(5250);
    const [outcome] = await outcomesOf(order.id);
    expect(outcome!.bodyText).toContain("Your order now contains: 1 × Lamp. New total: $45.00 (was $97.50).");
    expect(outcome!.bodyText).toContain("$52.50");
    expect(outcome!.bodyText).toContain(refundTimelines.refund);
  });

  it("a change described in words needs the rep's list; with it, the list replaces the items", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_items", { note: "The sage lamp instead of the grey one" });
    await expect(approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 })).rejects.toThrow("set the new items when approving");
    expect(await requestRow(asked.id)).toMatchObject({ status: "open" });

    const items = [
      { sku: "LAMP-SAGE", name: "Lamp, sage", quantity: 2, unitPriceCents: 4000 },
      { sku: "MUG", name: "Mug", quantity: 1, unitPriceCents: 1250 },
    ];
    await approveRequest(handle.db, { requestId: asked.id, actor: rep, items, at: MON_1100 });
    const stored = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.sku));
    expect(stored.map((i) => i.sku)).toEqual(["LAMP-SAGE", "MUG"]);
    expect((await requestRow(asked.id)).refundCents).toBeNull();
  });

  it("a new delivery date becomes the promise: the order, its event and the delivery-promise clock follow it", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_delivery_date", { deliveryDate: "2026-12-04" });
    await approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 });

    expect(await orderRow(order.id)).toMatchObject({ promisedDeliveryDate: "2026-12-04", revisedDeliveryDate: null, version: order.version + 1 });
    const promises = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "delivery_promise"))).orderBy(asc(slaClocks.dueAt));
    // End of the promised day in the customer's New York time (05:00 UTC the next morning).
    expect(promises.map((c) => [c.state, c.dueAt.toISOString()])).toEqual([
      ["cancelled", "2026-12-01T05:00:00.000Z"],
      ["open", "2026-12-05T05:00:00.000Z"],
    ]);
    const [changed] = await handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, "delivery_date_changed")));
    expect(changed).toMatchObject({ data: { before: "2026-11-30", after: "2026-12-04", requestId: asked.id } });
    const [outcome] = await outcomesOf(order.id);
    expect(outcome!.bodyText).toContain("We will deliver your order on Fri, Dec 4, 2026.");
  });

  it("a cancellation: cancelled with the customer's reason, its progress clocks dropped, the refund and its timeline told", async () => {
    const order = await confirmedOrder({ paymentStatus: "paid" });
    const asked = await request(order, "cancel", { reason: "Ordered by mistake" });
    const decision = await approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 });

    expect(await orderRow(order.id)).toMatchObject({ status: "cancelled", cancelledAt: MON_1100, cancelReason: "The customer asked to cancel: Ordered by mistake" });
    expect(decision.request.refundCents).toBe(9750);
    const progress = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "processing_update")));
    expect(progress).toMatchObject([{ state: "cancelled" }]);
    const [outcome] = await outcomesOf(order.id);
    expect(outcome!.bodyText).toContain("Your order has been cancelled.");
    expect(outcome!.bodyText).toContain("$97.50");
    expect(outcome!.bodyText).toContain("within 5–10 business days");
    expect((await requestClocks(asked.id)).request_outcome).toMatchObject({ state: "met" });
  });

  it("a cancellation of an authorized payment releases it within 1–3 business days", async () => {
    const order = await confirmedOrder({ paymentStatus: "authorized" });
    const asked = await request(order, "cancel", {});
    await approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 });
    const [outcome] = await outcomesOf(order.id);
    expect(outcome!.bodyText).toContain("released within 1–3 business days");
    expect((await orderRow(order.id)).cancelReason).toBe("The customer asked to cancel");
  });
});

describe("rejecting", () => {
  it("needs a reason, changes nothing on the order, and tells the customer why", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_address", { shippingAddress: newAddress });
    await expect(rejectRequest(handle.db, { requestId: asked.id, reason: "  ", actor: rep, at: MON_1100 })).rejects.toThrow("Say why");

    const decision = await rejectRequest(handle.db, { requestId: asked.id, reason: "The new address is outside our delivery area.", actor: rep, at: MON_1100 });
    expect(decision.request).toMatchObject({ status: "rejected", decisionReason: "The new address is outside our delivery area.", decidedAt: MON_1100 });
    expect(await orderRow(order.id)).toMatchObject({ shippingAddress: testAddress, version: order.version });
    expect(await eventsOf(order.id)).toContain("request_rejected");
    const [outcome] = await outcomesOf(order.id);
    expect(outcome!.subject).toContain("has been declined");
    expect(outcome!.bodyText).toContain("The new address is outside our delivery area.");
    expect((await requestClocks(asked.id)).request_outcome).toMatchObject({ state: "met" });
  });
});

describe("two decisions on one request", () => {
  it("the second is refused with who decided and when, and nothing is applied twice", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_address", { shippingAddress: newAddress });
    await approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 });
    const again = /^Already approved by Riley Rep at Nov 23, 2026, 4:00 PM UTC\. Nothing was changed\.$/;
    await expect(approveRequest(handle.db, { requestId: asked.id, actor: otherRep, at: MON_1100 })).rejects.toThrow(again);
    await expect(rejectRequest(handle.db, { requestId: asked.id, reason: "Too late", actor: otherRep, at: MON_1100 })).rejects.toThrow(again);
    expect((await eventsOf(order.id)).filter((t) => t === "correction" || t === "request_approved")).toEqual(["correction", "request_approved"]);
    expect(await outcomesOf(order.id)).toHaveLength(1);
  });

  it("at the same moment, exactly one wins", async () => {
    const order = await confirmedOrder({ paymentStatus: "paid" });
    const asked = await request(order, "change_items", { lines: [{ sku: "LAMP", quantity: 3 }] });
    const results = await Promise.allSettled([
      approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 }),
      approveRequest(handle.db, { requestId: asked.id, actor: otherRep, at: MON_1100 }),
      rejectRequest(handle.db, { requestId: asked.id, reason: "Out of stock", actor: otherRep, at: MON_1100 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const loser of results.filter((r) => r.status === "rejected")) expect(String(loser.reason)).toMatch(/^UserFacingError: Already (approved|rejected) by R(iley|obin) Rep at/);
    const lamp = await handle.db.select().from(orderItems).where(and(eq(orderItems.orderId, order.id), eq(orderItems.sku, "LAMP")));
    const decided = await requestRow(asked.id);
    expect(lamp[0]!.quantity).toBe(decided.status === "approved" ? 3 : 2);
    expect((await eventsOf(order.id)).filter((t) => t.startsWith("request_") && t !== "request_received")).toHaveLength(1);
    expect(await outcomesOf(order.id)).toHaveLength(1);
  });

  it("an order that shipped since the request came in: approval is refused with the reason, the request stays open", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "cancel", { reason: "Changed my mind" });
    await handle.db.update(orders).set({ status: "shipped", shippedAt: MON_1000 }).where(eq(orders.id, order.id));
    await expect(approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 })).rejects.toThrow(
      "Already shipped — a return can be arranged once it arrives. Reject the request with this reason.",
    );
    expect(await requestRow(asked.id)).toMatchObject({ status: "open", decidedAt: null });
    expect(await orderRow(order.id)).toMatchObject({ status: "shipped", cancelledAt: null });
    await rejectRequest(handle.db, { requestId: asked.id, reason: "Already shipped — a return can be arranged once it arrives.", actor: rep, at: MON_1100 });
    expect(await requestRow(asked.id)).toMatchObject({ status: "rejected" });
  });
});

describe("the outcome clock", () => {
  it("without notifying, the decision stands and request_outcome stays open", async () => {
    const order = await confirmedOrder();
    const asked = await request(order, "change_delivery_date", { deliveryDate: "2026-12-04" });
    const decision = await approveRequest(handle.db, { requestId: asked.id, actor: rep, notify: false, at: MON_1100 });
    expect(decision).toMatchObject({ notice: null, problem: null, request: { status: "approved" } });
    expect(await outcomesOf(order.id)).toEqual([]);
    expect((await requestClocks(asked.id)).request_outcome).toMatchObject({ state: "open" });
  });

  it("when the notice cannot be sent, the decision still commits, the problem is returned and the clock stays open", async () => {
    const order = await confirmedOrder({ customer: { name: "" } });
    const asked = await request(order, "cancel", {});
    const decision = await approveRequest(handle.db, { requestId: asked.id, actor: rep, at: MON_1100 });
    expect(decision.notice).toBeNull();
    expect(decision.problem).toMatch(/Customer name/);
    expect(await orderRow(order.id)).toMatchObject({ status: "cancelled" });
    expect(await requestRow(asked.id)).toMatchObject({ status: "approved" });
    expect((await requestClocks(asked.id)).request_outcome).toMatchObject({ state: "open" });
  });

  it("an outcome sent before any acknowledgement meets request_ack as well", async () => {
    const stages = { ...defaultNotificationSettings.stages, request_received: "suggest" as const };
    await updateNotificationSettings(handle.db, { settings: { ...defaultNotificationSettings, stages }, actorUserId: supervisorId });
    try {
      const order = await confirmedOrder();
      const asked = await request(order, "change_address", { shippingAddress: newAddress });
      expect((await requestClocks(asked.id)).request_ack).toMatchObject({ state: "open" });
      // Decided at Monday 11:00, after the 1-business-hour acknowledgement was due (10:00 + 1 h = 11:00: on time).
      const decision = await rejectRequest(handle.db, { requestId: asked.id, reason: "The parcel had already left our warehouse.", actor: rep, at: MON_1100 });
      const clocks = await requestClocks(asked.id);
      expect(clocks.request_ack).toMatchObject({ state: "met", breached: false, metByMessageId: decision.notice!.id });
      expect(clocks.request_outcome).toMatchObject({ state: "met", metByMessageId: decision.notice!.id });
    } finally {
      await updateNotificationSettings(handle.db, { settings: defaultNotificationSettings, actorUserId: supervisorId });
    }
  });
});
