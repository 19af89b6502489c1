import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, orderExceptions, orders, slaClocks, type ClockKind, type NewCustomer } from "@/db/schema";
import { makeCustomer, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { createApiKey } from "@/lib/integrations/api-keys";
import { applyTrackingEvent } from "@/lib/integrations/tracking-events";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { openException } from "@/lib/orders/exceptions";
import { receiveOrder } from "@/lib/orders/receive-order";
import { shipOrder } from "@/lib/orders/ship-order";
import { receiveChangeRequest } from "@/lib/requests/receive-request";
import { defaultNotificationSettings, type NotificationSettings } from "@/lib/settings/defaults";
import { updateNotificationSettings } from "@/lib/settings/update-settings";
import { milestoneKey, notifyMilestone } from "./milestones";
import { loadNoticeFacts } from "./notice-facts";
import { defaultFields, renderNotice } from "./templates";

// Automatic notices (design.md "Notifications", SOP 000 "System"), walked through the same domain functions the
// screens, the APIs and the carrier feed call. Default calendar: New York, 9–17 Mon–Fri.

const at = (iso: string) => new Date(iso);
const MON_0900 = at("2026-11-23T14:00:00Z"); // Monday 09:00 New York
const MON_0910 = at("2026-11-23T14:10:00Z");

let handle: DatabaseHandle;
let rep: Actor;
let supervisorId: string;
let carrierKeyId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep" })).id };
  supervisorId = (await makeUser(handle.db, { role: "supervisor" })).id;
  carrierKeyId = (await createApiKey(handle.db, { name: "Carrier feed", purpose: "carrier_events", createdBy: supervisorId })).id;
});
afterAll(async () => {
  await handle?.close();
});

/** Each test states the stage modes it depends on; everything else is the design.md default. */
async function useSettings(overrides: Partial<NotificationSettings["stages"]> = {}, smsQuietHours = defaultNotificationSettings.smsQuietHours) {
  await updateNotificationSettings(handle.db, {
    settings: { stages: { ...defaultNotificationSettings.stages, ...overrides }, smsQuietHours },
    actorUserId: supervisorId,
  });
}
beforeEach(() => useSettings());

let externalIds = 0;
async function newOrder(customer: Partial<NewCustomer> = {}, placed = MON_0900) {
  const { id } = await makeCustomer(handle.db, { name: "Ada Lovelace", timeZone: "America/New_York", ...customer });
  const { order } = await receiveOrder(handle.db, {
    customer: { id },
    externalId: `milestone-${++externalIds}`,
    items: [{ sku: "A", name: "Lamp", quantity: 1, unitPriceCents: 4000 }],
    shippingAddress: testAddress,
    actor: { type: "api" },
    at: placed,
  });
  return order;
}

const messagesOf = (orderId: string) => handle.db.select().from(messages).where(eq(messages.orderId, orderId)).orderBy(asc(messages.createdAt));
const clocksOf = (orderId: string, kind: ClockKind) =>
  handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, orderId), eq(slaClocks.kind, kind)));
const current = async (orderId: string) => (await handle.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;

const confirm = (orderId: string, when = MON_0910) =>
  changeOrderStatus(handle.db, { orderId, to: "confirmed", promisedDeliveryDate: "2026-11-30", actor: rep, at: when });

async function shipped(orderId: string, when = at("2026-11-23T18:00:00Z")) {
  await confirm(orderId);
  await changeOrderStatus(handle.db, { orderId, to: "processing", actor: rep, at: at("2026-11-23T15:00:00Z") });
  return shipOrder(handle.db, { orderId, carrier: "ups", trackingNumber: "1Z999AA10123456784", actor: rep, at: when });
}

const carrierEvent = (orderNumber: string, eventId: string, type: "out_for_delivery" | "delivered", occurredAt: Date) =>
  applyTrackingEvent(handle.db, { apiKeyId: carrierKeyId, event: { eventId, orderNumber, type, occurredAt }, payload: "{}" });

describe("automatic milestone notices", () => {
  it("confirming sends one order confirmation by the system to the preferred email, and meets the confirmation clock", async () => {
    const order = await newOrder({ email: "ada@example.com", preferredChannel: "email" });
    await confirm(order.id);

    const sent = await messagesOf(order.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template: "order_confirmation",
      channel: "email",
      toAddress: "ada@example.com",
      senderType: "system",
      senderUserId: null,
      status: "queued",
      sendAfter: MON_0910,
      createdAt: MON_0910,
      idempotencyKey: milestoneKey(order.id, "confirmation"),
    });
    expect(sent[0]!.subject).toBeTruthy();
    expect(sent[0]!.bodyText).toContain(order.number);
    expect(sent[0]!.bodyHtml).toContain(order.number);
    expect(await clocksOf(order.id, "confirmation")).toMatchObject([{ state: "met", breached: false, metAt: MON_0910 }]);
  });

  it("commits with the event: a transaction that rolls back leaves no message and the clock open", async () => {
    const order = await newOrder();
    await expect(
      handle.db.transaction(async (tx) => {
        await changeOrderStatus(tx, { orderId: order.id, to: "confirmed", promisedDeliveryDate: "2026-11-30", actor: rep, at: MON_0910 });
        expect(await tx.select().from(messages).where(eq(messages.orderId, order.id))).toHaveLength(1);
        throw new Error("something after the confirmation failed");
      }),
    ).rejects.toThrow("something after the confirmation failed");

    expect(await messagesOf(order.id)).toEqual([]);
    expect((await current(order.id)).status).toBe("received");
    expect(await clocksOf(order.id, "confirmation")).toMatchObject([{ state: "open" }]);
  });

  it("confirming without a promised date sends nothing: the confirmation must state the delivery date (SOP 001 §2)", async () => {
    const order = await newOrder();
    await changeOrderStatus(handle.db, { orderId: order.id, to: "confirmed", actor: rep, at: MON_0910 });
    expect(await messagesOf(order.id)).toEqual([]);
    expect(await clocksOf(order.id, "confirmation")).toMatchObject([{ state: "open" }]);
  });

  it("shipping sends the shipped notice with the tracking link, and meets the shipping-notice clock", async () => {
    const order = await newOrder();
    await shipped(order.id);
    const notice = (await messagesOf(order.id)).find((m) => m.template === "shipped");
    expect(notice).toMatchObject({ channel: "email", senderType: "system", idempotencyKey: milestoneKey(order.id, "shipped") });
    expect(notice!.bodyText).toContain("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(notice!.bodyText).toContain("1Z999AA10123456784");
    expect(await clocksOf(order.id, "shipping_notice")).toMatchObject([{ state: "met", breached: false }]);
  });

  it("the same milestone arriving again notifies once", async () => {
    const order = await newOrder();
    await shipped(order.id);
    const first = await carrierEvent(order.number, "scan-1", "delivered", at("2026-11-25T17:00:00Z"));
    expect(first).toMatchObject({ kind: "recorded", outcome: "applied", duplicate: false });
    // The carrier re-sends the scan (same id), then sends another delivered scan with a new id.
    expect(await carrierEvent(order.number, "scan-1", "delivered", at("2026-11-25T17:00:00Z"))).toMatchObject({ duplicate: true });
    expect(await carrierEvent(order.number, "scan-2", "delivered", at("2026-11-25T17:05:00Z"))).toMatchObject({ outcome: "ignored" });
    // And the hook itself runs twice (a retried job, a second code path): the key finds the first message.
    const again = await notifyMilestone(handle.db, { orderId: order.id, stage: "delivered", at: at("2026-11-25T18:00:00Z") });

    const delivered = (await messagesOf(order.id)).filter((m) => m.template === "delivered");
    expect(delivered).toHaveLength(1);
    expect(again?.id).toBe(delivered[0]!.id);
    expect(delivered[0]!.createdAt).toEqual(at("2026-11-25T17:00:00Z"));
  });

  it("a carrier scan that skips steps sends the delivered notice only, not a stale out-for-delivery one", async () => {
    const order = await newOrder();
    await shipped(order.id);
    await carrierEvent(order.number, "skip-1", "delivered", at("2026-11-25T17:00:00Z"));
    expect((await current(order.id)).status).toBe("delivered");
    expect((await messagesOf(order.id)).map((m) => m.template)).toEqual(["order_confirmation", "shipped", "delivered"]);
    expect(await clocksOf(order.id, "out_for_delivery_notice")).toMatchObject([{ state: "cancelled" }]);
    expect(await clocksOf(order.id, "delivery_notice")).toMatchObject([{ state: "met" }]);
  });

  it("out for delivery, then delivered: one notice each", async () => {
    const order = await newOrder();
    await shipped(order.id);
    await carrierEvent(order.number, "ofd-1", "out_for_delivery", at("2026-11-25T13:00:00Z"));
    await carrierEvent(order.number, "ofd-2", "delivered", at("2026-11-25T17:00:00Z"));
    expect((await messagesOf(order.id)).map((m) => m.template)).toEqual(["order_confirmation", "shipped", "out_for_delivery", "delivered"]);
    expect(await clocksOf(order.id, "out_for_delivery_notice")).toMatchObject([{ state: "met" }]);
  });

  it('a stage set to "suggest" sends nothing and leaves its clock for a rep', async () => {
    await useSettings({ confirmation: "suggest" });
    const order = await newOrder();
    await confirm(order.id);
    expect(await messagesOf(order.id)).toEqual([]);
    expect(await clocksOf(order.id, "confirmation")).toMatchObject([{ state: "open" }]);
    expect((await current(order.id)).nextClockKind).toBe("confirmation");
  });

  it("a customer who prefers the phone gets an email: the system cannot call", async () => {
    const order = await newOrder({ email: "phone.person@example.com", phone: "+15550100", preferredChannel: "phone", smsConsent: true });
    await confirm(order.id);
    expect(await messagesOf(order.id)).toMatchObject([{ channel: "email", toAddress: "phone.person@example.com", template: "order_confirmation" }]);
  });

  it("a customer with only a phone and no SMS consent gets a portal message", async () => {
    const order = await newOrder({ email: null, phone: "+15550101", preferredChannel: "phone", smsConsent: false });
    await confirm(order.id);
    expect(await messagesOf(order.id)).toMatchObject([{ channel: "portal", status: "logged", toAddress: null, senderType: "system" }]);
    expect(await clocksOf(order.id, "confirmation")).toMatchObject([{ state: "met" }]);
  });

  it("an SMS at 23:00 in the customer's zone waits in the outbox until 08:00 there", async () => {
    const order = await newOrder({ phone: "+15550102", preferredChannel: "sms", smsConsent: true, timeZone: "America/Los_Angeles" });
    const lateEvening = at("2026-11-24T07:00:00Z"); // Monday 23:00 in Los Angeles
    await confirm(order.id, lateEvening);
    const [sms] = await messagesOf(order.id);
    expect(sms).toMatchObject({ channel: "sms", toAddress: "+15550102", status: "queued", urgent: false, createdAt: lateEvening });
    expect(sms!.sendAfter).toEqual(at("2026-11-24T16:00:00Z")); // Tuesday 08:00 in Los Angeles
    expect(sms!.bodyText.length).toBeGreaterThan(0);
    expect(sms!.bodyHtml).toBeNull();
  });

  it("releasing an order from hold sends nothing new", async () => {
    const order = await newOrder();
    const confirmed = await confirm(order.id);
    const held = await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: confirmed.version, to: "on_hold", holdReason: "stock", actor: rep, at: at("2026-11-23T15:00:00Z") });
    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: held.version, to: "confirmed", actor: rep, at: at("2026-11-23T16:00:00Z") });
    expect((await messagesOf(order.id)).map((m) => m.template)).toEqual(["order_confirmation"]);
  });

  it("a request to modify or cancel is acknowledged automatically, meeting request_ack but not its outcome", async () => {
    const order = await newOrder();
    await confirm(order.id);
    const request = await receiveChangeRequest(handle.db, { orderId: order.id, kind: "cancel", payload: {}, source: "customer", actor: { type: "customer" }, at: at("2026-11-23T15:30:00Z") });
    const acks = (await messagesOf(order.id)).filter((m) => m.template === "request_received");
    expect(acks).toMatchObject([{ senderType: "system", channel: "email", idempotencyKey: milestoneKey(order.id, "request_received", request.id) }]);
    expect(acks[0]!.bodyText).toContain(`request to cancel`);
    const clocks = await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, request.id));
    expect(Object.fromEntries(clocks.map((c) => [c.kind, c.state]))).toEqual({ request_ack: "met", request_outcome: "open" });
  });
});

describe("automatic delay notices", () => {
  it("the design default leaves a delay to a rep", async () => {
    const order = await newOrder();
    await confirm(order.id);
    const exception = await openException(handle.db, { orderId: order.id, kind: "backorder", explanation: "The supplier shipped late.", revisedEta: "2026-12-03", actor: rep, at: at("2026-11-24T15:00:00Z") });
    expect((await messagesOf(order.id)).map((m) => m.template)).toEqual(["order_confirmation"]);
    expect(await clocksOf(order.id, "delay_notice")).toMatchObject([{ state: "open", subjectId: exception.id }]);
  });

  it("set to automatic, a delay still waits for a rep: its cause cannot be prefilled from the order", async () => {
    await useSettings({ delay: "automatic" });
    const order = await newOrder();
    await confirm(order.id);
    const exception = await openException(handle.db, { orderId: order.id, kind: "backorder", explanation: "The supplier shipped late.", revisedEta: "2026-12-03", actor: rep, at: at("2026-11-24T15:00:00Z") });

    // Why: defaultFields fills the revised date, apology and next steps, but not the required cause (the
    // exception's explanation is internal wording, not written for the customer), so the hook finds a gap.
    const facts = await loadNoticeFacts(handle.db, { orderId: order.id });
    const fields = defaultFields("delay", facts);
    expect(fields).toMatchObject({ cause: "", revisedEta: "2026-12-03" });
    expect((await renderNotice("delay", facts, fields)).missing.map((m) => m.name)).toEqual(["cause"]);

    expect((await messagesOf(order.id)).map((m) => m.template)).toEqual(["order_confirmation"]);
    expect(await clocksOf(order.id, "delay_notice")).toMatchObject([{ state: "open", subjectId: exception.id }]);
    const [stored] = await handle.db.select().from(orderExceptions).where(eq(orderExceptions.id, exception.id));
    expect(stored!.customerNotifiedAt).toBeNull();
  });
});
