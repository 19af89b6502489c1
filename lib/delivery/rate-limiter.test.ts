import { describe, expect, it } from "vitest";
import { parseRateLimitHeaders, RateLimiter } from "./rate-limiter";
import { testClock } from "./testing/outbox-fixtures";

describe("rate limiter", () => {
  it("spaces requests evenly at the configured rate", async () => {
    const clock = testClock();
    const limiter = new RateLimiter(2, clock);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(clock.slept).toEqual([500, 500, 500, 500]);
  });

  it("shares one budget between concurrent senders", async () => {
    const clock = testClock();
    const limiter = new RateLimiter(4, clock);
    const start = clock.now().getTime();
    const times: number[] = [];
    await Promise.all([0, 1, 2, 3, 4, 5].map(async () => {
      await limiter.acquire();
      times.push(clock.now().getTime() - start);
    }));
    // Six requests at four per second cannot finish before 1.25 s.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(1250);
  });

  it("holds every request while the provider said to wait, and when no requests are left in the window", async () => {
    const clock = testClock();
    const limiter = new RateLimiter(Number.POSITIVE_INFINITY, clock);
    limiter.pauseFor(3000);
    await limiter.acquire();
    expect(clock.slept).toEqual([3000]);
    limiter.observe({ limit: 2, remaining: 0, resetMs: 1000, retryAfterMs: null });
    await limiter.acquire();
    expect(clock.slept).toEqual([3000, 1000]);
    limiter.observe({ limit: 2, remaining: 1, resetMs: 1000, retryAfterMs: null });
    await limiter.acquire();
    expect(clock.slept).toHaveLength(2);
  });

  it("reads Resend's rate-limit headers", () => {
    expect(parseRateLimitHeaders({ "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "1", "retry-after": "3" })).toEqual({
      limit: 2,
      remaining: 0,
      resetMs: 1000,
      retryAfterMs: 3000,
    });
    const now = Date.parse("2026-11-24T12:00:00Z");
    expect(parseRateLimitHeaders({ "retry-after": "Tue, 24 Nov 2026 12:00:05 GMT" }, now)?.retryAfterMs).toBe(5000);
    expect(parseRateLimitHeaders({ "content-type": "application/json" })).toBeNull();
    expect(parseRateLimitHeaders(null)).toBeNull();
  });
});
