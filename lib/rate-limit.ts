// Fixed-window counters per key (a client IP, a tracking token), kept in this process's memory. Several app
// instances each count on their own, so a client spread over N instances gets up to N times the limit: fine for
// slowing a guesser or a flood down, not an exact quota (that would need a shared store such as PostgreSQL or Redis).

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { ok: boolean; remaining: number; retryAfterMs: number };

type Window = { startedAt: number; count: number };

export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
    // Spoofed or rotating client addresses must not grow memory without bound: past this many keys, expired
    // windows are swept and then the oldest dropped (which only gives that key a fresh window).
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one attempt for `key` and says whether it is within the limit. */
  hit(key: string): RateLimitResult {
    const now = this.now();
    let window = this.current(key, now);
    if (!window) {
      this.makeRoom();
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return this.result(window, now);
  }

  /** Whether `key` is still within the limit, without counting an attempt. */
  peek(key: string): RateLimitResult {
    const now = this.now();
    const window = this.current(key, now);
    if (!window) return { ok: true, remaining: this.rule.limit, retryAfterMs: 0 };
    return this.result(window, now, 1);
  }

  /** Forgets `key`'s window (a successful sign-in clears that account's failures). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  /** How many keys are held (for tests of the memory bound). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, now: number): Window | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (now - window.startedAt >= this.rule.windowMs) {
      this.windows.delete(key);
      return null;
    }
    return window;
  }

  // `extra`: peek asks whether one more attempt would still be allowed.
  private result(window: Window, now: number, extra = 0): RateLimitResult {
    const used = window.count + extra;
    const ok = used <= this.rule.limit;
    return {
      ok,
      remaining: Math.max(0, this.rule.limit - window.count),
      retryAfterMs: ok ? 0 : Math.max(0, window.startedAt + this.rule.windowMs - now),
    };
  }

  private makeRoom(): void {
    if (this.windows.size < this.maxKeys) return;
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.rule.windowMs) this.windows.delete(key);
    }
    // Maps iterate in insertion order: the first keys are the oldest windows.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The client's address as the operator's reverse proxy reports it: the first X-Forwarded-For entry, else X-Real-IP.
 * The proxy must set these (not pass on what the client sent), or a client can pick its own key.
 */
export function clientIp(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim() || "";
  // Only address characters, and short: the value becomes a map key.
  return /^[0-9a-fA-F:.]{2,45}$/.test(candidate) ? candidate.toLowerCase() : "unknown";
}
