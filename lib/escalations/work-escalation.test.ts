import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, changeRequests, escalationComments, escalations, orderEvents, slaClocks } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { receiveInquiry } from "@/lib/inquiries/receive-inquiry";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { buildTimeline } from "@/lib/orders/timeline";
import { getEscalationDetail } from "./escalation-detail";
import { listEscalationQueue, listOrderEscalations } from "./list-escalations";
import { raiseEscalation } from "./raise-escalation";
import { acknowledgeEscalation, commentOnEscalation, reassignEscalation, resolveEscalation } from "./work-escalation";

// Raising and working escalations on a real database (default calendar: New York, 9–17 Mon–Fri).

const at = (iso: string) => new Date(iso);
const TUE_1000 = at("2026-11-24T15:00:00Z"); // Tuesday 10:00 New York

describe("escalations", () => {
  let handle: DatabaseHandle;
  let rep: Actor;
  let sasha: { id: string; name: string };
  let sam: { id: string; name: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id };
    sasha = await makeUser(handle.db, { role: "supervisor", name: "Sasha Supervisor" });
    sam = await makeUser(handle.db, { role: "supervisor", name: "Sam Supervisor" });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const eventsOf = (orderId: string) => handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
  const responseClock = async (escalationId: string) =>
    (await handle.db.select().from(slaClocks).where(and(eq(slaClocks.subjectId, escalationId), eq(slaClocks.kind, "escalation_response"))))[0];
  const raiseOnOrder = async (reason = "Customer threatens a chargeback") => {
    const order = await makeOrder(handle.db, { status: "processing" });
    const { escalation } = await raiseEscalation(handle.db, { subject: "order", subjectId: order.id, reason, severity: "high", note: "Called twice today", actor: rep, at: TUE_1000 });
    return { order, escalation };
  };

  it("raises on an order: the record, its 4-business-hour response clock and the escalated event", async () => {
    const { order, escalation } = await raiseOnOrder();
    expect(escalation).toMatchObject({ orderId: order.id, status: "open", severity: "high", raisedBy: (rep as { userId: string }).userId, automatic: false, note: "Called twice today" });
    expect(await responseClock(escalation.id)).toMatchObject({ state: "open", orderId: order.id, dueAt: at("2026-11-24T19:00:00Z") });
    const [, escalated] = await eventsOf(order.id);
    expect(escalated).toMatchObject({ type: "escalated", actorType: "user", reason: "Customer threatens a chargeback", data: { escalationId: escalation.id, severity: "high" } });
    const timeline = buildTimeline((await getOrderDetail(handle.db, order.number))!);
    expect(timeline[0]).toMatchObject({ title: "Escalated: high severity", detail: "Customer threatens a chargeback — Called twice today", actor: "Riley Rep", kind: "escalation" });
  });

  it("raises on a request (its order derived) and on an inquiry with or without an order", async () => {
    const order = await makeOrder(handle.db, { status: "confirmed" });
    const [request] = await handle.db.insert(changeRequests).values({ orderId: order.id, kind: "cancel", payload: { reason: "Ordered twice" }, source: "customer" }).returning();
    const onRequest = await raiseEscalation(handle.db, { subject: "request", subjectId: request!.id, reason: "Cancellation stuck", severity: "medium", actor: rep, at: TUE_1000 });
    expect(onRequest.escalation).toMatchObject({ orderId: order.id, requestId: request!.id, inquiryId: null });
    expect(onRequest.orderNumber).toBe(order.number);

    const customer = await makeCustomer(handle.db);
    const orderless = await receiveInquiry(handle.db, { customerId: customer.id, channel: "email", body: "Where is my refund?", actor: { type: "customer" }, at: TUE_1000 });
    const onInquiry = await raiseEscalation(handle.db, { subject: "inquiry", subjectId: orderless.id, reason: "Refund promised twice", severity: "critical", actor: rep, at: TUE_1000 });
    expect(onInquiry.escalation).toMatchObject({ orderId: null, inquiryId: orderless.id });
    expect(await responseClock(onInquiry.escalation.id)).toMatchObject({ state: "open", orderId: null });
    // No order, no timeline: the audit log keeps the step.
    expect(await handle.db.select().from(auditLog).where(and(eq(auditLog.entityType, "escalation"), eq(auditLog.entityId, onInquiry.escalation.id)))).toHaveLength(1);

    const withOrder = await receiveInquiry(handle.db, { customerId: order.customerId, orderId: order.id, channel: "phone", body: "Is it coming?", actor: rep, at: TUE_1000 });
    const onOrderInquiry = await raiseEscalation(handle.db, { subject: "inquiry", subjectId: withOrder.id, reason: "Needs a goodwill gesture", severity: "low", actor: rep, at: TUE_1000 });
    expect(onOrderInquiry.escalation).toMatchObject({ orderId: order.id, inquiryId: withOrder.id });
    expect((await eventsOf(order.id)).map((e) => e.type)).toContain("escalated");
  });

  it("refuses a subject that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const subject of ["order", "request", "inquiry"] as const) {
      await expect(raiseEscalation(handle.db, { subject, subjectId: missing, reason: "Nothing there", severity: "low", actor: rep })).rejects.toThrow(new RegExp(`This ${subject} does not exist`));
    }
    expect(await handle.db.select().from(escalations).where(eq(escalations.reason, "Nothing there"))).toHaveLength(0);
  });

  it("acknowledges once (meets the clock, takes it, writes the event); a second acknowledgement names who got there first", async () => {
    const { order, escalation } = await raiseOnOrder();
    const acknowledged = await acknowledgeEscalation(handle.db, { escalationId: escalation.id, supervisorId: sasha.id, at: at("2026-11-24T16:00:00Z") });
    expect(acknowledged).toMatchObject({ status: "acknowledged", acknowledgedBy: sasha.id, assigneeId: sasha.id });
    expect(await responseClock(escalation.id)).toMatchObject({ state: "met", breached: false });
    expect((await eventsOf(order.id)).at(-1)).toMatchObject({ type: "escalation_acknowledged", actorUserId: sasha.id });
    await expect(acknowledgeEscalation(handle.db, { escalationId: escalation.id, supervisorId: sam.id })).rejects.toThrow(/not open: Sasha Supervisor acknowledged it at Nov 24, 2026/);
  });

  it("reassigns to an active supervisor only", async () => {
    const { order, escalation } = await raiseOnOrder();
    const reassigned = await reassignEscalation(handle.db, { escalationId: escalation.id, assigneeId: sam.id, supervisorId: sasha.id, at: at("2026-11-24T15:30:00Z") });
    expect(reassigned.assigneeId).toBe(sam.id);
    expect((await eventsOf(order.id)).at(-1)).toMatchObject({ type: "escalation_reassigned", data: { assigneeId: sam.id, assigneeName: "Sam Supervisor" } });
    await expect(reassignEscalation(handle.db, { escalationId: escalation.id, assigneeId: (rep as { userId: string }).userId, supervisorId: sasha.id })).rejects.toThrow(
      /Escalations go to supervisors: Riley Rep is a rep user/,
    );
    const retired = await makeUser(handle.db, { role: "supervisor", active: false, name: "Retired Supervisor" });
    await expect(reassignEscalation(handle.db, { escalationId: escalation.id, assigneeId: retired.id, supervisorId: sasha.id })).rejects.toThrow(/no longer active/);
    await expect(reassignEscalation(handle.db, { escalationId: escalation.id, assigneeId: sam.id, supervisorId: sasha.id })).rejects.toThrow(/already assigned to Sam/);
    const detail = await getEscalationDetail(handle.db, escalation.id);
    expect(detail!.history.map((h) => h.title)).toEqual(["Escalated", "Assigned to Sam Supervisor"]);
  });

  it("comments: a row in the thread and an event", async () => {
    const { order, escalation } = await raiseOnOrder();
    const comment = await commentOnEscalation(handle.db, { escalationId: escalation.id, body: "  Calling the carrier now  ", supervisorId: sasha.id, at: at("2026-11-24T15:10:00Z") });
    expect(comment.body).toBe("Calling the carrier now");
    expect(await handle.db.select().from(escalationComments).where(eq(escalationComments.escalationId, escalation.id))).toHaveLength(1);
    expect((await eventsOf(order.id)).at(-1)).toMatchObject({ type: "escalation_commented", reason: "Calling the carrier now", data: { commentId: comment.id } });
    await expect(commentOnEscalation(handle.db, { escalationId: escalation.id, body: "   ", supervisorId: sasha.id })).rejects.toThrow(/Write the comment/);
  });

  it("resolves with a required outcome; from open it also acknowledges and meets the clock; twice is refused with who and when", async () => {
    const { order, escalation } = await raiseOnOrder();
    await expect(resolveEscalation(handle.db, { escalationId: escalation.id, outcome: "  ", supervisorId: sasha.id })).rejects.toThrow(/Write the outcome/);
    const resolved = await resolveEscalation(handle.db, { escalationId: escalation.id, outcome: "Refunded shipping; customer accepted", supervisorId: sasha.id, at: at("2026-11-24T20:00:00Z") });
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: sasha.id, acknowledgedBy: sasha.id, outcome: "Refunded shipping; customer accepted" });
    // Answered an hour after its 4-business-hour deadline: met, and recorded late.
    expect(await responseClock(escalation.id)).toMatchObject({ state: "met", breached: true });
    const last = (await eventsOf(order.id)).at(-1)!;
    expect(last).toMatchObject({ type: "escalation_resolved", reason: "Refunded shipping; customer accepted", data: { acknowledgedOnResolve: true } });
    await expect(resolveEscalation(handle.db, { escalationId: escalation.id, outcome: "Again", supervisorId: sam.id })).rejects.toThrow(
      /resolved by Sasha Supervisor at Nov 24, 2026.*cannot be resolved again/,
    );
    await expect(acknowledgeEscalation(handle.db, { escalationId: escalation.id, supervisorId: sam.id })).rejects.toThrow(/resolved by Sasha Supervisor/);
    await expect(reassignEscalation(handle.db, { escalationId: escalation.id, assigneeId: sam.id, supervisorId: sam.id })).rejects.toThrow(/cannot be reassigned/);
    const timeline = buildTimeline((await getOrderDetail(handle.db, order.number))!).filter((e) => e.kind === "escalation");
    expect(timeline.map((e) => e.title)).toEqual(["Escalation resolved", "Escalated: high severity"]);
  });

  it("of two supervisors resolving at once, exactly one resolves", async () => {
    const { escalation } = await raiseOnOrder();
    const results = await Promise.allSettled([
      resolveEscalation(handle.db, { escalationId: escalation.id, outcome: "Voucher sent", supervisorId: sasha.id }),
      resolveEscalation(handle.db, { escalationId: escalation.id, outcome: "Called back", supervisorId: sam.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([expect.stringMatching(/already|resolved by/)]);
  });

  it("queues open escalations by their response deadline ahead of acknowledged ones; resolved ones apart, newest first", async () => {
    const early = await raiseOnOrder("Queue: early");
    const order = await makeOrder(handle.db, { status: "processing" });
    const { escalation: earlier } = await raiseEscalation(handle.db, { subject: "order", subjectId: order.id, reason: "Queue: earliest", severity: "critical", actor: rep, at: at("2026-11-23T15:00:00Z") });
    const { escalation: acknowledgedOne } = await raiseEscalation(handle.db, { subject: "order", subjectId: order.id, reason: "Queue: acknowledged", severity: "critical", actor: rep, at: at("2026-11-20T15:00:00Z") });
    await acknowledgeEscalation(handle.db, { escalationId: acknowledgedOne.id, supervisorId: sam.id, at: at("2026-11-20T16:00:00Z") });
    const now = at("2026-11-24T16:00:00Z");
    const { rows } = await listEscalationQueue(handle.db, { filters: { status: "active" }, viewerId: sasha.id, now });
    const queued = rows.filter((r) => r.reason.startsWith("Queue:")).map((r) => r.reason);
    expect(queued).toEqual(["Queue: earliest", "Queue: early", "Queue: acknowledged"]);
    const first = rows.find((r) => r.id === earlier.id)!;
    expect(first).toMatchObject({ subject: { orderNumber: order.number }, raisedByName: "Riley Rep", clock: { state: "open", band: "breached" } });
    expect(rows.find((r) => r.id === early.escalation.id)!.clock).toMatchObject({ band: "on_track" });

    const critical = await listEscalationQueue(handle.db, { filters: { status: "active", severity: "critical" }, viewerId: sasha.id, now });
    expect(critical.rows.every((r) => r.severity === "critical")).toBe(true);
    const mine = await listEscalationQueue(handle.db, { filters: { status: "active", mine: "1" }, viewerId: sam.id, now });
    expect(mine.rows.map((r) => r.id)).toContain(acknowledgedOne.id);
    expect(mine.rows.every((r) => r.assigneeId === sam.id)).toBe(true);

    const resolved = await listEscalationQueue(handle.db, { filters: { status: "resolved" }, viewerId: sasha.id, now });
    const times = resolved.rows.map((r) => r.resolvedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await listOrderEscalations(handle.db, order.id)).map((r) => r.reason)).toEqual(["Queue: earliest", "Queue: acknowledged"]);
  });
});
