import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-database";
import { hitRateLimit, peekRateLimit, rateLimitKey, refundRateLimit, resetRateLimit, sweepExpiredRateLimits } from "./rate-limit";
import { createTrackingLimits } from "./tracking-page/tracking-limits";

// The shared fixed-window counters on a real database, with a hand-moved clock.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

function clock(start = 1_800_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

let keys = 0;
const freshKey = () => `test:${++keys}`;

describe("hitRateLimit", () => {
  it("allows the limit within a window, refuses beyond it, and says when to retry", async () => {
    const c = clock();
    const key = freshKey();
    const rule = { limit: 3, windowMs: 60_000 };
    const oks: boolean[] = [];
    for (let i = 0; i < 3; i++) oks.push((await hitRateLimit(handle.db, key, rule, c.now())).ok);
    expect(oks).toEqual([true, true, true]);
    c.advance(15_000);
    expect(await hitRateLimit(handle.db, key, rule, c.now())).toMatchObject({ ok: false, count: 4, retryAfterMs: 45_000 });
    // Another key has its own window.
    expect(await hitRateLimit(handle.db, freshKey(), rule, c.now())).toMatchObject({ ok: true, count: 1 });
  });

  it("starts a fresh window once the old one has passed", async () => {
    const c = clock();
    const key = freshKey();
    const rule = { limit: 1, windowMs: 1000 };
    expect((await hitRateLimit(handle.db, key, rule, c.now())).ok).toBe(true);
    expect((await hitRateLimit(handle.db, key, rule, c.now())).ok).toBe(false);
    c.advance(999);
    expect((await hitRateLimit(handle.db, key, rule, c.now())).ok).toBe(false);
    c.advance(1);
    expect(await hitRateLimit(handle.db, key, rule, c.now())).toMatchObject({ ok: true, count: 1, windowStartedAt: new Date(c.now()) });
  });

  it("counts every one of many concurrent hits exactly once: exactly the limit pass", async () => {
    const key = freshKey();
    const rule = { limit: 5, windowMs: 60_000 };
    const now = clock().now();
    const hits = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(handle.db, key, rule, now)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(hits.filter((h) => h.ok)).toHaveLength(5);
  });

  it("peek tells whether one more attempt would pass, without counting one", async () => {
    const c = clock();
    const key = freshKey();
    const rule = { limit: 2, windowMs: 1000 };
    expect((await peekRateLimit(handle.db, key, rule, c.now())).ok).toBe(true);
    await hitRateLimit(handle.db, key, rule, c.now());
    expect((await peekRateLimit(handle.db, key, rule, c.now())).ok).toBe(true);
    expect((await peekRateLimit(handle.db, key, rule, c.now())).ok).toBe(true);
    await hitRateLimit(handle.db, key, rule, c.now());
    expect(await peekRateLimit(handle.db, key, rule, c.now())).toEqual({ ok: false, retryAfterMs: 1000 });
    c.advance(1000);
    expect((await peekRateLimit(handle.db, key, rule, c.now())).ok).toBe(true);
  });

  it("refund gives one hit back, but only in the window it was counted in; reset forgets the key", async () => {
    const c = clock();
    const key = freshKey();
    const rule = { limit: 1, windowMs: 1000 };
    const first = await hitRateLimit(handle.db, key, rule, c.now());
    await refundRateLimit(handle.db, key, first);
    expect((await hitRateLimit(handle.db, key, rule, c.now())).ok).toBe(true);
    c.advance(1000);
    const next = await hitRateLimit(handle.db, key, rule, c.now());
    // A refund of the old window's hit does not lower the new window's count.
    await refundRateLimit(handle.db, key, first);
    expect((await hitRateLimit(handle.db, key, rule, c.now())).count).toBe(2);
    await refundRateLimit(handle.db, key, next);
    await resetRateLimit(handle.db, key);
    expect(await handle.db.select().from(rateLimits).where(eq(rateLimits.key, key))).toEqual([]);
  });

  it("sweeps rows whose window is over and leaves live ones", async () => {
    const c = clock(1_900_000_000_000);
    const [old, live] = [freshKey(), freshKey()];
    await hitRateLimit(handle.db, old, { limit: 1, windowMs: 1000 }, c.now());
    await hitRateLimit(handle.db, live, { limit: 1, windowMs: 60_000 }, c.now());
    c.advance(1000);
    expect(await sweepExpiredRateLimits(handle.db, c.now())).toBeGreaterThanOrEqual(1);
    const left = await handle.db.select({ key: rateLimits.key }).from(rateLimits);
    expect(left.map((r) => r.key)).toContain(live);
    expect(left.map((r) => r.key)).not.toContain(old);
  });

  it("two app instances (two connections to one database) count against one limit", async (context) => {
    if (handle.kind !== "postgres") return context.skip(); // PGlite is one process's database by design
    const other = await openDatabase({ url: handle.url!, maxConnections: 5 });
    try {
      const key = freshKey();
      const rule = { limit: 10, windowMs: 60_000 };
      const now = clock().now();
      const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => hitRateLimit(i % 2 ? other.db : handle.db, key, rule, now)));
      expect(hits.filter((h) => h.ok)).toHaveLength(10);
      expect((await peekRateLimit(other.db, key, rule, now)).ok).toBe(false);
    } finally {
      await other.close();
    }
  });
});

describe("rateLimitKey", () => {
  it("names the limit and hides the subject (an email, a token) behind a short hash", () => {
    const key = rateLimitKey("sign-in:account", "riley@shop.example");
    expect(key).toMatch(/^sign-in:account:[\w-]{22}$/);
    expect(key).not.toContain("riley");
    expect(rateLimitKey("sign-in:account", "riley@shop.example")).toBe(key);
    expect(rateLimitKey("sign-in:account", "sam@shop.example")).not.toBe(key);
    expect(rateLimitKey("sign-in:address", "riley@shop.example")).not.toBe(key);
  });
});

describe("tracking page limits", () => {
  it("after 20 wrong tokens a minute an address gets no more lookups, even for a real token, until the window passes", async () => {
    const c = clock();
    const limits = createTrackingLimits(c.now);
    for (let i = 0; i < 20; i++) {
      expect(await limits.admitView(handle.db, "198.51.100.1")).toBe(true);
      await limits.recordNotFound(handle.db, "198.51.100.1");
    }
    expect(await limits.admitView(handle.db, "198.51.100.1")).toBe(false);
    expect(await limits.admitPost(handle.db, "198.51.100.1", "a".repeat(64))).toBe(false);
    // Someone else is unaffected.
    expect(await limits.admitView(handle.db, "198.51.100.2")).toBe(true);
    c.advance(60_000);
    expect(await limits.admitView(handle.db, "198.51.100.1")).toBe(true);
  });

  it("allows 60 page views a minute per address, however many arrive at once", async () => {
    const limits = createTrackingLimits(clock().now);
    const answers = await Promise.all(Array.from({ length: 70 }, () => limits.admitView(handle.db, "198.51.100.3")));
    expect(answers.filter(Boolean)).toHaveLength(60);
  });

  it("allows 10 form posts a minute per token and 20 per address", async () => {
    const limits = createTrackingLimits(clock().now);
    const token = "b".repeat(64);
    const byToken = await Promise.all(Array.from({ length: 11 }, (_, i) => limits.admitPost(handle.db, `192.0.2.${i}`, token)));
    expect(byToken.filter(Boolean)).toHaveLength(10);
    const byIp = await Promise.all(Array.from({ length: 21 }, (_, i) => limits.admitPost(handle.db, "192.0.2.200", i.toString(16).padStart(64, "0"))));
    expect(byIp.filter(Boolean)).toHaveLength(20);
  });
});
