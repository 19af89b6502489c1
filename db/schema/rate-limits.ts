import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Fixed-window counters shared by every app instance (lib/rate-limit.ts): sign-in failures per account and per
// address, the tracking page's views, wrong tokens and posts. One row per key, counted by one atomic upsert; a row
// past its window is restarted by the next hit and swept now and then.
export const rateLimits = pgTable(
  "rate_limits",
  {
    // "<limit>:<hash of the subject>", e.g. "sign-in:account:…" (lib/rate-limit.ts rateLimitKey)
    key: text().primaryKey(),
    count: integer().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limits_expires_at_idx").on(t.expiresAt)],
);

export type RateLimitRow = typeof rateLimits.$inferSelect;
