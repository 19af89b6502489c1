import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { parseConfig } from "@/lib/config/app-config";
import { endSession, loadSessionUser, openSessionsByUser, revokeUserSessions, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

// Sessions are rows (docs/security.md "Sessions"): every request reads the row the cookie names. The clock is the
// test's own (`now`), so idle times and the 12-hour cap are checked without waiting.

const minute = 60_000;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function lastSeenOf(sessionId: string): Promise<Date> {
  const [row] = await handle.db.select({ lastSeenAt: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, sessionId));
  return row!.lastSeenAt;
}

describe("signing out", () => {
  it("ends that session for good (a copied cookie is refused) and leaves the user's other sessions open", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const here = await makeSession(handle.db, user.id);
    const elsewhere = await makeSession(handle.db, user.id);
    expect(await loadSessionUser(handle.db, here)).toMatchObject({ id: user.id, role: "rep" });

    await endSession(handle.db, here.sessionId);
    // The cookie copied before sign-out still names this user and this row: the row says no.
    expect(await loadSessionUser(handle.db, here)).toBeNull();
    expect(await loadSessionUser(handle.db, elsewhere)).toMatchObject({ id: user.id });
    // Signing out twice (the action, then Auth.js's event) keeps the first time.
    const [first] = await handle.db.select({ revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.id, here.sessionId));
    await endSession(handle.db, here.sessionId, new Date(Date.now() + minute));
    const [second] = await handle.db.select({ revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.id, here.sessionId));
    expect(second!.revokedAt).toEqual(first!.revokedAt);
  });

  it("refuses a cookie whose session belongs to someone else, names no session, or is not an id", async () => {
    const alice = await makeUser(handle.db, { role: "supervisor" });
    const bob = await makeUser(handle.db, { role: "rep" });
    const bobs = await makeSession(handle.db, bob.id);
    expect(await loadSessionUser(handle.db, { userId: alice.id, sessionId: bobs.sessionId })).toBeNull();
    expect(await loadSessionUser(handle.db, { userId: bob.id })).toBeNull();
    expect(await loadSessionUser(handle.db, { userId: bob.id, sessionId: "not-an-id" })).toBeNull();
    expect(await loadSessionUser(handle.db, { userId: bob.id, sessionId: crypto.randomUUID() })).toBeNull();
  });

  it("revokes every open session of one user (sign out everywhere) and counts them", async () => {
    const user = await makeUser(handle.db, { role: "fulfillment" });
    const other = await makeUser(handle.db, { role: "fulfillment" });
    const mine = [await makeSession(handle.db, user.id), await makeSession(handle.db, user.id)];
    const theirs = await makeSession(handle.db, other.id);
    await endSession(handle.db, mine[0]!.sessionId);
    expect(await revokeUserSessions(handle.db, user.id)).toBe(1);
    for (const session of mine) expect(await loadSessionUser(handle.db, session)).toBeNull();
    expect(await loadSessionUser(handle.db, theirs)).not.toBeNull();
  });
});

describe("the idle timeout", () => {
  it("ends a session after the idle time without a request (30 minutes unless configured)", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const start = new Date("2026-03-02T09:00:00Z");
    const session = await makeSession(handle.db, user.id, start);
    expect(await loadSessionUser(handle.db, session, { now: at(start, 29 * minute + 59_000), idleMinutes: 30 })).not.toBeNull();

    const quiet = await makeSession(handle.db, user.id, start);
    expect(await loadSessionUser(handle.db, quiet, { now: at(start, 30 * minute), idleMinutes: 30 })).toBeNull();
    // Over is over: a request that finally comes does not bring it back, even under a longer setting.
    expect(await loadSessionUser(handle.db, quiet, { now: at(start, 31 * minute), idleMinutes: 60 })).toBeNull();
  });

  it("counts from the last request: a request every 20 minutes keeps a session for hours", async () => {
    const user = await makeUser(handle.db, { role: "supervisor" });
    const start = new Date("2026-03-02T09:00:00Z");
    const session = await makeSession(handle.db, user.id, start);
    for (let t = 20 * minute; t <= 6 * 60 * minute; t += 20 * minute) {
      expect(await loadSessionUser(handle.db, session, { now: at(start, t), idleMinutes: 30 }), `after ${t / minute} minutes`).not.toBeNull();
    }
    expect(await lastSeenOf(session.sessionId)).toEqual(at(start, 6 * 60 * minute));
    expect(await loadSessionUser(handle.db, session, { now: at(start, 6 * 60 * minute + 30 * minute), idleMinutes: 30 })).toBeNull();
  });

  it("writes last_seen_at only when it is a minute or more behind, and never moves it back", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const start = new Date("2026-03-02T09:00:00Z");
    const session = await makeSession(handle.db, user.id, start);
    for (const seconds of [1, 20, 59]) await loadSessionUser(handle.db, session, { now: at(start, seconds * 1000), idleMinutes: 30 });
    expect(await lastSeenOf(session.sessionId)).toEqual(start);
    await loadSessionUser(handle.db, session, { now: at(start, 61_000), idleMinutes: 30 });
    expect(await lastSeenOf(session.sessionId)).toEqual(at(start, 61_000));
    // Another instance whose clock is behind answers a request: it reads the session as good, and writes nothing.
    await handle.db.update(sessions).set({ lastSeenAt: at(start, 5 * minute) }).where(eq(sessions.id, session.sessionId));
    await loadSessionUser(handle.db, session, { now: at(start, 4 * minute), idleMinutes: 30 });
    expect(await lastSeenOf(session.sessionId)).toEqual(at(start, 5 * minute));
  });

  it("follows SESSION_IDLE_MINUTES: 30 by default, whole minutes from 1 to 720", () => {
    const config = (env: Record<string, string>) => parseConfig(env);
    expect(config({})).toMatchObject({ ok: true, config: { SESSION_IDLE_MINUTES: 30 } });
    expect(config({ SESSION_IDLE_MINUTES: "5" })).toMatchObject({ ok: true, config: { SESSION_IDLE_MINUTES: 5 } });
    for (const bad of ["0", "721", "1.5", "soon"]) expect(config({ SESSION_IDLE_MINUTES: bad }).ok, bad).toBe(false);
  });

  it("reads the configured idle time when none is given", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const start = new Date(Date.now() - 6 * minute);
    const previous = process.env.SESSION_IDLE_MINUTES;
    try {
      process.env.SESSION_IDLE_MINUTES = "5";
      expect(await loadSessionUser(handle.db, await makeSession(handle.db, user.id, start))).toBeNull();
      process.env.SESSION_IDLE_MINUTES = "10";
      expect(await loadSessionUser(handle.db, await makeSession(handle.db, user.id, start))).not.toBeNull();
    } finally {
      if (previous === undefined) delete process.env.SESSION_IDLE_MINUTES;
      else process.env.SESSION_IDLE_MINUTES = previous;
    }
  });
});

describe("the 12-hour cap", () => {
  it("ends a session 12 hours after sign-in however busy it is", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const start = new Date("2026-03-02T07:00:00Z");
    const session = await makeSession(handle.db, user.id, start);
    const cap = SESSION_MAX_AGE_SECONDS * 1000;
    for (let t = 10 * minute; t < cap; t += 10 * minute) await loadSessionUser(handle.db, session, { now: at(start, t), idleMinutes: 30 });
    expect(await loadSessionUser(handle.db, session, { now: at(start, cap - 1), idleMinutes: 30 })).not.toBeNull();
    expect(await loadSessionUser(handle.db, session, { now: at(start, cap), idleMinutes: 30 })).toBeNull();
  });
});

describe("ending all sessions from the user row", () => {
  it("refuses sessions begun before users.sessions_valid_after, and those of an inactive user", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const start = new Date("2026-03-02T09:00:00Z");
    const before = await makeSession(handle.db, user.id, start);
    await handle.db.update(users).set({ sessionsValidAfter: at(start, minute) }).where(eq(users.id, user.id));
    const after = await makeSession(handle.db, user.id, at(start, 2 * minute));
    const now = { now: at(start, 3 * minute), idleMinutes: 30 };
    expect(await loadSessionUser(handle.db, before, now)).toBeNull();
    expect(await loadSessionUser(handle.db, after, now)).not.toBeNull();
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await loadSessionUser(handle.db, after, now)).toBeNull();
  });
});

describe("the admin's view and old rows", () => {
  it("counts each user's open sessions with the latest use, by the same rules as a request", async () => {
    const start = new Date("2026-03-02T09:00:00Z");
    const busy = await makeUser(handle.db, { role: "rep" });
    const gone = await makeUser(handle.db, { role: "rep" });
    await makeSession(handle.db, busy.id, start);
    await makeSession(handle.db, busy.id, at(start, 10 * minute));
    await endSession(handle.db, (await makeSession(handle.db, busy.id, at(start, 12 * minute))).sessionId);
    await makeSession(handle.db, gone.id, at(start, -60 * minute));
    const open = await openSessionsByUser(handle.db, [busy.id, gone.id], { now: at(start, 20 * minute), idleMinutes: 30 });
    expect(open.get(busy.id)).toEqual({ count: 2, lastSeenAt: at(start, 10 * minute) });
    expect(open.has(gone.id)).toBe(false);
    expect((await openSessionsByUser(handle.db, [])).size).toBe(0);
  });

  it("deletes a user's sessions older than 30 days when they sign in again, and keeps the rest", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const now = new Date("2026-03-02T09:00:00Z");
    const old = await makeSession(handle.db, user.id, at(now, -31 * 24 * 60 * minute));
    const recent = await makeSession(handle.db, user.id, at(now, -29 * 24 * 60 * minute));
    const fresh = await startSession(handle.db, { userId: user.id, ip: "198.51.100.7", userAgent: "Firefox", now });
    const rows = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.id).sort()).toEqual([recent.sessionId, fresh].sort());
    expect(rows.find((r) => r.id === fresh)).toMatchObject({ ip: "198.51.100.7", userAgent: "Firefox", createdAt: now, lastSeenAt: now, revokedAt: null });
    expect(rows.some((r) => r.id === old.sessionId)).toBe(false);
  });
});
