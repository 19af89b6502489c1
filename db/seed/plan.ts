import type { exceptionKinds, holdReasons, OrderStatus } from "@/db/schema";
import type { OrderCtx } from "./context";
import { cancelReasons, exceptionTexts } from "./texts";
import { addDays, addWeekdays, atLocalTime, businessAdd, DAY, HOUR, localDate, MINUTE } from "./time";

// The life of one order, planned in full from placedAt; what actually happened is the part up to `now`,
// cut short by a cancellation or a current hold.

export const mainLine = ["received", "confirmed", "processing", "shipped", "in_transit", "out_for_delivery", "delivered", "closed"] as const satisfies readonly OrderStatus[];
export const CONFIRMED = 1;
export const PROCESSING = 2;
export const SHIPPED = 3;
export const IN_TRANSIT = 4;
export const OUT_FOR_DELIVERY = 5;
export const DELIVERED = 6;
export const CLOSED = 7;

export type ExceptionKind = (typeof exceptionKinds)[number];
export type HoldReason = (typeof holdReasons)[number];
export type CarrierCode = "ups" | "usps" | "fedex" | "dhl";

export type ExceptionPlan = {
  id: string;
  family: "warehouse" | "transit";
  kind: ExceptionKind;
  explanation: string;
  openedAt: number;
  resolvedAt: number;
  revisedEta: string;
  /** Delay from opening to the delay notice (Infinity: the customer was never told). */
  notifyDelay: number;
  openedBySystem: boolean;
};

export type CancelPlan = { at: number; category: keyof typeof cancelReasons; reason: string; byRequest: boolean; requestAt: number };
export type HoldPlan = { at: number; releaseAt: number | null; reason: HoldReason; from: OrderStatus };

export type Plan = {
  placedAt: number;
  /** Time of each mainLine step; Infinity when it never happens. */
  times: number[];
  promisedDate: string;
  deliveryDate: string;
  closedByUser: boolean;
  /** Delay between a milestone and its notice (Infinity: not sent). */
  delays: { confirmation: number; shipped: number; ofd: number; delivered: number };
  carrier: CarrierCode;
  trackingNumber: string;
  exception: ExceptionPlan | null;
  cancel: CancelPlan | null;
  hold: HoldPlan | null;
  pastHold: HoldPlan | null;
};

function trackingNumber(o: OrderCtx, carrier: CarrierCode): string {
  const r = o.rng;
  if (carrier === "ups") return `1Z${r.alnum(16)}`;
  if (carrier === "usps") return `9400${r.digits(18)}`;
  if (carrier === "fedex") return r.digits(12);
  return r.digits(10);
}

/** Minutes from a milestone to its notice: mostly quick, about 7% past the 1-hour allowance. */
function noticeDelay(o: OrderCtx): number {
  return o.rng.chance(0.93) ? o.rng.float(0.3, 45) * MINUTE : o.rng.float(62, 240) * MINUTE;
}

/** `deliveryTz`: the zone of the shipping address (carrier times are local there). */
export function planOrder(o: OrderCtx, placedAt: number, forced: OrderStatus | undefined, deliveryTz: string): Plan {
  const r = o.rng;
  const now = o.ctx.now;
  const tz = o.customer.timeZone;
  const P = placedAt;
  const confirmMinutes = r.chance(0.93) ? r.float(3, 50) : r.float(62, 200);
  const confirmedAt = businessAdd(P, confirmMinutes * 60);
  const processingAt = businessAdd(confirmedAt, r.float(5, 90) * 60);
  const family = r.chance(0.068) ? (r.chance(0.5) ? "warehouse" : "transit") : null;
  const shipHours = family === "warehouse" ? r.float(18, 48) : r.weighted([[r.float(1, 8), 72], [r.float(8, 15.5), 23], [r.float(17, 30), 5]]);
  const shippedAt = Math.max(businessAdd(confirmedAt, shipHours * 3600), processingAt + 30 * MINUTE);
  const inTransitAt = shippedAt + r.float(2, 10) * HOUR;
  // Promised at confirmation: placed + 3–7 business days (weekdays), so weekend orders are not late by design.
  const promisedDate = addWeekdays(localDate(P, tz), r.int(3, 7));
  const earliest = addDays(localDate(inTransitAt, deliveryTz), 1);
  // Late against the promise: every delivery behind an exception, plus a few others (about 8% in all).
  const late = family !== null || r.chance(0.005);
  const target = late ? addDays(promisedDate, r.int(1, 4)) : addDays(promisedDate, -r.int(0, 2));
  const deliveryDate = target < earliest ? earliest : target;
  const ofdAt = atLocalTime(deliveryDate, r.int(7 * 60, 10 * 60), deliveryTz);
  const deliveredAt = ofdAt + r.float(1, 9) * HOUR;
  const closedByUser = r.chance(0.3);
  const closedAt = closedByUser ? deliveredAt + r.float(2, 7) * DAY : deliveredAt + 14 * DAY + r.float(0, 2) * HOUR;
  const times = [P, confirmedAt, processingAt, shippedAt, inTransitAt, ofdAt, deliveredAt, closedAt];
  const carrier = r.weighted<CarrierCode>([["ups", 40], ["usps", 25], ["fedex", 25], ["dhl", 10]]);
  const plan: Plan = {
    placedAt: P,
    times,
    promisedDate,
    deliveryDate,
    closedByUser,
    delays: { confirmation: r.float(0.2, 3) * MINUTE, shipped: noticeDelay(o), ofd: noticeDelay(o), delivered: noticeDelay(o) },
    carrier,
    trackingNumber: trackingNumber(o, carrier),
    exception: null,
    cancel: null,
    hold: null,
    pastHold: null,
  };

  if (family) {
    const transit = family === "transit";
    const kind = transit
      ? r.weighted<ExceptionKind>([["weather", 30], ["carrier", 30], ["damaged", 15], ["lost", 10], ["address", 15]])
      : r.weighted<ExceptionKind>([["backorder", 30], ["stock", 30], ["payment", 10], ["address", 15], ["other", 15]]);
    const [from, to] = transit ? [inTransitAt, ofdAt] : [processingAt, shippedAt];
    const openedAt = from + r.float(0.1, 0.6) * (to - from);
    const resolvedAt = transit ? deliveredAt : Math.max(openedAt + 10 * MINUTE, shippedAt - r.float(5, 60) * MINUTE);
    plan.exception = {
      id: r.uuid(),
      family,
      kind,
      explanation: r.pick(exceptionTexts[kind]),
      openedAt,
      resolvedAt,
      revisedEta: transit ? deliveryDate : addDays(deliveryDate, r.int(0, 1)),
      notifyDelay: r.weighted([[r.float(5, 55) * MINUTE, 90], [r.float(65, 240) * MINUTE, 7], [Infinity, 3]]),
      openedBySystem: transit && r.chance(0.5),
    };
  }

  if (r.chance(0.04)) {
    const s = r.weighted([[0, 35], [1, 25], [2, 40]] as const);
    const start = times[s] as number;
    const at = start + r.float(0.1, 0.9) * ((times[s + 1] as number) - start);
    if (at <= now) {
      const category = r.weighted<CancelPlan["category"]>([["customer", 55], ["payment", 20], ["stock", 15], ["fraud", 10]]);
      const byRequest = category === "customer" && r.chance(0.6);
      plan.cancel = { at, category, reason: r.pick(cancelReasons[category]), byRequest, requestAt: Math.max(P + MINUTE, at - r.float(0.3, 6) * HOUR) };
    }
  } else if (now - P <= 14 * DAY && r.chance(0.07)) {
    const options = [0, 1, 2].filter((s) => (times[s] as number) < now);
    const s = r.pick(options);
    const start = times[s] as number;
    const at = start + r.float(0.05, 0.9) * (Math.min(times[s + 1] as number, now) - start);
    plan.hold = { at, releaseAt: null, reason: holdReason(o), from: mainLine[s] as OrderStatus };
  } else if (r.chance(0.025)) {
    const s = r.int(0, 2);
    const start = times[s] as number;
    const end = times[s + 1] as number;
    if (end <= now && end - start >= 2 * HOUR) {
      const at = start + r.float(0.1, 0.4) * (end - start);
      plan.pastHold = { at, releaseAt: at + r.float(0.3, 0.8) * (end - at), reason: holdReason(o), from: mainLine[s] as OrderStatus };
    }
  }
  if (plan.cancel || plan.hold) plan.exception = null;
  if (forced) applyForced(o, plan, forced);
  return plan;
}

function holdReason(o: OrderCtx): HoldReason {
  return o.rng.weighted<HoldReason>([["payment", 30], ["stock", 35], ["address", 25], ["other", 10]]);
}

// How long before now a forced order reached its status (shipped 3 h ago with no notice: a clock late by more than
// its one-hour allowance, so every seed has an automatic escalation; out for delivery 50 min ago with no notice: a
// clock about to breach).
const forcedMargin: Partial<Record<OrderStatus, number>> = {
  confirmed: 40 * MINUTE,
  processing: 1 * HOUR,
  shipped: 3 * HOUR,
  in_transit: 3 * HOUR,
  out_for_delivery: 50 * MINUTE,
  delivered: 5 * HOUR,
  closed: 1 * DAY,
};

/** Bends the plan so that the order is in `target` now: compress the steps up to it, drop the ones after it. */
function applyForced(o: OrderCtx, plan: Plan, target: OrderStatus): void {
  const now = o.ctx.now;
  plan.cancel = null;
  plan.hold = null;
  plan.pastHold = null;
  plan.exception = null;
  const base: OrderStatus = target === "on_hold" ? "processing" : target === "cancelled" ? "confirmed" : target;
  const k = mainLine.indexOf(base as (typeof mainLine)[number]);
  const margin = target === "on_hold" ? 5 * HOUR : target === "cancelled" ? 6 * HOUR : (forcedMargin[base] ?? HOUR);
  const T = plan.times;
  if (k > 0) {
    const A = now - margin;
    const P = plan.placedAt;
    const Tk = T[k] as number;
    if (Tk > A) {
      const P2 = Math.min(P, A - k * 45 * MINUTE);
      for (let j = 1; j <= k; j++) T[j] = P2 + ((T[j] as number) - P) * ((A - P2) / (Tk - P));
      T[0] = P2;
      plan.placedAt = P2;
    }
  }
  for (let j = k + 1; j < T.length; j++) T[j] = Infinity;
  if (target === "shipped") plan.delays.shipped = Infinity;
  if (target === "out_for_delivery") plan.delays.ofd = Infinity;
  if (target === "on_hold") plan.hold = { at: now - 2 * HOUR, releaseAt: null, reason: "stock", from: "processing" };
  if (target === "cancelled") plan.cancel = { at: now - 3 * HOUR, category: "customer", reason: "Customer requested cancellation", byRequest: true, requestAt: now - 4 * HOUR };
}
