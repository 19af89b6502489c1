import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db, type DatabaseHandle } from "@/db/client";
import { makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { authenticate } from "./authenticate";
import { authenticateWithLimits, tooManyAttemptsMessage } from "./sign-in-limits";

// The limits around the real credential check, on a real database, with a hand-moved clock.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await makeUser(handle.db, { role: "rep", email: "riley@shop.example", password: "right-password-1" });
  await makeUser(handle.db, { role: "rep", email: "sam@shop.example", password: "right-password-2" });
});
afterAll(async () => {
  await handle?.close();
});

// Each test starts a day after the previous one, so the windows of earlier tests are over.
let day = 0;
function setup() {
  let now = 1_800_000_000_000 + ++day * 86_400_000;
  const attempt = (email: string, password: string, address = "198.51.100.1") => authenticateWithLimits(handle.db, { email, password }, address, { now: () => now });
  return { attempt, advance: (ms: number) => (now += ms), now: () => now };
}

/** The real credential check, counting how often it runs (each run is one bcrypt compare). */
function countingCheck() {
  const counter = {
    checks: 0,
    check: async (db: Db, input: unknown) => {
      counter.checks += 1;
      return authenticate(db, input);
    },
  };
  return counter;
}

const MINUTE = 60_000;

describe("sign-in limits", () => {
  it("after 5 failures an account is refused for 15 minutes, even with the right password, then tries again", async () => {
    const { attempt, advance } = setup();
    for (let i = 0; i < 5; i += 1) expect(await attempt("riley@shop.example", "wrong")).toEqual({ user: null });
    advance(3 * MINUTE);
    expect(await attempt("RILEY@shop.example ", "right-password-1")).toEqual({ user: null, retryAfterMs: 12 * MINUTE });
    // Another account from the same address is not affected.
    expect((await attempt("sam@shop.example", "right-password-2")).user).toMatchObject({ email: "sam@shop.example" });
    advance(12 * MINUTE);
    expect((await attempt("riley@shop.example", "right-password-1")).user).toMatchObject({ email: "riley@shop.example" });
  });

  it("answers an unknown email exactly as a real one, so the limit does not reveal which accounts exist", async () => {
    const { attempt } = setup();
    const real: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i += 1) {
      real.push(await attempt("riley@shop.example", "wrong", "198.51.100.2"));
      unknown.push(await attempt("nobody@shop.example", "wrong", "198.51.100.3"));
    }
    expect(unknown).toEqual(real);
    expect(real.at(-1)).toEqual({ user: null, retryAfterMs: 15 * MINUTE });
  });

  it("a success clears the account's failures", async () => {
    const { attempt } = setup();
    for (let i = 0; i < 4; i += 1) await attempt("riley@shop.example", "wrong");
    expect((await attempt("riley@shop.example", "right-password-1")).user).not.toBeNull();
    for (let i = 0; i < 4; i += 1) expect(await attempt("riley@shop.example", "wrong")).toEqual({ user: null });
    expect((await attempt("riley@shop.example", "right-password-1")).user).not.toBeNull();
  });

  it("after 20 failures from one address, every account is refused from there, and other addresses are not", async () => {
    const { attempt, advance } = setup();
    // Known accounts (cheap test hashes) rather than unknown emails, which cost a full-strength dummy hash each.
    const guessed = await Promise.all([0, 1, 2, 3].map((i) => makeUser(handle.db, { role: "rep", email: `guess${i}@shop.example` })));
    for (const user of guessed) for (let i = 0; i < 5; i += 1) await attempt(user.email, "wrong", "192.0.2.50");
    advance(MINUTE);
    expect(await attempt("sam@shop.example", "right-password-2", "192.0.2.50")).toEqual({ user: null, retryAfterMs: 14 * MINUTE });
    expect((await attempt("sam@shop.example", "right-password-2", "192.0.2.51")).user).not.toBeNull();
    // Malformed input counts against the address too.
    advance(14 * MINUTE);
    for (let i = 0; i < 20; i += 1) await attempt("not an email", "x", "192.0.2.50");
    expect((await attempt("sam@shop.example", "right-password-2", "192.0.2.50")).retryAfterMs).toBe(15 * MINUTE);
  });

  it("15 concurrent wrong passwords for one account get 5 password checks, and the rest are refused unchecked", async () => {
    const { now } = setup();
    const counter = countingCheck();
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        authenticateWithLimits(handle.db, { email: "riley@shop.example", password: `wrong-${i}` }, `203.0.113.${i}`, { now, check: counter.check }),
      ),
    );
    expect(counter.checks).toBe(5);
    expect(outcomes.filter((o) => o.retryAfterMs === undefined)).toHaveLength(5);
    expect(outcomes.filter((o) => o.retryAfterMs === 15 * MINUTE)).toHaveLength(10);
    // And the account stays locked for the right password too.
    expect(await authenticateWithLimits(handle.db, { email: "riley@shop.example", password: "right-password-1" }, "203.0.113.99", { now, check: counter.check })).toEqual({
      user: null,
      retryAfterMs: 15 * MINUTE,
    });
    expect(counter.checks).toBe(5);
  });

  it("30 concurrent wrong sign-ins from one address, for many accounts, get 20 password checks", async () => {
    const { now } = setup();
    const counter = countingCheck();
    const users = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => makeUser(handle.db, { role: "rep", email: `crowd${i}@shop.example` })));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => authenticateWithLimits(handle.db, { email: users[i % 6]!.email, password: "wrong" }, "192.0.2.77", { now, check: counter.check })),
    );
    expect(counter.checks).toBe(20);
  });

  it("two app instances (two connections to one database) share the limits", async (context) => {
    if (handle.kind !== "postgres") return context.skip(); // PGlite is one process's database by design
    const other = await openDatabase({ url: handle.url!, maxConnections: 5 });
    try {
      const { now } = setup();
      const counter = countingCheck();
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          authenticateWithLimits(i % 2 ? other.db : handle.db, { email: "sam@shop.example", password: "wrong" }, "198.51.100.200", { now, check: counter.check }),
        ),
      );
      expect(counter.checks).toBe(5);
      expect(outcomes.filter((o) => o.retryAfterMs !== undefined)).toHaveLength(7);
      // The sixth try on the second instance is refused as on the first.
      expect((await authenticateWithLimits(other.db, { email: "sam@shop.example", password: "right-password-2" }, "198.51.100.201", { now })).retryAfterMs).toBe(15 * MINUTE);
    } finally {
      await other.close();
    }
  });

  it("says how many minutes to wait, rounding up", () => {
    expect(tooManyAttemptsMessage(12 * MINUTE)).toBe("Too many sign-in attempts. Try again in 12 minutes.");
    expect(tooManyAttemptsMessage(30_000)).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(14 * MINUTE + 1)).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  });
});
