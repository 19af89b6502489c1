import { describe, expect, it } from "vitest";
import { clientIp, FixedWindowLimiter } from "./rate-limit";
import { createTrackingLimits } from "./tracking-page/tracking-limits";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("FixedWindowLimiter", () => {
  it("allows the limit within a window, refuses beyond it, and says when to retry", () => {
    const c = clock();
    const limiter = new FixedWindowLimiter({ limit: 3, windowMs: 60_000 }, c.now);
    expect([1, 2, 3].map(() => limiter.hit("a").ok)).toEqual([true, true, true]);
    c.advance(15_000);
    expect(limiter.hit("a")).toEqual({ ok: false, remaining: 0, retryAfterMs: 45_000 });
    // Another key has its own window.
    expect(limiter.hit("b")).toMatchObject({ ok: true, remaining: 2 });
  });

  it("starts a fresh window once the old one has passed", () => {
    const c = clock();
    const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 1000 }, c.now);
    expect(limiter.hit("a").ok).toBe(true);
    expect(limiter.hit("a").ok).toBe(false);
    c.advance(999);
    expect(limiter.hit("a").ok).toBe(false);
    c.advance(1);
    expect(limiter.hit("a").ok).toBe(true);
  });

  it("peek tells whether one more attempt would pass, without counting one", () => {
    const c = clock();
    const limiter = new FixedWindowLimiter({ limit: 2, windowMs: 1000 }, c.now);
    expect(limiter.peek("a").ok).toBe(true);
    limiter.hit("a");
    expect(limiter.peek("a").ok).toBe(true);
    expect(limiter.peek("a").ok).toBe(true);
    limiter.hit("a");
    expect(limiter.peek("a")).toEqual({ ok: false, remaining: 0, retryAfterMs: 1000 });
  });

  it("reset forgets a key's window", () => {
    const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 1000 }, clock().now);
    limiter.hit("a");
    expect(limiter.peek("a").ok).toBe(false);
    limiter.reset("a");
    expect(limiter.peek("a").ok).toBe(true);
  });

  it("holds at most maxKeys keys: expired windows go first, then the oldest", () => {
    const c = clock();
    const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 1000 }, c.now, 3);
    limiter.hit("old");
    c.advance(1000);
    for (const key of ["a", "b", "c", "d"]) limiter.hit(key);
    expect(limiter.size).toBe(3);
    // "old" had expired and "a" was the oldest live window: both made room; b, c, d keep their counts.
    expect(limiter.hit("d").ok).toBe(false);
    expect(limiter.peek("b").ok).toBe(false);
  });
});

describe("clientIp", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);
  it("takes the first X-Forwarded-For entry, then X-Real-IP", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-real-ip": "2001:DB8::1" }))).toBe("2001:db8::1");
  });
  it("answers 'unknown' for no header or anything that is not an address", () => {
    expect(clientIp(headers({}))).toBe("unknown");
    expect(clientIp(headers({ "x-forwarded-for": "<script>" }))).toBe("unknown");
    expect(clientIp(headers({ "x-forwarded-for": "1".repeat(200) }))).toBe("unknown");
  });
});

describe("tracking page limits", () => {
  it("after 20 wrong tokens a minute an address gets no more lookups, even for a real token, until the window passes", () => {
    const c = clock();
    const limits = createTrackingLimits(c.now);
    for (let i = 0; i < 20; i++) {
      expect(limits.admitView("198.51.100.1")).toBe(true);
      limits.recordNotFound("198.51.100.1");
    }
    expect(limits.admitView("198.51.100.1")).toBe(false);
    expect(limits.admitPost("198.51.100.1", "a".repeat(64))).toBe(false);
    // Someone else is unaffected.
    expect(limits.admitView("198.51.100.2")).toBe(true);
    c.advance(60_000);
    expect(limits.admitView("198.51.100.1")).toBe(true);
  });

  it("allows 60 page views a minute per address", () => {
    const limits = createTrackingLimits(clock().now);
    const answers = Array.from({ length: 61 }, () => limits.admitView("198.51.100.3"));
    expect(answers.filter(Boolean)).toHaveLength(60);
    expect(answers.at(-1)).toBe(false);
  });

  it("allows 10 form posts a minute per token and 20 per address", () => {
    const limits = createTrackingLimits(clock().now);
    const token = "b".repeat(64);
    const byToken = Array.from({ length: 11 }, (_, i) => limits.admitPost(`192.0.2.${i}`, token));
    expect(byToken.filter(Boolean)).toHaveLength(10);
    const byIp = Array.from({ length: 21 }, (_, i) => limits.admitPost("192.0.2.200", i.toString(16).padStart(64, "0")));
    expect(byIp.filter(Boolean)).toHaveLength(20);
  });
});
