import type { NewOrder, OrderStatus } from "@/db/schema";
import { pickRep, pushClock, pushEvent, type EventInput, type OrderCtx } from "./context";
import { sendNotice } from "./notices";
import type { OrderBase } from "./order-base";
import { CLOSED, CONFIRMED, DELIVERED, mainLine, OUT_FOR_DELIVERY, PROCESSING, SHIPPED, type HoldPlan, type Plan } from "./plan";
import { holdIssues, holdNotes } from "./texts";
import { businessAdd, dueAfter, endOfLocalDay, localDate, MINUTE } from "./time";
import { defaultSlaPolicy } from "@/lib/settings/defaults";

// Turns a plan into what happened by `now`: the order row, its items, status events, milestone notices and the
// SLA clocks they meet.

export type OrderState = {
  plan: Plan;
  status: OrderStatus;
  /** Steps at or before this instant were taken. */
  stop: number;
  taken: (step: number) => boolean;
  order: NewOrder;
  events: EventInput[];
  /** When pre-shipping clocks fell away (cancellation or current hold). */
  endAt: number | null;
  pause: boolean;
};

const windows = ["between 9 am and 1 pm", "between 12 pm and 4 pm", "between 2 pm and 6 pm", "by 8 pm"];
const proofs = ["Left at front door", "Handed to resident", "Left with neighbour", "Left in parcel locker", "Signed for at reception"];

export function emitOrder(o: OrderCtx, base: OrderBase, plan: Plan): OrderState {
  const { rng, ctx } = o;
  const now = ctx.now;
  const T = plan.times;
  const at = (s: number) => T[s] as number;
  const endAt = plan.cancel?.at ?? plan.hold?.at ?? null;
  const pause = plan.hold !== null;
  const stop = Math.min(now, endAt ?? Infinity);
  const taken = (s: number) => at(s) <= stop;
  let last = 0;
  for (let s = 1; s < mainLine.length; s++) if (taken(s)) last = s;
  const status: OrderStatus = plan.cancel ? "cancelled" : plan.hold ? "on_hold" : (mainLine[last] as OrderStatus);
  const fulfil = ctx.users.fulfillment;
  const events: EventInput[] = [];

  pushEvent(o, events, { at: plan.placedAt, type: "received", to: "received", actorType: "system", data: { source: "shop" } });
  for (let s = 1; s <= last; s++) {
    const e: EventInput = { at: at(s), type: "status_changed", from: mainLine[s - 1], to: mainLine[s], actorType: "carrier" };
    if (s === CONFIRMED) Object.assign(e, { actorType: "user", actorUserId: pickRep(o), reason: "Details, payment and stock verified" });
    if (s === PROCESSING) Object.assign(e, rng.chance(0.5) ? { actorType: "system" } : { actorType: "user", actorUserId: fulfil });
    if (s === SHIPPED) Object.assign(e, { actorType: "user", actorUserId: fulfil, data: { carrier: plan.carrier, trackingNumber: plan.trackingNumber } });
    if (s === DELIVERED) e.data = { proofOfDelivery: rng.pick(proofs) };
    if (s === CLOSED)
      Object.assign(e, plan.closedByUser ? { actorType: "user", actorUserId: pickRep(o), reason: "Delivery confirmed with the customer" } : { actorType: "system", reason: "Closed automatically 14 days after delivery" });
    pushEvent(o, events, e);
  }
  for (const hold of [plan.pastHold, plan.hold]) if (hold) emitHold(o, events, hold);
  if (plan.cancel) {
    const c = plan.cancel;
    const bySystem = c.category === "payment" || c.category === "fraud";
    pushEvent(o, events, { at: c.at, type: "status_changed", from: mainLine[last], to: "cancelled", actorType: bySystem ? "system" : "user", actorUserId: bySystem ? null : pickRep(o), reason: c.reason });
  }

  // Notices and their clocks.
  const eta = plan.exception?.revisedEta ?? plan.promisedDate;
  const confirmClock = rng.uuid();
  const confirmAt = at(CONFIRMED) + plan.delays.confirmation;
  const confirmNotice = taken(CONFIRMED) && confirmAt <= stop ? sendNotice(o, { template: "order_confirmation", at: confirmAt, senderType: "system", clockId: confirmClock, vars: { eta: plan.promisedDate } }) : null;
  pushClock(o, { id: confirmClock, kind: "confirmation", startedAt: plan.placedAt, metAt: confirmNotice?.sentAt, metByMessageId: confirmNotice?.id, endAt, pause });

  if (taken(CONFIRMED)) {
    emitProcessingUpdate(o, plan, taken(SHIPPED) ? at(SHIPPED) : Infinity, endAt, pause);
    const due = endOfLocalDay(plan.promisedDate, o.customer.timeZone);
    pushClock(o, { kind: "delivery_promise", startedAt: at(CONFIRMED), dueAt: due, metAt: taken(DELIVERED) ? at(DELIVERED) : null, endAt, pause });
  }
  const milestones = [
    [SHIPPED, "shipping_notice", "shipped", plan.delays.shipped, { carrier: plan.carrier, tracking: plan.trackingNumber, eta }],
    [OUT_FOR_DELIVERY, "out_for_delivery_notice", "out_for_delivery", plan.delays.ofd, { window: rng.pick(windows) }],
    [DELIVERED, "delivery_notice", "delivered", plan.delays.delivered, { window: rng.pick(proofs).toLowerCase() }],
  ] as const;
  for (const [step, kind, template, delay, vars] of milestones) {
    if (!taken(step)) continue;
    const clockId = rng.uuid();
    const sent = sendNotice(o, { template, at: at(step) + delay, senderType: "system", clockId, vars });
    pushClock(o, { id: clockId, kind, startedAt: at(step), metAt: sent?.sentAt, metByMessageId: sent?.id });
  }
  if (taken(CLOSED) && rng.chance(0.6)) sendNotice(o, { template: "order_complete", at: at(CLOSED) + rng.float(1, 30) * MINUTE, senderType: "system", vars: {} });

  const step = (s: number) => (taken(s) ? new Date(at(s)) : null);
  const paymentStatus: NewOrder["paymentStatus"] =
    status === "cancelled"
      ? plan.cancel?.category === "payment" ? "failed" : "refunded"
      : status === "on_hold" && plan.hold?.reason === "payment" ? "failed"
        : taken(SHIPPED) ? "paid"
          : status === "received" && rng.chance(0.1) ? "pending" : "authorized";
  const order: NewOrder = {
    id: o.orderId,
    number: o.number,
    externalId: `SO-${700000 + o.index}`,
    customerId: o.customer.id,
    status,
    holdReason: plan.hold?.reason ?? null,
    statusBeforeHold: plan.hold?.from ?? null,
    billingAddress: base.billingAddress,
    shippingAddress: base.shippingAddress,
    subtotalCents: base.subtotalCents,
    shippingCents: base.shippingCents,
    taxCents: base.taxCents,
    totalCents: base.totalCents,
    paymentMethod: base.paymentMethod,
    paymentStatus,
    promisedDeliveryDate: taken(CONFIRMED) ? plan.promisedDate : null,
    carrier: taken(SHIPPED) ? plan.carrier : null,
    trackingNumber: taken(SHIPPED) ? plan.trackingNumber : null,
    placedAt: new Date(plan.placedAt),
    confirmedAt: step(CONFIRMED),
    shippedAt: step(SHIPPED),
    deliveredAt: step(DELIVERED),
    closedAt: step(CLOSED),
    cancelledAt: plan.cancel ? new Date(plan.cancel.at) : null,
    cancelReason: plan.cancel?.reason ?? null,
    assigneeId: o.assigneeId,
    createdAt: new Date(plan.placedAt),
  };
  o.rows.orders.push(order);
  for (const l of base.lines) o.rows.orderItems.push({ id: rng.uuid(), orderId: o.orderId, ...l });
  return { plan, status, stop, taken, order, events, endAt, pause };
}

function emitHold(o: OrderCtx, events: EventInput[], hold: HoldPlan): void {
  const { rng } = o;
  const bySystem = hold.reason === "payment";
  const actor = bySystem ? { actorType: "system" as const } : { actorType: "user" as const, actorUserId: hold.reason === "stock" ? o.ctx.users.fulfillment : pickRep(o) };
  pushEvent(o, events, { at: hold.at, type: "status_changed", from: hold.from, to: "on_hold", ...actor, reason: holdNotes[hold.reason], data: { holdReason: hold.reason } });
  if (hold.releaseAt !== null)
    pushEvent(o, events, { at: hold.releaseAt, type: "status_changed", from: "on_hold", to: hold.from, actorType: "user", actorUserId: pickRep(o), reason: "Issue cleared, order released" });
  const noticeAt = hold.at + rng.float(10, 90) * MINUTE;
  if (hold.releaseAt === null || noticeAt < hold.releaseAt)
    sendNotice(o, { template: "issue", at: noticeAt, senderType: "user", senderUserId: pickRep(o), vars: { issue: holdIssues[hold.reason] } });
}

/** "Usual processing time" clock: met by shipping, or by a processing-update notice that opens the next one. */
function emitProcessingUpdate(o: OrderCtx, plan: Plan, shippedAt: number, endAt: number | null, pause: boolean): void {
  const { rng } = o;
  const start = plan.times[CONFIRMED] as number;
  const due = dueAfter(start, defaultSlaPolicy.processing_update);
  if (shippedAt <= due) {
    pushClock(o, { kind: "processing_update", startedAt: start, metAt: shippedAt });
    return;
  }
  const sendAt = rng.chance(0.85) ? Math.max(start + 60 * MINUTE, due - rng.float(20, 180) * MINUTE) : due + rng.float(15, 240) * MINUTE;
  const limit = Math.min(shippedAt, endAt ?? Infinity, o.ctx.now);
  const clockId = rng.uuid();
  if (sendAt >= limit) {
    pushClock(o, { id: clockId, kind: "processing_update", startedAt: start, metAt: shippedAt, endAt, pause });
    return;
  }
  const updateBy = businessAdd(sendAt, defaultSlaPolicy.processing_update.seconds);
  const sent = sendNotice(o, { template: "processing_update", at: sendAt, senderType: "user", senderUserId: pickRep(o), clockId, vars: { updateBy: localDate(updateBy, o.customer.timeZone) } });
  pushClock(o, { id: clockId, kind: "processing_update", startedAt: start, metAt: sent?.sentAt, metByMessageId: sent?.id, endAt, pause });
  if (sent) pushClock(o, { kind: "processing_update", startedAt: sent.sentAt, dueAt: updateBy, metAt: shippedAt, endAt, pause });
}
