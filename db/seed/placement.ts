import type { OrderStatus } from "@/db/schema";
import type { SeedContext } from "./context";
import type { Rng } from "./random";
import { HOUR, localHourAndWeekday } from "./time";

// When orders were placed: over the 90 days before `now`, more of them recently, most in the shop's daytime.
// Order i sits at quantile (i + jitter) / total of that distribution, so order numbers rise with placedAt and
// any chunk can be generated on its own.

export const WINDOW_DAYS = 90;
const HOURS = WINDOW_DAYS * 24;

// Relative order volume by local hour in the shop's zone (online shop: some orders at night too).
const hourWeight = [0.25, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.3, 1.6, 1.7, 1.8, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.3, 1.2, 1.0, 0.7, 0.45];

export function buildPlacement(now: number): Float64Array {
  const cdf = new Float64Array(HOURS);
  let acc = 0;
  for (let j = 0; j < HOURS; j++) {
    const start = now - (HOURS - j) * HOUR;
    const ageDays = (HOURS - j - 0.5) / 24;
    const { hour, weekday } = localHourAndWeekday(start + HOUR / 2, "America/New_York");
    const weekend = weekday === 0 || weekday === 6 ? 0.7 : 1;
    acc += Math.exp(-ageDays / 45) * (hourWeight[hour] ?? 1) * weekend;
    cdf[j] = acc;
  }
  return cdf;
}

export function placedAtFor(ctx: SeedContext, i: number, rng: Rng): number {
  const cdf = ctx.placement;
  const total = cdf[HOURS - 1] ?? 1;
  const target = ((i + rng.float(0.05, 0.95)) / ctx.total) * total;
  let lo = 0;
  let hi = HOURS - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  const prev = lo > 0 ? (cdf[lo - 1] ?? 0) : 0;
  const frac = (target - prev) / ((cdf[lo] ?? 1) - prev || 1);
  return Math.round(ctx.now - (HOURS - lo) * HOUR + Math.min(Math.max(frac, 0), 0.999) * HOUR);
}

/** A few of the newest orders (and the oldest) are put into each status, so every status exists in any seed. */
export function forcedStatuses(total: number): Map<number, OrderStatus> {
  const forced = new Map<number, OrderStatus>();
  const set = (i: number, s: OrderStatus) => {
    if (i >= 0 && i < total) forced.set(i, s);
  };
  set(0, "closed");
  set(total - 9, "delivered");
  set(total - 8, "cancelled");
  set(total - 7, "on_hold");
  set(total - 6, "out_for_delivery");
  set(total - 5, "in_transit");
  set(total - 4, "shipped");
  set(total - 3, "processing");
  set(total - 2, "confirmed");
  set(total - 1, "received");
  return forced;
}
