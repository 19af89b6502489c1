import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { changeRequests, escalations, inquiries, orderEvents, slaClocks, type ClockKind, type NewSlaClock } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { readSettings } from "@/lib/settings/read-settings";
import { escalationPolicySchema } from "@/lib/settings/settings-schemas";
import { updateEscalationPolicy } from "@/lib/settings/update-settings";
import { clockRow, loadClockPlanner } from "@/lib/sla/clocks";
import { autoEscalateBreachedClocks } from "./auto-escalate";

// The policy: an open clock breached by more than its own allowance escalates by itself, once, measured in the
// clock's own time base (default calendar: New York, 9–17 Mon–Fri; Thanksgiving 2026-11-26 closed).

const at = (iso: string) => new Date(iso);

describe("automatic escalation of badly breached clocks", () => {
  let handle: DatabaseHandle;
  let supervisorId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    supervisorId = (await makeUser(handle.db, { role: "supervisor" })).id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** A clock planned exactly as applyClockEvent plans it, opened at `startedAt`. */
  async function openClock(kind: ClockKind, startedAt: Date, input: { orderId?: string | null; subjectId?: string | null; extra?: Partial<NewSlaClock> } = {}) {
    const orderId = input.orderId === undefined ? (await makeOrder(handle.db, { status: "processing" })).id : input.orderId;
    const planner = await loadClockPlanner(handle.db);
    const [clock] = await handle.db
      .insert(slaClocks)
      .values({ ...clockRow(planner.plan(kind, startedAt), orderId, input.subjectId ?? null), ...input.extra })
      .returning();
    return clock!;
  }
  const escalationsOf = (clockId: string) => handle.db.select().from(escalations).where(eq(escalations.clockId, clockId));
  const clockById = async (id: string) => (await handle.db.select().from(slaClocks).where(eq(slaClocks.id, id)))[0]!;

  it("escalates a calendar clock once it is late by more than its allowance, once, with its event and response clock", async () => {
    // Shipping notice: 1 calendar hour from Monday 10:00 New York → due 11:00; escalates after 12:00.
    const clock = await openClock("shipping_notice", at("2026-11-23T15:00:00Z"));
    await autoEscalateBreachedClocks(handle.db, at("2026-11-23T16:59:00Z"));
    expect(await escalationsOf(clock.id)).toHaveLength(0);

    const now = at("2026-11-23T17:01:00Z");
    await autoEscalateBreachedClocks(handle.db, now);
    const [escalation] = await escalationsOf(clock.id);
    expect(escalation).toMatchObject({
      orderId: clock.orderId,
      automatic: true,
      raisedBy: null,
      severity: "high",
      status: "open",
      reason: "Shipping notice overdue by more than its allowance (1 h)",
      createdAt: now,
    });
    expect(await clockById(clock.id)).toMatchObject({ state: "open", autoEscalatedAt: now });
    const [event] = await handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, clock.orderId!), eq(orderEvents.type, "escalated")));
    expect(event).toMatchObject({ actorType: "system", actorUserId: null, data: { escalationId: escalation!.id, automatic: true, clockId: clock.id } });
    const [response] = await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, escalation!.id));
    expect(response).toMatchObject({ kind: "escalation_response", state: "open" });

    // Swept again, later: still one.
    await autoEscalateBreachedClocks(handle.db, at("2026-11-24T17:00:00Z"));
    expect(await escalationsOf(clock.id)).toHaveLength(1);
  });

  it("two sweeps at once raise one escalation per clock", async () => {
    const clock = await openClock("delivery_notice", at("2026-11-23T15:00:00Z"));
    const now = at("2026-11-23T18:00:00Z");
    const [a, b] = await Promise.all([autoEscalateBreachedClocks(handle.db, now), autoEscalateBreachedClocks(handle.db, now)]);
    expect(await escalationsOf(clock.id)).toHaveLength(1);
    expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(1);
    expect(await handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, clock.orderId!), eq(orderEvents.type, "escalated")))).toHaveLength(1);
  });

  it("counts a business clock's lateness in business time: a weekend does not escalate it early", async () => {
    // Confirmation: 1 business hour from Friday 15:00 New York → due Friday 16:00; one more business hour passes at
    // Monday 09:00, so it escalates only after that — not on Saturday, though 20 calendar hours late.
    const clock = await openClock("confirmation", at("2026-11-20T20:00:00Z"));
    expect(clock.dueAt).toEqual(at("2026-11-20T21:00:00Z"));
    await autoEscalateBreachedClocks(handle.db, at("2026-11-21T17:00:00Z"));
    await autoEscalateBreachedClocks(handle.db, at("2026-11-23T14:00:00Z")); // Monday 09:00: exactly the allowance late
    expect(await escalationsOf(clock.id)).toHaveLength(0);
    await autoEscalateBreachedClocks(handle.db, at("2026-11-23T14:01:00Z"));
    expect(await escalationsOf(clock.id)).toMatchObject([{ reason: "Confirmation overdue by more than its allowance (1 h of business time)" }]);
  });

  it("skips paused, met and escalation-response clocks, and escalates requests and order-less inquiries by what they are about", async () => {
    const started = at("2026-11-16T15:00:00Z");
    const now = at("2026-11-24T15:00:00Z");
    const paused = await openClock("confirmation", started, { extra: { state: "paused", pausedAt: at("2026-11-16T15:30:00Z") } });
    const met = await openClock("shipping_notice", started, { extra: { state: "met", metAt: at("2026-11-20T15:00:00Z"), breached: true } });
    const response = await openClock("escalation_response", started);

    const order = await makeOrder(handle.db, { status: "confirmed" });
    const [request] = await handle.db.insert(changeRequests).values({ orderId: order.id, kind: "cancel", payload: {}, source: "customer" }).returning();
    const requestAck = await openClock("request_ack", started, { orderId: order.id, subjectId: request!.id });
    const inquiryId = crypto.randomUUID();
    const customer = await makeCustomer(handle.db);
    await handle.db.insert(inquiries).values({ id: inquiryId, customerId: customer.id, channel: "email", body: "Hello?", createdAt: started });
    const inquiryAck = await openClock("inquiry_ack", started, { orderId: null, subjectId: inquiryId });
    // An undelivered message to a customer with no order: nothing a supervisor could open, so it is left alone.
    const contact = await openClock("contact_failure", started, { orderId: null, subjectId: crypto.randomUUID() });

    await autoEscalateBreachedClocks(handle.db, now);
    for (const skipped of [paused, met, response, contact]) expect(await escalationsOf(skipped.id), skipped.kind).toHaveLength(0);
    expect(await escalationsOf(requestAck.id)).toMatchObject([{ orderId: order.id, requestId: request!.id, inquiryId: null }]);
    expect(await escalationsOf(inquiryAck.id)).toMatchObject([{ orderId: null, inquiryId }]);
  });

  it("is on by default; the settings form's switch says on or off, and a payload without it is refused", async () => {
    expect((await readSettings(handle.db)).escalationPolicy).toEqual({ autoEscalateBreached: true });
    expect(escalationPolicySchema.parse({ autoEscalateBreached: "on" })).toEqual({ autoEscalateBreached: true });
    expect(escalationPolicySchema.parse({ autoEscalateBreached: false })).toEqual({ autoEscalateBreached: false });
    expect(escalationPolicySchema.safeParse({}).success).toBe(false);
  });

  it("does nothing while the policy is switched off", async () => {
    const clock = await openClock("out_for_delivery_notice", at("2026-11-23T15:00:00Z"));
    await updateEscalationPolicy(handle.db, { policy: { autoEscalateBreached: false }, actorUserId: supervisorId });
    expect(await autoEscalateBreachedClocks(handle.db, at("2026-11-25T15:00:00Z"))).toEqual({ enabled: false, examined: 0, escalated: 0 });
    expect(await escalationsOf(clock.id)).toHaveLength(0);
    await updateEscalationPolicy(handle.db, { policy: { autoEscalateBreached: true }, actorUserId: supervisorId });
    await autoEscalateBreachedClocks(handle.db, at("2026-11-25T15:00:00Z"));
    expect(await escalationsOf(clock.id)).toHaveLength(1);
  });

  it("works in batches, oldest deadline first, up to its limit per run", async () => {
    const clocks = [];
    for (let i = 0; i < 5; i++) clocks.push(await openClock("delay_notice", new Date(at("2026-11-02T15:00:00Z").getTime() + i * 60_000)));
    const now = at("2026-11-03T15:00:00Z");
    const first = await autoEscalateBreachedClocks(handle.db, now, { batchSize: 2, maxPerRun: 3 });
    expect(first.escalated).toBe(3);
    const escalated = await Promise.all(clocks.map(async (c) => (await escalationsOf(c.id)).length));
    expect(escalated).toEqual([1, 1, 1, 0, 0]);
    await autoEscalateBreachedClocks(handle.db, now, { batchSize: 2 });
    expect(await Promise.all(clocks.map(async (c) => (await escalationsOf(c.id)).length))).toEqual([1, 1, 1, 1, 1]);
  });
});
