import type { Channel, requestKinds } from "@/db/schema";
import { pickRep, pushClock, pushEvent, type OrderCtx } from "./context";
import type { OrderState } from "./emit";
import { sendNotice } from "./notices";
import type { OrderBase } from "./order-base";
import { randomUsAddress } from "./people";
import { DELIVERED, OUT_FOR_DELIVERY, PROCESSING, SHIPPED } from "./plan";
import { inquiryAnswers, inquiryBodies, requestLabels, requestRejections } from "./texts";
import { addDays, businessAdd, DAY, HOUR, MINUTE } from "./time";

// Modification/cancellation requests and customer inquiries, each with its acknowledgement clocks.

type RequestKind = (typeof requestKinds)[number];
type Decision = { status: "approved" | "rejected" | "withdrawn"; at: number; reason: string; refundCents?: number };

function writeRequest(o: OrderCtx, st: OrderState, kind: RequestKind, createdAt: number, payload: Record<string, unknown>, decision: Decision | null): string {
  const { rng } = o;
  const id = rng.uuid();
  const source = rng.chance(0.5) ? "customer" : "rep";
  const createdBy = source === "rep" ? pickRep(o) : null;
  const decidedBy = decision && decision.status !== "withdrawn" ? pickRep(o) : null;
  o.rows.changeRequests.push({
    id,
    orderId: o.orderId,
    kind,
    status: decision?.status ?? "open",
    source,
    payload,
    note: source === "rep" ? rng.pick(["Customer called", "Customer emailed support", "Asked via live chat"]) : null,
    createdBy,
    decidedBy,
    decidedAt: decision ? new Date(decision.at) : null,
    decisionReason: decision?.reason ?? null,
    refundCents: decision?.refundCents ?? null,
    createdAt: new Date(createdAt),
  });
  const requestLabel = requestLabels[kind];
  let ackAt = businessAdd(createdAt, (rng.chance(0.93) ? rng.float(3, 50) : rng.float(62, 150)) * 60);
  if (decision && ackAt >= decision.at && decision.at - MINUTE > createdAt) ackAt = decision.at - MINUTE;
  const ackClock = rng.uuid();
  const ack = sendNotice(o, { template: "request_received", at: ackAt, senderType: "system", clockId: ackClock, vars: { requestLabel } });
  const withdrawnAt = decision?.status === "withdrawn" ? decision.at : null;
  pushClock(o, { id: ackClock, kind: "request_ack", startedAt: createdAt, subjectId: id, metAt: ack?.sentAt, metByMessageId: ack?.id, endAt: withdrawnAt });
  const outcomeClock = rng.uuid();
  const outcome =
    decision && decision.status !== "withdrawn"
      ? sendNotice(o, {
          template: "request_outcome",
          at: decision.at + rng.float(1, 15) * MINUTE,
          senderType: "user",
          senderUserId: decidedBy,
          clockId: outcomeClock,
          vars: { requestLabel, outcome: decision.status, reason: decision.reason, refundCents: decision.refundCents },
        })
      : null;
  pushClock(o, { id: outcomeClock, kind: "request_outcome", startedAt: createdAt, subjectId: id, metAt: outcome?.sentAt, metByMessageId: outcome?.id, endAt: withdrawnAt });
  pushEvent(o, st.events, { at: createdAt, type: "request_received", actorType: createdBy ? "user" : "customer", actorUserId: createdBy, data: { requestId: id, kind } });
  if (decision)
    pushEvent(o, st.events, { at: decision.at, type: `request_${decision.status}`, actorType: decidedBy ? "user" : "customer", actorUserId: decidedBy, reason: decision.reason, data: { requestId: id, kind } });
  return id;
}

/** ~3% of orders get a request (2.2% here plus the plan's customer cancellations, approved by a rep). */
export function emitRequests(o: OrderCtx, st: OrderState, base: OrderBase): string | null {
  const { rng } = o;
  const now = o.ctx.now;
  const plan = st.plan;
  const T = plan.times;
  if (plan.cancel?.byRequest) {
    const refundCents = base.totalCents;
    return writeRequest(o, st, "cancel", plan.cancel.requestAt, { reason: plan.cancel.reason }, { status: "approved", at: plan.cancel.at, reason: "Cancelled before shipping; full refund issued", refundCents });
  }
  // Orders still in the early stages sometimes have a request waiting for a decision (the forced "confirmed"
  // order always does), so the queue shows open requests even in a small seed.
  const early = st.status === "received" || st.status === "confirmed" || st.status === "processing";
  const openNow = early && (o.ctx.forced.get(o.index) === "confirmed" || rng.chance(0.12));
  if (!openNow && !rng.chance(0.022)) return null;
  const kinds: [RequestKind, number][] = [["change_address", 35], ["change_delivery_date", 25], ["change_items", 20], ["cancel", 20]];
  const kind = rng.weighted(openNow && st.status === "processing" ? kinds.filter(([k]) => k !== "change_items") : kinds);
  const endStep = kind === "change_items" ? PROCESSING : kind === "change_delivery_date" ? OUT_FOR_DELIVERY : SHIPPED;
  const windowEnd = Math.min(T[endStep] as number, st.endAt ?? Infinity);
  const createdMax = Math.min(windowEnd, now);
  if (createdMax - plan.placedAt < 10 * MINUTE && !openNow) return null;
  const createdAt = openNow
    ? Math.max(plan.placedAt + rng.float(0.2, 0.8) * (now - plan.placedAt), now - rng.float(0.2, 20) * HOUR)
    : plan.placedAt + rng.float(0.05, 0.95) * (createdMax - plan.placedAt);
  let decidedAt = createdAt + (rng.chance(0.93) ? rng.float(0.3, 20) : rng.float(25, 40)) * HOUR;
  const line = base.lines[0];
  const payload: Record<string, unknown> =
    kind === "change_address"
      ? { shippingAddress: randomUsAddress(rng, base.shippingAddress.name) }
      : kind === "change_items"
        ? { note: `Swap ${line?.name ?? "the item"} (${line?.sku ?? "—"}) to colour: ${rng.pick(["Sage", "Charcoal", "Sand", "Navy"])}` }
        : kind === "change_delivery_date"
          ? { deliveryDate: addDays(plan.promisedDate, rng.int(2, 5)) }
          : { reason: rng.pick(["No longer needed", "Ordered by mistake", "Found it cheaper elsewhere"]) };
  let decision: Decision | null = null;
  if (!openNow && (decidedAt <= now || windowEnd <= now)) {
    if (decidedAt >= windowEnd) decidedAt = createdAt + rng.float(0.3, 0.95) * (windowEnd - createdAt);
    const status =
      kind === "cancel"
        ? rng.weighted<Decision["status"]>([["rejected", 70], ["withdrawn", 30]])
        : rng.weighted<Decision["status"]>([["approved", 65], ["rejected", 25], ["withdrawn", 10]]);
    const reason = status === "approved" ? "Change applied to the order" : status === "rejected" ? rng.pick(requestRejections[kind]) : "Customer withdrew the request";
    decision = { status, at: decidedAt, reason };
    if (status === "approved" && kind === "change_address") st.order.shippingAddress = payload.shippingAddress as typeof base.shippingAddress;
  }
  return writeRequest(o, st, kind, createdAt, payload, decision);
}

/** ~5% of orders get a customer question, answered (mostly) within the 24-hour acknowledgement clock. */
export function emitInquiry(o: OrderCtx, st: OrderState): string | null {
  const { rng, customer } = o;
  if (!rng.chance(0.05)) return null;
  const now = o.ctx.now;
  const T = st.plan.times;
  const P = st.plan.placedAt;
  const until = st.taken(DELIVERED) ? Math.min(now, (T[DELIVERED] as number) + 5 * DAY) : now;
  const createdAt = P + rng.float(0.02, 1) * (until - P);
  const phase = createdAt < (T[SHIPPED] as number) ? "early" : createdAt < (T[DELIVERED] as number) ? "transit" : "late";
  let channel = rng.weighted<Channel>([[customer.preferredChannel, 40], ["portal", 35], ["phone", 25]]);
  if (channel === "phone" && !customer.phone) channel = "email";
  const createdBy = channel === "portal" ? null : pickRep(o);
  const assigneeId = pickRep(o);
  const id = rng.uuid();
  const respondAt = createdAt + (rng.chance(0.93) ? rng.float(0.2, 20) : rng.float(25, 40)) * HOUR;
  const clockId = rng.uuid();
  const sent =
    respondAt <= now
      ? sendNotice(o, { template: "inquiry_response", at: respondAt, senderType: "user", senderUserId: assigneeId, clockId, channel, vars: { answer: rng.pick(inquiryAnswers) } })
      : null;
  let status: "open" | "answered" | "waiting_customer" | "resolved" = sent ? rng.weighted([["resolved", 70], ["answered", 15], ["waiting_customer", 15]] as const) : "open";
  let resolvedAt: number | null = null;
  if (sent && status === "resolved") {
    resolvedAt = sent.sentAt + rng.float(0, 2 * DAY);
    if (resolvedAt > now) {
      status = "answered";
      resolvedAt = null;
    }
  }
  o.rows.inquiries.push({
    id,
    customerId: customer.id,
    orderId: o.orderId,
    channel,
    body: rng.pick(inquiryBodies[phase]),
    status,
    createdBy,
    assigneeId,
    firstResponseAt: sent ? new Date(sent.sentAt) : null,
    resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
    createdAt: new Date(createdAt),
  });
  pushClock(o, { id: clockId, kind: "inquiry_ack", startedAt: createdAt, subjectId: id, metAt: sent?.sentAt, metByMessageId: sent?.id });
  return id;
}
