import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { RateLimitInfo } from "./providers";

// Providers limit requests per second per account (Resend: a few per team), and every worker that sends, in any
// process, shares that budget. So the budget lives in PostgreSQL, one provider_rate_limits row per provider: each
// request first reserves the next free slot there (one atomic upsert; slots are 1/rate apart, so never a burst
// however many workers send), then waits for it. When the provider says "wait" (a 429's retry-after, or no requests
// left until the window resets) the row records until when, and every worker holds off until then.

export type Clock = { now: () => Date; sleep: (ms: number) => Promise<void> };

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

type BudgetRow = { next_slot_ms: number; blocked_until_ms: number | null };

// Instants cross as epoch milliseconds (float8 keeps the microseconds a fractional interval leaves).
const at = (ms: number) => sql`to_timestamp(${ms}::float8 / 1000)`;
const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

export class RateLimiter {
  private readonly intervalMs: number;

  /** `key` names the budget ("email:resend"): limiters with the same key share it, in any process. */
  constructor(
    readonly key: string,
    perSecond: number,
    private readonly clock: Clock = realClock,
  ) {
    this.intervalMs = Number.isFinite(perSecond) && perSecond > 0 ? 1000 / perSecond : 0;
  }

  /** Resolves when a request may go out, having taken that request's slot; with the slot's instant (epoch ms). */
  async acquire(db: Db): Promise<number> {
    for (;;) {
      const now = this.clock.now().getTime();
      const interval = sql`${this.intervalMs}::float8 * interval '1 millisecond'`;
      // The slot is the later of the next free one, now, and the end of any hold; the next free one moves past it.
      const [row] = await queryRows<BudgetRow>(
        db,
        sql`insert into provider_rate_limits as p (key, next_slot_at) values (${this.key}, ${at(now)} + ${interval})
            on conflict (key) do update
              set next_slot_at = greatest(p.next_slot_at, ${at(now)}, coalesce(p.blocked_until, '-infinity')) + ${interval}
            returning ${epochMs("p.next_slot_at")} as next_slot_ms, ${epochMs("p.blocked_until")} as blocked_until_ms`,
      );
      const slotMs = Number(row!.next_slot_ms) - this.intervalMs;
      if (slotMs <= now) return slotMs;
      await this.clock.sleep(slotMs - now);
      // While this worker waited for its slot, another may have been told to hold off: then take a later slot.
      if ((await this.blockedForMs(db)) <= 0) return slotMs;
    }
  }

  /** How long the provider has told us to hold off from now (0 when requests may go). */
  async blockedForMs(db: Db): Promise<number> {
    const [row] = await queryRows<Pick<BudgetRow, "blocked_until_ms">>(db, sql`select ${epochMs("blocked_until")} as blocked_until_ms from provider_rate_limits where key = ${this.key}`);
    const blockedUntil = row?.blocked_until_ms == null ? 0 : Number(row.blocked_until_ms);
    return Math.max(0, blockedUntil - this.clock.now().getTime());
  }

  /** No request, from any worker, before `ms` from now (a 429's retry-after). */
  async pauseFor(db: Db, ms: number): Promise<void> {
    const now = this.clock.now().getTime();
    const until = at(now + Math.max(0, ms));
    await db.execute(
      sql`insert into provider_rate_limits as p (key, next_slot_at, blocked_until) values (${this.key}, ${at(now)}, ${until})
          on conflict (key) do update set blocked_until = greatest(coalesce(p.blocked_until, '-infinity'), excluded.blocked_until)`,
    );
  }

  /** Slows down before the provider has to say no: nothing left in this window means wait for its reset. */
  async observe(db: Db, info: RateLimitInfo | null): Promise<void> {
    if (!info) return;
    if (info.remaining !== null && info.remaining <= 0 && info.resetMs !== null) await this.pauseFor(db, info.resetMs);
  }
}

function seconds(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** retry-after is seconds or an HTTP date; the IETF ratelimit-* headers count requests and seconds. */
export function parseRateLimitHeaders(headers: Record<string, string> | Headers | null | undefined, now = Date.now()): RateLimitInfo | null {
  if (!headers) return null;
  const get = (name: string) => (headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name] ?? headers[name.toLowerCase()]);
  const retryAfterRaw = get("retry-after");
  let retryAfterMs: number | null = null;
  if (retryAfterRaw !== undefined) {
    const s = seconds(retryAfterRaw);
    if (s !== null) retryAfterMs = s * 1000;
    else if (!Number.isNaN(Date.parse(retryAfterRaw))) retryAfterMs = Math.max(0, Date.parse(retryAfterRaw) - now);
  }
  const limit = seconds(get("ratelimit-limit"));
  const remaining = seconds(get("ratelimit-remaining"));
  const reset = seconds(get("ratelimit-reset"));
  if (retryAfterMs === null && limit === null && remaining === null && reset === null) return null;
  return { limit, remaining, resetMs: reset === null ? null : reset * 1000, retryAfterMs };
}
