import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderExceptions, orders, slaClocks, type ClockKind } from "@/db/schema";
import { makeCustomer, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { raiseEscalation } from "@/lib/escalations/raise-escalation";
import { acknowledgeEscalation } from "@/lib/escalations/work-escalation";
import { receiveInquiry } from "@/lib/inquiries/receive-inquiry";
import { recordNotice } from "@/lib/notifications/record-notice";
import { shipOrder } from "@/lib/orders/ship-order";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { openException, resolveException } from "@/lib/orders/exceptions";
import { receiveOrder } from "@/lib/orders/receive-order";
import { receiveChangeRequest } from "@/lib/requests/receive-request";
import { defaultNotificationSettings, defaultSlaPolicy, notificationStages } from "@/lib/settings/defaults";
import { editableClockKinds, type SlaPolicyInput } from "@/lib/settings/settings-schemas";
import { updateNotificationSettings, updateSlaPolicy } from "@/lib/settings/update-settings";

// Each domain event opens and closes the right clocks in its own transaction (default calendar: New York, 9–17
// Mon–Fri, Thanksgiving 2026-11-26 closed). Runs on PGlite and, in CI, on PostgreSQL.

const at = (iso: string) => new Date(iso);
const FRI_1645 = at("2026-11-20T21:45:00Z"); // Friday 16:45 New York

describe("clocks follow domain events", () => {
  let handle: DatabaseHandle;
  let rep: Actor;
  let customerId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep" })).id };
    customerId = (await makeCustomer(handle.db, { timeZone: "America/Los_Angeles", phone: "+15550100", preferredChannel: "email" })).id;
    // These tests record notices by hand, at chosen times, to check the clock rules; every stage waits for a rep so
    // no automatic notice meets a clock first (automatic notices: lib/notifications/milestones.test.ts).
    const stages = Object.fromEntries(notificationStages.map((s) => [s, "suggest" as const])) as typeof defaultNotificationSettings.stages;
    const supervisorId = (await makeUser(handle.db, { role: "supervisor" })).id;
    await updateNotificationSettings(handle.db, { settings: { ...defaultNotificationSettings, stages }, actorUserId: supervisorId });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const clocksOf = (orderId: string) => handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, orderId)).orderBy(slaClocks.createdAt, slaClocks.kind);
  const clock = async (orderId: string, kind: ClockKind) => (await clocksOf(orderId)).filter((c) => c.kind === kind);
  const head = async (orderId: string) => (await handle.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
  const newOrder = (externalId: string, placed = FRI_1645) =>
    receiveOrder(handle.db, { customer: { id: customerId }, externalId, items: [{ sku: "A", name: "Lamp", quantity: 1, unitPriceCents: 4000 }], shippingAddress: testAddress, actor: { type: "api" }, at: placed });
  const notice = (orderId: string, template: Parameters<typeof recordNotice>[1]["template"], when: Date, extra: Partial<Parameters<typeof recordNotice>[1]> = {}) =>
    recordNotice(handle.db, { orderId, customerId, template, channel: "email", subject: "s", bodyText: "b", actor: { type: "system" }, at: when, ...extra });

  it("walks an order from intake to delivery, each step opening and meeting its clocks", async () => {
    const { order } = await newOrder("walk-1");
    // Received Friday 16:45 → confirmation due Monday 09:45 (SOP 001 §2), and it heads the queue.
    expect(await clock(order.id, "confirmation")).toMatchObject([{ state: "open", dueAt: at("2026-11-23T14:45:00Z") }]);
    expect(await head(order.id)).toMatchObject({ nextClockKind: "confirmation", nextDueAt: at("2026-11-23T14:45:00Z") });

    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: order.version, to: "confirmed", promisedDeliveryDate: "2026-11-30", actor: rep, at: at("2026-11-23T14:10:00Z") });
    // Confirming opens processing_update (2 business days: Monday 09:10 → Wednesday 09:10) and the delivery promise
    // (end of Nov 30 in the customer's Los Angeles time); the confirmation clock waits for its notice.
    expect(await clock(order.id, "processing_update")).toMatchObject([{ state: "open", dueAt: at("2026-11-25T14:10:00Z") }]);
    expect(await clock(order.id, "delivery_promise")).toMatchObject([{ state: "open", dueAt: at("2026-12-01T08:00:00Z") }]);
    expect((await clock(order.id, "confirmation"))[0]!.state).toBe("open");

    await notice(order.id, "order_confirmation", at("2026-11-23T14:20:00Z"));
    expect(await clock(order.id, "confirmation")).toMatchObject([{ state: "met", breached: false }]);
    expect((await head(order.id)).nextClockKind).toBe("processing_update");

    const exception = await openException(handle.db, { orderId: order.id, kind: "backorder", explanation: "Supplier late", revisedEta: "2026-12-03", actor: rep, at: at("2026-11-24T15:00:00Z") });
    expect(await clock(order.id, "delay_notice")).toMatchObject([{ state: "open", subjectId: exception.id, dueAt: at("2026-11-24T16:00:00Z") }]);
    expect((await head(order.id)).nextClockKind).toBe("delay_notice");
    await notice(order.id, "delay", at("2026-11-24T15:30:00Z"), { subjectId: exception.id });
    expect(await clock(order.id, "delay_notice")).toMatchObject([{ state: "met", breached: false }]);
    expect((await handle.db.select().from(orderExceptions).where(eq(orderExceptions.id, exception.id)))[0]!.customerNotifiedAt).toEqual(at("2026-11-24T15:30:00Z"));

    const o = await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: (await head(order.id)).version, to: "processing", actor: rep, at: at("2026-11-24T16:00:00Z") });
    await shipOrder(handle.db, { orderId: order.id, expectedVersion: o.version, carrier: "ups", trackingNumber: "1Z999AA10123456784", actor: rep, at: at("2026-11-24T18:00:00Z") });
    expect(await clock(order.id, "processing_update")).toMatchObject([{ state: "met", breached: false }]);
    expect(await clock(order.id, "shipping_notice")).toMatchObject([{ state: "open", dueAt: at("2026-11-24T19:00:00Z") }]);
    await notice(order.id, "shipped", at("2026-11-24T19:30:00Z"));
    expect(await clock(order.id, "shipping_notice")).toMatchObject([{ state: "met", breached: true }]); // 30 minutes late

    // Carrier events skip straight to delivered: delivery notice opens, the promise is met on time.
    await changeOrderStatus(handle.db, { orderId: order.id, to: "delivered", actor: { type: "carrier" }, at: at("2026-11-27T20:00:00Z") });
    expect(await clock(order.id, "delivery_notice")).toMatchObject([{ state: "open" }]);
    expect(await clock(order.id, "delivery_promise")).toMatchObject([{ state: "met", breached: false }]);
    await notice(order.id, "delivered", at("2026-11-27T20:10:00Z"));
    expect((await head(order.id)).nextClockId).toBeNull();
    expect((await clocksOf(order.id)).filter((c) => c.state === "open")).toEqual([]);
  });

  it("records a confirmation sent after its business hour as breached", async () => {
    const { order } = await newOrder("late-1");
    await notice(order.id, "order_confirmation", at("2026-11-23T15:00:00Z")); // Monday 10:00, due 09:45
    expect(await clock(order.id, "confirmation")).toMatchObject([{ state: "met", breached: true }]);
  });

  it("cancelling an order drops its progress clocks but keeps a pending request's", async () => {
    const { order } = await newOrder("cancel-1");
    const confirmed = await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: 1, to: "confirmed", promisedDeliveryDate: "2026-11-30", actor: rep, at: at("2026-11-23T14:00:00Z") });
    const request = await receiveChangeRequest(handle.db, { orderId: order.id, kind: "cancel", payload: {}, source: "rep", actor: rep, at: at("2026-11-23T14:30:00Z") });
    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: confirmed.version, to: "cancelled", reason: "Customer asked", actor: rep, at: at("2026-11-23T15:00:00Z") });
    const states = Object.fromEntries((await clocksOf(order.id)).map((c) => [c.kind, c.state]));
    expect(states).toMatchObject({ confirmation: "cancelled", processing_update: "cancelled", delivery_promise: "cancelled", request_ack: "open", request_outcome: "open" });
    expect((await head(order.id)).nextClockKind).toBe("request_ack");
    // The acknowledgement meets request_ack only; the outcome clock waits for the decision.
    await notice(order.id, "request_received", at("2026-11-23T15:10:00Z"), { subjectId: request.id });
    expect(Object.fromEntries((await clocksOf(order.id)).map((c) => [c.kind, c.state]))).toMatchObject({ request_ack: "met", request_outcome: "open" });
  });

  it("pauses clocks while on hold and moves their due time by the paused business time", async () => {
    const { order } = await newOrder("hold-1", at("2026-11-24T14:00:00Z")); // Tuesday 09:00, due 10:00
    const held = await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: 1, to: "on_hold", holdReason: "payment", actor: rep, at: at("2026-11-24T14:30:00Z") });
    expect(await clock(order.id, "confirmation")).toMatchObject([{ state: "paused" }]);
    expect((await head(order.id)).nextClockId).toBeNull();
    // Released Friday 09:30 after Thanksgiving: paused Tue 09:30–17:00 (7.5 h) + Wed 8 h + Fri 0.5 h = 16 business hours.
    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: held.version, to: "received", actor: rep, at: at("2026-11-27T14:30:00Z") });
    expect(await clock(order.id, "confirmation")).toMatchObject([{ state: "open", pausedSeconds: 16 * 3600, dueAt: at("2026-11-27T15:00:00Z") }]);
    expect((await head(order.id)).nextDueAt).toEqual(at("2026-11-27T15:00:00Z"));
  });

  it("a clock met while paused is judged by the time it had left when paused, not by its old deadline", async () => {
    const { order } = await newOrder("hold-met-1", at("2026-11-24T14:00:00Z")); // Tuesday 09:00, due 10:00
    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: 1, to: "on_hold", holdReason: "payment", actor: rep, at: at("2026-11-24T14:30:00Z") });
    // The confirmation goes out during the hold, hours after the pre-pause deadline: the hold's time does not count.
    await notice(order.id, "order_confirmation", at("2026-11-24T19:00:00Z"));
    expect(await clock(order.id, "confirmation")).toMatchObject([{ state: "met", breached: false }]);

    // Already late when paused: met later, it stays breached.
    const { order: late } = await newOrder("hold-met-2", at("2026-11-24T14:00:00Z"));
    await changeOrderStatus(handle.db, { orderId: late.id, expectedVersion: 1, to: "on_hold", holdReason: "payment", actor: rep, at: at("2026-11-24T15:30:00Z") });
    await notice(late.id, "order_confirmation", at("2026-11-24T16:00:00Z"));
    expect(await clock(late.id, "confirmation")).toMatchObject([{ state: "met", breached: true }]);
  });

  it("resolving a delay before the customer was told cancels its notice clock", async () => {
    const { order } = await newOrder("resolve-1");
    const exception = await openException(handle.db, { orderId: order.id, kind: "weather", explanation: "Storm", actor: rep, at: at("2026-11-24T15:00:00Z") });
    await resolveException(handle.db, { exceptionId: exception.id, resolution: "Cleared", actor: rep, at: at("2026-11-24T15:20:00Z") });
    expect(await clock(order.id, "delay_notice")).toMatchObject([{ state: "cancelled", breached: false }]);
  });

  it("opens inquiry and escalation clocks, with or without an order", async () => {
    const inquiry = await receiveInquiry(handle.db, { customerId, channel: "email", body: "Do you ship to Canada?", actor: { type: "customer" }, at: at("2026-11-24T15:00:00Z") });
    const [ack] = await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, inquiry.id));
    expect(ack).toMatchObject({ kind: "inquiry_ack", orderId: null, state: "open", dueAt: at("2026-11-25T15:00:00Z") });
    await recordNotice(handle.db, { orderId: null, customerId, template: "inquiry_response", channel: "email", bodyText: "Yes", subjectId: inquiry.id, actor: rep, at: at("2026-11-24T16:00:00Z") });
    expect((await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, inquiry.id)))[0]!.state).toBe("met");

    const { order } = await newOrder("esc-1");
    const supervisor = await makeUser(handle.db, { role: "supervisor" });
    const { escalation } = await raiseEscalation(handle.db, { subject: "order", subjectId: order.id, reason: "Angry customer", severity: "high", actor: rep, at: at("2026-11-24T15:00:00Z") });
    expect(await clock(order.id, "escalation_response")).toMatchObject([{ state: "open", dueAt: at("2026-11-24T19:00:00Z") }]);
    await acknowledgeEscalation(handle.db, { escalationId: escalation.id, supervisorId: supervisor.id, at: at("2026-11-24T16:00:00Z") });
    expect(await clock(order.id, "escalation_response")).toMatchObject([{ state: "met", breached: false }]);
    await expect(acknowledgeEscalation(handle.db, { escalationId: escalation.id, supervisorId: supervisor.id })).rejects.toThrow(/not open/);
  });

  it("a phone call meets its clock only when the customer was reached or a voicemail left", async () => {
    const { order } = await newOrder("phone-1");
    await recordNotice(handle.db, { orderId: order.id, customerId, template: "order_confirmation", channel: "phone", bodyText: "No answer", callOutcome: "no_answer", actor: rep, at: at("2026-11-23T14:00:00Z") });
    expect((await clock(order.id, "confirmation"))[0]!.state).toBe("open");
    await recordNotice(handle.db, { orderId: order.id, customerId, template: "order_confirmation", channel: "phone", bodyText: "Left voicemail", callOutcome: "voicemail", actor: rep, at: at("2026-11-23T14:05:00Z") });
    expect((await clock(order.id, "confirmation"))[0]!.state).toBe("met");
  });

  it("refuses a stale edit with who changed the order, and a move the lifecycle forbids with the reason", async () => {
    const { order } = await newOrder("stale-1");
    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: 1, to: "confirmed", actor: rep, at: at("2026-11-23T14:00:00Z") });
    await expect(changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: 1, to: "cancelled", reason: "x", actor: rep })).rejects.toThrow(/changed by Test rep \d+ at/);
    const [fresh] = await handle.db.select().from(orders).where(and(eq(orders.id, order.id)));
    expect(fresh!.status).toBe("confirmed");
    await expect(changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: fresh!.version, to: "delivered", actor: rep })).rejects.toThrow(/cannot be skipped/);
    // Nothing was written by the refused edits: one confirmation event, version 2.
    expect(fresh!.version).toBe(2);
  });

  it("the same external id twice makes one order with one confirmation clock", async () => {
    const first = await newOrder("dup-1");
    const second = await newOrder("dup-1");
    expect(second).toMatchObject({ created: false, order: { id: first.order.id } });
    expect(await clock(first.order.id, "confirmation")).toHaveLength(1);
  });

  it("applies a policy change to clocks opened after it, leaving running clocks as they were", async () => {
    const before = await newOrder("policy-before", at("2026-11-24T14:00:00Z")); // Tuesday 09:00 → due 10:00
    const supervisor = await makeUser(handle.db, { role: "supervisor" });
    const policy = Object.fromEntries(
      editableClockKinds.map((kind) => [kind, { minutes: defaultSlaPolicy[kind].seconds / 60, timeBase: defaultSlaPolicy[kind].timeBase }]),
    ) as SlaPolicyInput;
    policy.confirmation = { minutes: 30, timeBase: "business" };
    await updateSlaPolicy(handle.db, { policy, actorUserId: supervisor.id });
    const after = await newOrder("policy-after", at("2026-11-24T14:00:00Z"));
    expect((await clock(before.order.id, "confirmation"))[0]!.dueAt).toEqual(at("2026-11-24T15:00:00Z"));
    expect((await clock(after.order.id, "confirmation"))[0]).toMatchObject({ dueAt: at("2026-11-24T14:30:00Z"), allowanceSeconds: 1800 });
  });
});
