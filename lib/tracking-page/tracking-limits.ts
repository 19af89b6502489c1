import type { Db } from "@/db/client";
import { appConfig } from "@/lib/config/app-config";
import { hitRateLimit, peekRateLimit, rateLimitKey } from "@/lib/rate-limit";

// The tracking page's limits. Guessing a 64-hex token is hopeless anyway (decisions.md); these keep a guesser or a
// flood from costing a database lookup per request. A client over a limit gets the same 404 as a wrong token and
// no lookup is made, so the answer never tells a guesser whether a token exists. Counted in PostgreSQL
// (lib/rate-limit.ts), so every app instance enforces the same limits.

const MINUTE = 60_000;
// Every limit times this (TRACKING_RATE_LIMIT_SCALE): the browser suite drives many customers from one address.
const scale = appConfig().TRACKING_RATE_LIMIT_SCALE;

export const trackingLimitRules = {
  pageViewsPerIp: { limit: 60 * scale, windowMs: MINUTE },
  notFoundPerIp: { limit: 20 * scale, windowMs: MINUTE },
  postsPerIp: { limit: 20 * scale, windowMs: MINUTE },
  postsPerToken: { limit: 10 * scale, windowMs: MINUTE },
} as const;

export type TrackingLimits = ReturnType<typeof createTrackingLimits>;

export function createTrackingLimits(now: () => number = Date.now) {
  const wrongTokensLeft = async (db: Db, ip: string) => (await peekRateLimit(db, rateLimitKey("tracking:not-found", ip), trackingLimitRules.notFoundPerIp, now())).ok;
  return {
    /** A page view may look the token up: the client has wrong tokens to spare and views left. */
    async admitView(db: Db, ip: string): Promise<boolean> {
      if (!(await wrongTokensLeft(db, ip))) return false;
      return (await hitRateLimit(db, rateLimitKey("tracking:views", ip), trackingLimitRules.pageViewsPerIp, now())).ok;
    },
    /** A form post may go ahead: within the client's and the token's budgets, and not a known guesser. */
    async admitPost(db: Db, ip: string, token: string): Promise<boolean> {
      if (!(await wrongTokensLeft(db, ip))) return false;
      const byIp = await hitRateLimit(db, rateLimitKey("tracking:posts", ip), trackingLimitRules.postsPerIp, now());
      const byToken = await hitRateLimit(db, rateLimitKey("tracking:token-posts", token), trackingLimitRules.postsPerToken, now());
      return byIp.ok && byToken.ok;
    },
    /** A wrong token answered 404: counts against the client's budget of wrong tokens. */
    async recordNotFound(db: Db, ip: string): Promise<void> {
      await hitRateLimit(db, rateLimitKey("tracking:not-found", ip), trackingLimitRules.notFoundPerIp, now());
    },
  };
}

/** The limits on the real clock (the page and its actions). */
export const trackingLimits: TrackingLimits = createTrackingLimits();
