import { pickRep, pushClock, pushEvent, type OrderCtx } from "./context";
import type { OrderState } from "./emit";
import { sendNotice } from "./notices";
import { CONFIRMED, DELIVERED, SHIPPED } from "./plan";
import {
  accuracyCauses,
  autoEscalationReason,
  escalationComments,
  escalationOutcomes,
  escalationReasons,
  exceptionResolutions,
  feedbackComments,
} from "./texts";
import { businessAdd, DAY, HOUR } from "./time";

// The records beside an order: exceptions (delays), accuracy errors, escalations and feedback.

export function emitException(o: OrderCtx, st: OrderState): boolean {
  const x = st.plan.exception;
  const now = o.ctx.now;
  if (!x || x.openedAt > now) return false;
  const { rng } = o;
  const fulfil = o.ctx.users.fulfillment;
  const resolved = x.resolvedAt <= now;
  const clockId = rng.uuid();
  const noticeAt = x.openedAt + x.notifyDelay;
  const sent =
    noticeAt <= now
      ? sendNotice(o, { template: "delay", at: noticeAt, senderType: "user", senderUserId: pickRep(o), clockId, vars: { cause: x.explanation, revisedEta: x.revisedEta } })
      : null;
  o.rows.orderExceptions.push({
    id: x.id,
    orderId: o.orderId,
    kind: x.kind,
    explanation: x.explanation,
    revisedEta: x.revisedEta,
    openedAt: new Date(x.openedAt),
    openedBy: x.openedBySystem ? null : fulfil,
    customerNotifiedAt: sent ? new Date(sent.sentAt) : null,
    resolvedAt: resolved ? new Date(x.resolvedAt) : null,
    resolvedBy: resolved ? fulfil : null,
    resolution: resolved ? rng.pick(exceptionResolutions) : null,
  });
  // A delay notice never sent stops being owed once the exception is resolved (recorded as cancelled, breached).
  pushClock(o, { id: clockId, kind: "delay_notice", startedAt: x.openedAt, subjectId: x.id, metAt: sent?.sentAt, metByMessageId: sent?.id, endAt: x.notifyDelay === Infinity && resolved ? x.resolvedAt : null });
  const opener = x.openedBySystem ? { actorType: "carrier" as const } : { actorType: "user" as const, actorUserId: fulfil };
  pushEvent(o, st.events, { at: x.openedAt, type: "exception_opened", ...opener, reason: x.explanation, data: { exceptionId: x.id, kind: x.kind, revisedEta: x.revisedEta } });
  if (resolved) pushEvent(o, st.events, { at: x.resolvedAt, type: "exception_resolved", actorType: "user", actorUserId: fulfil, data: { exceptionId: x.id } });
  else st.order.revisedDeliveryDate = x.revisedEta;
  return true;
}

/** ~2% of delivered orders had a correction after confirmation (order-accuracy KPI). */
export function emitAccuracyError(o: OrderCtx, st: OrderState): void {
  const { rng } = o;
  if (!st.taken(DELIVERED) || !rng.chance(0.02)) return;
  const T = st.plan.times;
  const field = rng.chance(0.45) ? "address" : "items";
  const [cause, detail] = rng.pick<readonly [string, string]>(accuracyCauses[field]);
  const from = field === "address" ? (T[CONFIRMED] as number) : (T[DELIVERED] as number);
  const to = field === "address" ? (T[SHIPPED] as number) : Math.min(o.ctx.now, from + 3 * DAY);
  const at = from + rng.float(0.2, 0.9) * (to - from);
  const recordedBy = field === "address" ? pickRep(o) : o.ctx.users.fulfillment;
  o.rows.accuracyErrors.push({ id: rng.uuid(), orderId: o.orderId, field, cause, detail, recordedBy, createdAt: new Date(at) });
  pushEvent(o, st.events, { at, type: "correction", actorType: "user", actorUserId: recordedBy, reason: detail, data: { field, cause } });
}

export type Linked = { requestId: string | null; inquiryId: string | null };

/** ~1% of orders (10% of those with an exception) are escalated; supervisors acknowledge and resolve. */
export function emitEscalation(o: OrderCtx, st: OrderState, hadException: boolean, linked: Linked, force = false): void {
  const { rng } = o;
  const now = o.ctx.now;
  if (!rng.chance(hadException ? 0.1 : 0.008) && !force) return;
  const x = st.plan.exception;
  const from = hadException && x ? x.openedAt : st.plan.placedAt;
  const createdAt = hadException && x ? Math.min(now, from + rng.float(1, 30) * HOUR) : from + rng.float(0.1, 1) * (st.stop - from);
  const supervisor = o.ctx.users.supervisor;
  const automatic = rng.chance(0.2);
  const id = rng.uuid();
  const ackAt = businessAdd(createdAt, (rng.chance(0.93) ? rng.float(0.2, 3.5) : rng.float(4.2, 8)) * 3600);
  const resolvedAt = ackAt + rng.float(1, 48) * HOUR;
  const status = ackAt > now ? "open" : resolvedAt > now ? "acknowledged" : "resolved";
  const raisedBy = automatic ? null : pickRep(o);
  o.rows.escalations.push({
    id,
    orderId: o.orderId,
    requestId: rng.chance(0.5) ? linked.requestId : null,
    inquiryId: rng.chance(0.5) ? linked.inquiryId : null,
    reason: automatic ? autoEscalationReason : rng.pick(escalationReasons),
    severity: rng.weighted([["low", 15], ["medium", 40], ["high", 35], ["critical", 10]] as const),
    note: automatic ? null : "Customer called twice about this order.",
    status,
    raisedBy,
    automatic,
    assigneeId: supervisor,
    acknowledgedBy: status === "open" ? null : supervisor,
    acknowledgedAt: status === "open" ? null : new Date(ackAt),
    resolvedBy: status === "resolved" ? supervisor : null,
    resolvedAt: status === "resolved" ? new Date(resolvedAt) : null,
    outcome: status === "resolved" ? rng.pick(escalationOutcomes) : null,
    createdAt: new Date(createdAt),
  });
  pushClock(o, { kind: "escalation_response", startedAt: createdAt, subjectId: id, metAt: ackAt });
  pushEvent(o, st.events, { at: createdAt, type: "escalated", actorType: automatic ? "system" : "user", actorUserId: raisedBy, data: { escalationId: id } });
  const until = Math.min(now, status === "resolved" ? resolvedAt : now);
  const comments = rng.int(0, 3);
  for (let c = 0; c < comments; c++) {
    const at = createdAt + rng.float(0.05, 1) * (until - createdAt);
    o.rows.escalationComments.push({ id: rng.uuid(), escalationId: id, authorId: rng.chance(0.6) ? supervisor : pickRep(o), body: rng.pick(escalationComments), createdAt: new Date(at) });
  }
}

/** CSAT: ~30% of delivered orders get a rating, mostly 4–5, lower when the delivery was late. */
export function emitFeedback(o: OrderCtx, st: OrderState): void {
  const { rng } = o;
  if (!st.taken(DELIVERED) || !rng.chance(0.3)) return;
  const at = (st.plan.times[DELIVERED] as number) + rng.float(2 * HOUR, 6 * DAY);
  if (at > o.ctx.now) return;
  const late = st.plan.deliveryDate > st.plan.promisedDate || st.plan.exception !== null;
  const rating = rng.weighted(
    late
      ? ([[5, 20], [4, 25], [3, 25], [2, 15], [1, 15]] as const)
      : ([[5, 58], [4, 27], [3, 8], [2, 4], [1, 3]] as const),
  );
  const pool = rating >= 4 ? feedbackComments.good : rating === 3 ? feedbackComments.mixed : feedbackComments.bad;
  o.rows.feedback.push({
    id: rng.uuid(),
    orderId: o.orderId,
    rating,
    comment: rng.chance(0.55) ? rng.pick(pool) : null,
    createdAt: new Date(at),
    updatedAt: new Date(at),
  });
}
