import { FixedWindowLimiter } from "@/lib/rate-limit";

// The tracking page's limits. Guessing a 64-hex token is hopeless anyway (decisions.md); these keep a guesser or a
// flood from costing a database lookup per request. A client over a limit gets the same 404 as a wrong token and
// no lookup is made, so the answer never tells a guesser whether a token exists.

const MINUTE = 60_000;
// Every limit times this (TRACKING_RATE_LIMIT_SCALE): the browser suite drives many customers from one address.
const scale = Math.max(1, Number(process.env.TRACKING_RATE_LIMIT_SCALE) || 1);

export const trackingLimitRules = {
  pageViewsPerIp: { limit: 60 * scale, windowMs: MINUTE },
  notFoundPerIp: { limit: 20 * scale, windowMs: MINUTE },
  postsPerIp: { limit: 20 * scale, windowMs: MINUTE },
  postsPerToken: { limit: 10 * scale, windowMs: MINUTE },
} as const;

export type TrackingLimits = ReturnType<typeof createTrackingLimits>;

export function createTrackingLimits(now: () => number = Date.now) {
  const pageViews = new FixedWindowLimiter(trackingLimitRules.pageViewsPerIp, now);
  const notFound = new FixedWindowLimiter(trackingLimitRules.notFoundPerIp, now);
  const postsByIp = new FixedWindowLimiter(trackingLimitRules.postsPerIp, now);
  const postsByToken = new FixedWindowLimiter(trackingLimitRules.postsPerToken, now);
  return {
    /** A page view may look the token up: the client has wrong tokens to spare and views left. */
    admitView(ip: string): boolean {
      if (!notFound.peek(ip).ok) return false;
      return pageViews.hit(ip).ok;
    },
    /** A form post may go ahead: within the client's and the token's budgets, and not a known guesser. */
    admitPost(ip: string, token: string): boolean {
      if (!notFound.peek(ip).ok) return false;
      const byIp = postsByIp.hit(ip).ok;
      const byToken = postsByToken.hit(token).ok;
      return byIp && byToken;
    },
    /** A wrong token answered 404: counts against the client's budget of wrong tokens. */
    recordNotFound(ip: string): void {
      notFound.hit(ip);
    },
  };
}

// One set per process, kept on globalThis so the page and its actions (and development reloads) share it.
const holder = globalThis as typeof globalThis & { __orderlineTrackingLimits?: TrackingLimits };

export function trackingLimits(): TrackingLimits {
  return (holder.__orderlineTrackingLimits ??= createTrackingLimits());
}
