import type { RateLimitInfo } from "./providers";

// Providers limit requests per second per account (Resend: a few per team), and every process that sends shares
// that budget. One limiter per provider per process spaces requests evenly (a token bucket holding one token, so
// never a burst) and stops all sending while the provider has said "wait" (429 retry-after, or no requests left
// until the window resets).

export type Clock = { now: () => Date; sleep: (ms: number) => Promise<void> };

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class RateLimiter {
  private nextSlotMs = 0;
  private blockedUntilMs = 0;
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly clock: Clock = realClock,
  ) {
    this.intervalMs = Number.isFinite(perSecond) && perSecond > 0 ? 1000 / perSecond : 0;
  }

  /** Resolves when a request may go out, and takes that request's slot. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const readyAt = Math.max(this.blockedUntilMs, this.nextSlotMs);
      if (readyAt <= now) {
        this.nextSlotMs = Math.max(now, this.nextSlotMs) + this.intervalMs;
        return;
      }
      await this.clock.sleep(readyAt - now);
    }
  }

  /** How long the provider has told us to hold off from now (0 when requests may go). */
  blockedForMs(): number {
    return Math.max(0, this.blockedUntilMs - this.clock.now().getTime());
  }

  /** No request before `ms` from now (a 429's retry-after). */
  pauseFor(ms: number): void {
    this.blockedUntilMs = Math.max(this.blockedUntilMs, this.clock.now().getTime() + Math.max(0, ms));
  }

  /** Slows down before the provider has to say no: nothing left in this window means wait for its reset. */
  observe(info: RateLimitInfo | null): void {
    if (!info) return;
    if (info.remaining !== null && info.remaining <= 0 && info.resetMs !== null) this.pauseFor(info.resetMs);
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
