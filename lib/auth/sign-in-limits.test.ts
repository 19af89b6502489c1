import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { authenticateWithLimits, createSignInLimits, tooManyAttemptsMessage } from "./sign-in-limits";

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

function setup() {
  let now = 1_000_000;
  const limits = createSignInLimits(() => now);
  const attempt = (email: string, password: string, address = "198.51.100.1") => authenticateWithLimits(handle.db, limits, { email, password }, address);
  return { limits, attempt, advance: (ms: number) => (now += ms) };
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

  it("says how many minutes to wait, rounding up", () => {
    expect(tooManyAttemptsMessage(12 * MINUTE)).toBe("Too many sign-in attempts. Try again in 12 minutes.");
    expect(tooManyAttemptsMessage(30_000)).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(14 * MINUTE + 1)).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  });
});
