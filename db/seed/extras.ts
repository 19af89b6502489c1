import type { Severity } from "@/db/schema";
import {
  allowanceExceededAt,
  AUTO_ESCALATION_SEVERITY,
  autoEscalationReason,
  autoEscalationSubject,
  breachedBeyondAllowance,
  NEVER_AUTO_ESCALATED,
} from "@/lib/escalations/auto-escalation-policy";
import { pickRep, pushClock, pushEvent, seedPlanner, type OrderCtx } from "./context";
import type { OrderState } from "./emit";
import { sendNotice } from "./notices";
import { CONFIRMED, DELIVERED, SHIPPED } from "./plan";
import {
  accuracyCauses,
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

/** ~1% of orders (10% of those with an exception) are escalated by a rep; supervisors acknowledge and resolve. */
export function emitEscalation(o: OrderCtx, st: OrderState, hadException: boolean, linked: Linked, force = false): void {
  const { rng } = o;
  const now = o.ctx.now;
  if (!rng.chance(hadException ? 0.1 : 0.008) && !force) return;
  const x = st.plan.exception;
  const from = hadException && x ? x.openedAt : st.plan.placedAt;
  const createdAt = hadException && x ? Math.min(now, from + rng.float(1, 30) * HOUR) : from + rng.float(0.1, 1) * (st.stop - from);
  // About the order, or about its request or its inquiry when it has one.
  const requestId = linked.requestId && rng.chance(0.5) ? linked.requestId : null;
  const inquiryId = !requestId && linked.inquiryId && rng.chance(0.5) ? linked.inquiryId : null;
  writeEscalation(o, st, {
    createdAt,
    requestId,
    inquiryId,
    raisedBy: pickRep(o),
    reason: rng.pick(escalationReasons),
    severity: rng.weighted([["low", 15], ["medium", 40], ["high", 35], ["critical", 10]] as const),
    note: "Customer called twice about this order.",
    clockId: null,
  });
}

/**
 * The policy (lib/escalations/auto-escalation-policy.ts): every clock of this order that the seed leaves open and late
 * by more than its allowance was escalated by the sweep when it crossed that line — so the first sweep after seeding
 * finds nothing left to raise. `fromClock` is where this order's clocks start in the chunk.
 */
export function emitAutomaticEscalations(o: OrderCtx, st: OrderState, fromClock: number): void {
  const { rng } = o;
  const now = new Date(o.ctx.now);
  const clocks = o.rows.slaClocks.slice(fromClock);
  for (const clock of clocks) {
    if (clock.state !== "open" || NEVER_AUTO_ESCALATED.includes(clock.kind)) continue;
    const policyClock = { kind: clock.kind, orderId: clock.orderId ?? null, subjectId: clock.subjectId ?? null, timeBase: clock.timeBase, allowanceSeconds: clock.allowanceSeconds, dueAt: clock.dueAt };
    const basis = seedPlanner.basisFor(clock.timeBase);
    if (!breachedBeyondAllowance(policyClock, basis, now)) continue;
    const subject = autoEscalationSubject(policyClock);
    if (!subject) continue;
    // The sweep runs every minute.
    const createdAt = Math.min(o.ctx.now, allowanceExceededAt(policyClock, basis).getTime() + rng.float(1, 60) * 1000);
    clock.autoEscalatedAt = new Date(createdAt);
    writeEscalation(o, st, {
      createdAt,
      requestId: subject.requestId,
      inquiryId: subject.inquiryId,
      raisedBy: null,
      reason: autoEscalationReason(policyClock),
      severity: AUTO_ESCALATION_SEVERITY,
      note: null,
      clockId: clock.id!,
    });
  }
}

type EscalationSeed = {
  createdAt: number;
  requestId: string | null;
  inquiryId: string | null;
  /** null: raised by the automatic policy. */
  raisedBy: string | null;
  reason: string;
  severity: Severity;
  note: string | null;
  clockId: string | null;
};

/** One escalation and what followed by `now`: its response clock, acknowledgement, comments, resolution, their events. */
function writeEscalation(o: OrderCtx, st: OrderState, e: EscalationSeed): void {
  const { rng } = o;
  const now = o.ctx.now;
  const supervisor = o.ctx.users.supervisor;
  const automatic = e.raisedBy === null;
  const id = rng.uuid();
  const ackAt = businessAdd(e.createdAt, (rng.chance(0.93) ? rng.float(0.2, 3.5) : rng.float(4.2, 8)) * 3600);
  const resolvedAt = ackAt + rng.float(1, 48) * HOUR;
  const status = ackAt > now ? "open" : resolvedAt > now ? "acknowledged" : "resolved";
  const outcome = status === "resolved" ? rng.pick(escalationOutcomes) : null;
  // Nobody has taken some of the open ones yet; acknowledging takes one.
  const assigneeId = status !== "open" || rng.chance(0.5) ? supervisor : null;
  o.rows.escalations.push({
    id,
    orderId: o.orderId,
    requestId: e.requestId,
    inquiryId: e.inquiryId,
    reason: e.reason,
    severity: e.severity,
    note: e.note,
    status,
    raisedBy: e.raisedBy,
    automatic,
    clockId: e.clockId,
    assigneeId,
    acknowledgedBy: status === "open" ? null : supervisor,
    acknowledgedAt: status === "open" ? null : new Date(ackAt),
    resolvedBy: status === "resolved" ? supervisor : null,
    resolvedAt: status === "resolved" ? new Date(resolvedAt) : null,
    outcome,
    createdAt: new Date(e.createdAt),
  });
  pushClock(o, { kind: "escalation_response", startedAt: e.createdAt, subjectId: id, metAt: ackAt });
  // The same events the app writes (lib/escalations/escalation-events.ts), so the order's timeline tells it alike.
  const data = { escalationId: id };
  pushEvent(o, st.events, {
    at: e.createdAt,
    type: "escalated",
    ...(automatic ? { actorType: "system" as const } : { actorType: "user" as const, actorUserId: e.raisedBy }),
    reason: e.reason,
    data: { ...data, severity: e.severity, automatic, note: e.note, requestId: e.requestId, inquiryId: e.inquiryId, clockId: e.clockId },
  });
  pushEvent(o, st.events, { at: ackAt, type: "escalation_acknowledged", actorType: "user", actorUserId: supervisor, data });
  const until = Math.min(now, status === "resolved" ? resolvedAt : now);
  const comments = rng.int(0, 3);
  for (let c = 0; c < comments; c++) {
    const at = e.createdAt + rng.float(0.05, 1) * (until - e.createdAt);
    const commentId = rng.uuid();
    const body = rng.pick(escalationComments);
    // Supervisors handle escalations; the thread is theirs.
    o.rows.escalationComments.push({ id: commentId, escalationId: id, authorId: supervisor, body, createdAt: new Date(at) });
    pushEvent(o, st.events, { at, type: "escalation_commented", actorType: "user", actorUserId: supervisor, reason: body, data: { ...data, commentId } });
  }
  if (outcome) pushEvent(o, st.events, { at: resolvedAt, type: "escalation_resolved", actorType: "user", actorUserId: supervisor, reason: outcome, data: { ...data, acknowledgedOnResolve: false } });
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
