import { and, count, eq, gt, gte, inArray, isNull, lt, max, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { appConfig } from "@/lib/config/app-config";
import type { SessionUser } from "./authenticate";

// Sessions live in the database, not in the cookie: the cookie (an Auth.js JWT) names a row of `sessions`, and every
// request reads that row with its user (one lookup by primary key). Signing out revokes the row, so a copy of the
// cookie taken before sign-out is refused by every instance; "sign out everywhere" revokes all of a user's rows.

/** The hard cap: a session ends 12 hours after sign-in however busy it is. Auth.js's cookie lasts as long. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * last_seen_at moves forward at most this often, so a page that polls writes once a minute, not on every request.
 * The idle timeout is therefore measured to the minute: a session may end up to a minute before the full idle time
 * after its last request, never after.
 */
export const LAST_SEEN_STEP_MS = 60_000;

/** Ended sessions are kept this long (the admin's view, an investigation), then deleted at the user's next sign-in. */
const KEEP_SESSIONS_MS = 30 * 24 * 60 * 60 * 1000;

/** What the cookie claims: who signed in, and which session row is theirs. */
export type SessionClaims = { userId?: string | null; sessionId?: string | null };

export type SessionClock = {
  /** The time of the request; tests pass their own. */
  now?: Date;
  /** Minutes without a request after which a session is over; SESSION_IDLE_MINUTES unless given. */
  idleMinutes?: number;
};

function clockOf(options: SessionClock): { now: Date; idleMs: number } {
  return { now: options.now ?? new Date(), idleMs: (options.idleMinutes ?? appConfig().SESSION_IDLE_MINUTES) * 60_000 };
}

const uuid = z.uuid();

/** A new session for a user who has just proved who they are; its id goes into the cookie. */
export async function startSession(
  db: Db,
  input: { userId: string; ip?: string | null; userAgent?: string | null; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // Bounded per user without a sweeper: this user's sessions older than the keeping time go now.
    await tx.delete(sessions).where(and(eq(sessions.userId, input.userId), lt(sessions.createdAt, new Date(now.getTime() - KEEP_SESSIONS_MS))));
    const [row] = await tx
      .insert(sessions)
      .values({ userId: input.userId, createdAt: now, lastSeenAt: now, ip: input.ip ?? null, userAgent: input.userAgent?.slice(0, 500) ?? null })
      .returning({ id: sessions.id });
    return row!.id;
  });
}

/**
 * The user of a session that is still good, or null: the row exists, belongs to the claimed user and is not revoked;
 * the user is active and has not had all sessions ended since (users.sessions_valid_after, set by a password reset
 * or a deactivation); the session is under 12 hours old and has seen a request within the idle time (past either,
 * the row is revoked on the spot). A role changed
 * meanwhile applies at once, since the role is read here, not from the cookie. A good session's last_seen_at moves
 * to `now` when it is a minute or more behind.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims, options: SessionClock = {}): Promise<SessionUser | null> {
  const { userId, sessionId } = claims;
  // A cookie from before sessions had rows names none: it is over, and the person signs in again.
  if (!userId || !sessionId || !uuid.safeParse(userId).success || !uuid.safeParse(sessionId).success) return null;
  const { now, idleMs } = clockOf(options);
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      sessionsValidAfter: users.sessionsValidAfter,
      sessionUserId: sessions.userId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row || row.sessionUserId !== userId || row.revokedAt !== null || !row.active) return null;
  if (row.sessionsValidAfter !== null && row.sessionsValidAfter > row.createdAt) return null;
  const sinceSeen = now.getTime() - row.lastSeenAt.getTime();
  if (now.getTime() - row.createdAt.getTime() >= SESSION_MAX_AGE_SECONDS * 1000 || sinceSeen >= idleMs) {
    // Over is over: revoked now, so raising SESSION_IDLE_MINUTES later cannot bring an idle session back.
    await endSession(db, sessionId, now);
    return null;
  }
  if (sinceSeen >= LAST_SEEN_STEP_MS) {
    // Conditional, so two instances answering the same user at once, or a clock a little behind, never move it back.
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, now)));
  }
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/** Signing out: this one session is over. Revoking twice is harmless. */
export async function endSession(db: Db, sessionId: string, now: Date = new Date()): Promise<void> {
  if (!uuid.safeParse(sessionId).success) return;
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Every open session of a user is over (sign out everywhere, a password reset, a deactivation). The count ended. */
export async function revokeUserSessions(db: Db, userId: string, now: Date = new Date()): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

export type OpenSessions = { count: number; lastSeenAt: Date };

/** For the admin's users screen: how many good sessions each of these users has, and when one was last used. */
export async function openSessionsByUser(db: Db, userIds: string[], options: SessionClock = {}): Promise<Map<string, OpenSessions>> {
  if (userIds.length === 0) return new Map();
  const { now, idleMs } = clockOf(options);
  const rows = await db
    .select({ userId: sessions.userId, count: count(), lastSeenAt: max(sessions.lastSeenAt) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        inArray(sessions.userId, userIds),
        isNull(sessions.revokedAt),
        eq(users.active, true),
        // The same rules as loadSessionUser, in SQL.
        or(isNull(users.sessionsValidAfter), gte(sessions.createdAt, users.sessionsValidAfter)),
        gt(sessions.createdAt, new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000)),
        gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
      ),
    )
    .groupBy(sessions.userId);
  return new Map(rows.flatMap((r) => (r.lastSeenAt ? [[r.userId, { count: Number(r.count), lastSeenAt: new Date(r.lastSeenAt) }] as const] : [])));
}
