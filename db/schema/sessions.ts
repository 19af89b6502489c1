import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// One row per sign-in (lib/auth/sessions.ts). The session cookie carries the row's id, and every request looks the
// row up: signing out revokes it, so a copy of the cookie taken before is worthless on every instance. Times are
// written by the app's clock, the same clock that checks them (idle timeout, the 12-hour cap).
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    // Moved forward at most once a minute, so a busy page does not write on every request.
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    // For the admin's view of who is signed in where; never used to decide anything.
    ip: text(),
    userAgent: text(),
  },
  (t) => [
    // "Sign out everywhere" and the admin's list read a user's open sessions.
    index("sessions_user_open_idx")
      .on(t.userId, t.lastSeenAt)
      .where(sql`${t.revokedAt} is null`),
    // Old rows are deleted by user at the next sign-in (lib/auth/sessions.ts startSession).
    index("sessions_user_created_idx").on(t.userId, t.createdAt),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
