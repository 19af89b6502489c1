import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { accuracyErrors, changeRequests, feedback, inquiries, messages, orderExceptions, slaClocks, type ClockKind } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";

// A small hand-built data set for the KPI test (lib/kpis/kpis.test.ts), with every edge the definitions name.
// Range under test: 2026-03-02 (Mon) … 2026-03-15 (Sun) in America/New_York; previous period 2026-02-16 … 03-01.
// DST starts 2026-03-08 at 07:00 UTC (02:00 EST → 03:00 EDT). Hand-computed answers sit in the test.

const t = (iso: string) => new Date(iso);

type ClockInput = {
  kind: ClockKind;
  orderId: string | null;
  subjectId?: string;
  started: string;
  due: string;
  state: "open" | "paused" | "met" | "cancelled";
  metAt?: string;
  pausedAt?: string;
  breached?: boolean;
  messageId?: string;
};

export async function buildKpiFixture(db: Db) {
  const ann = await makeUser(db, { role: "rep", name: "Ann Archer" });
  const ben = await makeUser(db, { role: "rep", name: "Ben Brooks" });
  const ny = await makeCustomer(db, { timeZone: "America/New_York" });
  const la = await makeCustomer(db, { timeZone: "America/Los_Angeles" });

  const order = (input: Parameters<typeof makeOrder>[1]) => makeOrder(db, { status: "delivered", customerId: ny.id, ...input });
  const o1 = await order({ assigneeId: ann.id, placedAt: t("2026-03-02T14:00Z"), deliveredAt: t("2026-03-03T15:00Z"), promisedDeliveryDate: "2026-03-03" });
  const o2 = await order({ assigneeId: ann.id, placedAt: t("2026-03-04T14:00Z"), deliveredAt: t("2026-03-05T15:00Z"), promisedDeliveryDate: "2026-03-04" });
  // 00:30 EDT on 9 March (04:30 UTC): a fixed −5 h offset would put it on Sunday 8 March, in the other week.
  const o3 = await order({ assigneeId: ben.id, placedAt: t("2026-03-06T14:00Z"), deliveredAt: t("2026-03-09T04:30Z"), promisedDeliveryDate: "2026-03-09" });
  // 10 March in New York but still 9 March in Los Angeles, the customer's zone: on time.
  const o4 = await order({ customerId: la.id, placedAt: t("2026-03-07T14:00Z"), deliveredAt: t("2026-03-10T06:30Z"), promisedDeliveryDate: "2026-03-09" });
  const o5 = await order({ assigneeId: ben.id, placedAt: t("2026-03-06T14:00Z"), deliveredAt: t("2026-03-14T12:00Z"), promisedDeliveryDate: null });
  // 23:30 EST on 1 March (04:30 UTC on the 2nd): the previous period.
  const o6 = await order({ assigneeId: ann.id, placedAt: t("2026-02-26T14:00Z"), deliveredAt: t("2026-03-02T04:30Z"), promisedDeliveryDate: "2026-03-01" });
  const o7 = await order({ assigneeId: ben.id, status: "processing", placedAt: t("2026-03-11T14:00Z") });
  const o8 = await order({ assigneeId: ben.id, placedAt: t("2026-02-16T14:00Z"), deliveredAt: t("2026-02-20T15:00Z"), promisedDeliveryDate: "2026-02-19" });
  const o9 = await order({ status: "received", placedAt: new Date(Date.now() - 10 * 60_000) });

  await db.insert(accuracyErrors).values([
    { orderId: o2.id, field: "address", cause: "our_error" },
    { orderId: o3.id, field: "items", cause: "customer_request" }, // a modification, not an error
    { orderId: o6.id, field: "address", cause: "carrier" },
  ]);

  await db.insert(feedback).values([
    { orderId: o1.id, rating: 5, createdAt: t("2026-03-03T20:00Z"), updatedAt: t("2026-03-04T14:00Z") },
    { orderId: o2.id, rating: 2, createdAt: t("2026-03-06T14:00Z"), updatedAt: t("2026-03-06T14:00Z") },
    { orderId: o3.id, rating: 4, createdAt: t("2026-03-10T03:30Z"), updatedAt: t("2026-03-10T03:30Z") },
    { orderId: o6.id, rating: 3, createdAt: t("2026-03-02T03:00Z"), updatedAt: t("2026-03-02T03:00Z") },
    // Rated in February, re-rated on 3 March: counts once, in the current period.
    { orderId: o8.id, rating: 5, createdAt: t("2026-02-21T15:00Z"), updatedAt: t("2026-03-03T15:00Z") },
  ]);

  const x = (orderId: string, opened: string, notified: string | null, resolved: string | null) => ({
    id: randomUUID(),
    orderId,
    kind: "carrier" as const,
    explanation: "Carrier delay",
    openedAt: t(opened),
    customerNotifiedAt: notified ? t(notified) : null,
    resolvedAt: resolved ? t(resolved) : null,
  });
  const x1 = x(o2.id, "2026-03-03T14:00Z", "2026-03-03T14:30Z", "2026-03-04T14:00Z");
  const x2 = x(o4.id, "2026-03-08T12:00Z", "2026-03-08T15:00Z", "2026-03-09T00:00Z");
  const x3 = x(o5.id, "2026-03-10T10:00Z", null, "2026-03-10T12:00Z");
  const x4 = x(o7.id, "2026-03-12T10:00Z", "2026-03-12T11:00Z", null);
  const x5 = x(o8.id, "2026-02-18T10:00Z", "2026-02-18T10:20Z", "2026-02-19T10:00Z");
  await db.insert(orderExceptions).values([x1, x2, x3, x4, x5]);

  const inquiry = async (orderId: string | null, assigneeId: string) =>
    (await db.insert(inquiries).values({ customerId: ny.id, orderId, channel: "email", body: "Where is it?", assigneeId }).returning())[0]!;
  const i1 = await inquiry(o1.id, ann.id);
  const i2 = await inquiry(o2.id, ben.id); // the order is Ann's, the inquiry Ben's
  const i3 = await inquiry(o3.id, ann.id);
  const request = async (orderId: string) => (await db.insert(changeRequests).values({ orderId, kind: "cancel", source: "customer", payload: {} }).returning())[0]!;
  const r1 = await request(o1.id);
  const r2 = await request(o4.id);

  const message = async (orderId: string, senderUserId: string | null) =>
    (
      await db
        .insert(messages)
        .values({ orderId, customerId: ny.id, channel: "email", bodyText: "Thanks, we are on it.", status: "sent", senderType: senderUserId ? "user" : "system", senderUserId, idempotencyKey: randomUUID() })
        .returning()
    )[0]!;
  const m1 = await message(o1.id, ann.id);
  const m2 = await message(o3.id, ben.id);
  const m3 = await message(o4.id, null);

  const clock = (c: ClockInput) => ({
    kind: c.kind,
    orderId: c.orderId,
    subjectId: c.subjectId ?? null,
    state: c.state,
    timeBase: "calendar" as const,
    allowanceSeconds: Math.round((t(c.due).getTime() - t(c.started).getTime()) / 1000),
    startedAt: t(c.started),
    dueAt: t(c.due),
    criticalAt: t(c.due),
    atRiskAt: t(c.due),
    metAt: c.metAt ? t(c.metAt) : null,
    pausedAt: c.pausedAt ? t(c.pausedAt) : null,
    breached: c.breached ?? false,
    metByMessageId: c.messageId ?? null,
  });
  const soon = new Date(Date.now() + 50 * 60_000).toISOString();
  await db.insert(slaClocks).values([
    // K1 confirmation met on time; K2 met late; K3 open past due; K4 cancelled in time; K5 cancelled late.
    clock({ kind: "confirmation", orderId: o1.id, started: "2026-03-02T14:00Z", due: "2026-03-02T15:00Z", state: "met", metAt: "2026-03-02T14:30Z" }),
    clock({ kind: "confirmation", orderId: o2.id, started: "2026-03-04T14:00Z", due: "2026-03-04T15:00Z", state: "met", metAt: "2026-03-04T16:00Z", breached: true }),
    clock({ kind: "confirmation", orderId: o7.id, started: "2026-03-11T14:00Z", due: "2026-03-11T15:00Z", state: "open" }),
    clock({ kind: "confirmation", orderId: o3.id, started: "2026-03-06T14:00Z", due: "2026-03-06T15:00Z", state: "cancelled", metAt: "2026-03-06T14:20Z" }),
    clock({ kind: "confirmation", orderId: o5.id, started: "2026-03-06T14:00Z", due: "2026-03-06T15:00Z", state: "cancelled", metAt: "2026-03-06T16:00Z", breached: true }),
    // K6 delivered notice, 01:30 EDT on 9 March.
    clock({ kind: "delivery_notice", orderId: o3.id, started: "2026-03-09T04:30Z", due: "2026-03-09T05:30Z", state: "met", metAt: "2026-03-09T05:00Z" }),
    // K7 paused before its due time (not judged); K8 paused after it (missed; Ben's inquiry on Ann's order).
    clock({ kind: "inquiry_ack", orderId: o1.id, subjectId: i1.id, started: "2026-03-05T12:00Z", due: "2026-03-06T12:00Z", state: "paused", pausedAt: "2026-03-05T20:00Z" }),
    clock({ kind: "inquiry_ack", orderId: o2.id, subjectId: i2.id, started: "2026-03-07T10:00Z", due: "2026-03-08T10:00Z", state: "paused", pausedAt: "2026-03-09T10:00Z" }),
    // K9 confirmation due 23:30 EDT on 8 March, unassigned order.
    clock({ kind: "confirmation", orderId: o4.id, started: "2026-03-09T02:30Z", due: "2026-03-09T03:30Z", state: "met", metAt: "2026-03-09T03:00Z" }),
    // K10–K12 first responses: 600 s by Ann, 21,600 s by Ben, 30 s automatic.
    clock({ kind: "request_ack", orderId: o1.id, subjectId: r1.id, started: "2026-03-03T14:00Z", due: "2026-03-03T15:00Z", state: "met", metAt: "2026-03-03T14:10Z", messageId: m1.id }),
    clock({ kind: "inquiry_ack", orderId: o3.id, subjectId: i3.id, started: "2026-03-10T12:00Z", due: "2026-03-11T12:00Z", state: "met", metAt: "2026-03-10T18:00Z", messageId: m2.id }),
    clock({ kind: "request_ack", orderId: o4.id, subjectId: r2.id, started: "2026-03-12T14:00Z", due: "2026-03-12T15:00Z", state: "met", metAt: "2026-03-12T14:00:30Z", messageId: m3.id }),
    // K13 previous period.
    clock({ kind: "confirmation", orderId: o6.id, started: "2026-02-27T14:00Z", due: "2026-02-27T15:00Z", state: "met", metAt: "2026-02-27T14:10Z" }),
    // K14 open, not yet due (today): never judged.
    clock({ kind: "confirmation", orderId: o9.id, started: o9.placedAt.toISOString(), due: soon, state: "open" }),
    // K15 delay notice sent in time; K16 never sent, cancelled late when the delay was resolved.
    clock({ kind: "delay_notice", orderId: o2.id, subjectId: x1.id, started: "2026-03-03T14:00Z", due: "2026-03-03T15:00Z", state: "met", metAt: "2026-03-03T14:30Z" }),
    clock({ kind: "delay_notice", orderId: o5.id, subjectId: x3.id, started: "2026-03-10T10:00Z", due: "2026-03-10T11:00Z", state: "cancelled", metAt: "2026-03-10T12:00Z", breached: true }),
  ]);

  return { users: { ann, ben }, orders: { o1, o2, o3, o4, o5, o6, o7, o8, o9 } };
}

/**
 * 400 delays opened in January 2026 (resolved by mid-February), durations spread log-uniformly from 10 minutes to 10 days (a fixed
 * pseudo-random sequence): enough values per histogram bin to measure the rollup's median against the exact one.
 */
export async function buildDurationSample(db: Db, orderId: string) {
  let state = 20260101;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const rows = Array.from({ length: 400 }, (_, i) => {
    const opened = Date.UTC(2026, 0, 2 + (i % 25), 9 + (i % 7));
    const seconds = Math.round(600 * Math.exp(random() * Math.log(1440)));
    return { orderId, kind: "weather" as const, explanation: "Storm", openedAt: new Date(opened), resolvedAt: new Date(opened + seconds * 1000) };
  });
  await db.insert(orderExceptions).values(rows);
}
