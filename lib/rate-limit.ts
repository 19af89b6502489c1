import { createHash } from "node:crypto";
import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { log } from "@/lib/log";

// Fixed-window counters per key (a client address, an account, a tracking token) in PostgreSQL, so every app
// instance counts against one limit. A hit is one atomic upsert that returns the new count: concurrent hits on a
// key are serialised by its row, so exactly `limit` of them are within the limit however many arrive at once.
// Callers count an attempt before the work it guards (hit, then check), and give the hit back when the attempt
// turns out not to count (refund). Times come from the caller's clock, so tests move time by hand.

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitHit = {
  ok: boolean;
  /** Attempts in this window, this one included. */
  count: number;
  /** Identifies the window, for refundRateLimit. */
  windowStartedAt: Date;
  /** 0 when ok; else how long until the window ends. */
  retryAfterMs: number;
};

// Rows of windows long over are deleted now and then by a hit (about one hit in this many), a batch at a time.
const SWEEP_ONE_IN = 500;
const SWEEP_BATCH = 1000;

/**
 * The key of `subject` (an email, an address, a tracking token) under the limit `name`. The subject is hashed: the
 * table then holds neither the emails guessers typed nor customers' tokens, and every key has the same short length.
 */
export function rateLimitKey(name: string, subject: string): string {
  return `${name}:${createHash("sha256").update(subject).digest("base64url").slice(0, 22)}`;
}

/** Counts one attempt for `key` and says whether it is within the limit. */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now: number = Date.now()): Promise<RateLimitHit> {
  // A row whose window is over starts a new one; excluded.* is the row this hit proposed.
  const over = sql`${rateLimits.expiresAt} <= excluded.window_started_at`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: new Date(now), expiresAt: new Date(now + rule.windowMs) })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${over} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${over} then excluded.window_started_at else ${rateLimits.windowStartedAt} end`,
        expiresAt: sql`case when ${over} then excluded.expires_at else ${rateLimits.expiresAt} end`,
      },
    })
    .returning();
  if (Math.random() * SWEEP_ONE_IN < 1) await sweepQuietly(db, now);
  const ok = row!.count <= rule.limit;
  return { ok, count: row!.count, windowStartedAt: row!.windowStartedAt, retryAfterMs: ok ? 0 : Math.max(0, row!.expiresAt.getTime() - now) };
}

/** Whether one more attempt for `key` would be within the limit, without counting one. */
export async function peekRateLimit(db: Db, key: string, rule: RateLimitRule, now: number = Date.now()): Promise<{ ok: boolean; retryAfterMs: number }> {
  const [row] = await db.select().from(rateLimits).where(and(eq(rateLimits.key, key), gt(rateLimits.expiresAt, new Date(now))));
  if (!row || row.count < rule.limit) return { ok: true, retryAfterMs: 0 };
  return { ok: false, retryAfterMs: row.expiresAt.getTime() - now };
}

/** Gives back one hit of the window `hit` counted in (nothing if that window is over). */
export async function refundRateLimit(db: Db, key: string, hit: Pick<RateLimitHit, "windowStartedAt">): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStartedAt, hit.windowStartedAt), gt(rateLimits.count, 0)));
}

/** Forgets `key`'s window (a successful sign-in clears that account's failures). */
export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Deletes up to `batch` rows whose window is over; returns how many. */
export async function sweepExpiredRateLimits(db: Db, now: number = Date.now(), batch: number = SWEEP_BATCH): Promise<number> {
  // SKIP LOCKED: two instances sweeping at once take different rows, and a row being hit is left alone.
  const expired = db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(lte(rateLimits.expiresAt, new Date(now)))
    .limit(batch)
    .for("update", { skipLocked: true });
  const deleted = await db.delete(rateLimits).where(inArray(rateLimits.key, expired)).returning({ key: rateLimits.key });
  return deleted.length;
}

async function sweepQuietly(db: Db, now: number): Promise<void> {
  try {
    await sweepExpiredRateLimits(db, now);
  } catch (error) {
    // Housekeeping: a failed sweep must not fail the request that happened to run it.
    log.warn("rate limit sweep failed", { error });
  }
}
