import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { localOutboxProvider } from "./local-outbox";
import { parseRateLimitHeaders, RateLimiter, type Clock } from "./rate-limiter";
import { startFakeTwilio } from "./testing/fake-twilio";
import { queueMessages, testClock } from "./testing/outbox-fixtures";
import { twilioSmsProvider } from "./twilio-sms";
import { runWorkerOnce, type WorkerDeps } from "./worker";

// The providers' request budgets, kept in the database so that every worker shares them.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

let budgets = 0;
const freshKey = () => `email:test-${++budgets}`;

describe("rate limiter", () => {
  it("spaces requests evenly at the configured rate", async () => {
    const clock = testClock();
    const limiter = new RateLimiter(freshKey(), 2, clock);
    for (let i = 0; i < 5; i++) await limiter.acquire(handle.db);
    expect(clock.slept).toEqual([500, 500, 500, 500]);
  });

  it("shares one budget between concurrent senders", async () => {
    const clock = testClock();
    const limiter = new RateLimiter(freshKey(), 4, clock);
    const start = clock.now().getTime();
    const times: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async () => {
        await limiter.acquire(handle.db);
        times.push(clock.now().getTime() - start);
      }),
    );
    // Six requests at four per second cannot finish before 1.25 s.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(1250);
  });

  it("shares one budget between limiters of the same key (two workers), and none between different keys", async () => {
    const clock = testClock();
    const key = freshKey();
    const [a, b] = [new RateLimiter(key, 2, clock), new RateLimiter(key, 2, clock)];
    await a.acquire(handle.db);
    await b.acquire(handle.db);
    await a.acquire(handle.db);
    expect(clock.slept).toEqual([500, 500]);
    await new RateLimiter(freshKey(), 2, clock).acquire(handle.db);
    expect(clock.slept).toEqual([500, 500]);
  });

  it("holds every request while the provider said to wait, and when no requests are left in the window", async () => {
    const clock = testClock();
    const limiter = new RateLimiter(freshKey(), Number.POSITIVE_INFINITY, clock);
    await limiter.pauseFor(handle.db, 3000);
    await limiter.acquire(handle.db);
    expect(clock.slept).toEqual([3000]);
    await limiter.observe(handle.db, { limit: 2, remaining: 0, resetMs: 1000, retryAfterMs: null });
    await limiter.acquire(handle.db);
    expect(clock.slept).toEqual([3000, 1000]);
    await limiter.observe(handle.db, { limit: 2, remaining: 1, resetMs: 1000, retryAfterMs: null });
    await limiter.acquire(handle.db);
    expect(clock.slept).toHaveLength(2);
  });

  it("a worker waiting for its slot when another is told to hold off waits for the hold too", async () => {
    const key = freshKey();
    const start = Date.parse("2026-11-24T15:00:00Z");
    let now = start;
    const clock: Clock = {
      now: () => new Date(now),
      // While the first worker sleeps towards its slot, the second gets a 429 with retry-after 5 s.
      sleep: async (ms: number) => {
        if (now === start) await new RateLimiter(key, 2, clock).pauseFor(handle.db, 5000);
        now += ms;
      },
    };
    const limiter = new RateLimiter(key, 2, clock);
    await limiter.acquire(handle.db); // the slot at start
    await limiter.acquire(handle.db); // reserved start + 0.5 s, then held until start + 5 s
    expect(now - start).toBe(5000);
    expect(await limiter.blockedForMs(handle.db)).toBe(0);
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

describe("two workers against one database", () => {
  it("together never send faster than the provider's rate", async () => {
    // On PostgreSQL each worker has its own connection pool, as two processes would; PGlite is one process's.
    const other = handle.kind === "postgres" ? await openDatabase({ url: handle.url!, maxConnections: 5 }) : handle;
    const account = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "secret-token" };
    const fake = await startFakeTwilio(account);
    try {
      const order = await makeOrder(handle.db);
      await queueMessages(handle.db, 30, { customerId: order.customerId, orderId: order.id, channel: "sms", sendAfter: new Date(Date.now() - 1000), to: (i) => `+155555501${String(i).padStart(2, "0")}` });
      const RATE = 10;
      const slots: number[] = [];
      // Each worker as a process would build it: its own provider and limiter, on the real clock.
      const worker = (): WorkerDeps => {
        const limiter = new RateLimiter("sms:twilio", RATE);
        const acquire = limiter.acquire.bind(limiter);
        limiter.acquire = async (db) => {
          const slot = await acquire(db);
          slots.push(slot);
          return slot;
        };
        return {
          email: { provider: localOutboxProvider("email"), limiter: new RateLimiter("email:local-outbox", Number.POSITIVE_INFINITY) },
          sms: { provider: twilioSmsProvider({ ...account, from: "+15555550000", baseUrl: fake.url }), limiter },
        };
      };
      const runs = await Promise.all([runWorkerOnce(handle.db, worker()), runWorkerOnce(other.db, worker())]);
      expect(runs[0].sent + runs[1].sent).toBe(30);
      expect(runs[0].sent).toBeGreaterThan(0);
      expect(runs[1].sent).toBeGreaterThan(0);

      // The budget: the two workers' send slots, together, are at least 1/RATE apart.
      slots.sort((a, b) => a - b);
      expect(slots).toHaveLength(30);
      expect(Math.min(...slots.slice(1).map((t, i) => t - slots[i]!))).toBeGreaterThanOrEqual(1000 / RATE - 0.01);
      // What the provider saw: 30 requests over about 3 s, and no second with more than RATE of them, give or take
      // two that a busy machine delayed on their way. Two workers each allowing the full rate would fit 2 × RATE.
      const arrivals = fake.requests.map((r) => r.at).sort((a, b) => a - b);
      expect(arrivals).toHaveLength(30);
      expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(2600);
      const busiestSecond = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 1000).length));
      expect(busiestSecond).toBeLessThanOrEqual(RATE + 2);
    } finally {
      await fake.close();
      if (other !== handle) await other.close();
    }
  });
});
