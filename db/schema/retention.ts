import { integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// One row per retention run (lib/retention/run-retention.ts): when, under which rule, who or what started it and
// how many rows of each table it purged or anonymised — the "what was purged, why, by which rule" of issue 8.
export const retentionRuns = pgTable("retention_runs", {
  id: uuid().primaryKey().defaultRandom(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }),
  // e.g. "orders closed, cancelled or delivered before <cutoff> (24 months), not on legal hold"
  rule: text().notNull(),
  retentionMonths: integer().notNull(),
  cutoff: timestamp({ withTimezone: true }).notNull(),
  // "schedule" (the worker's daily loop) or "admin" (on demand, actorUserId says who)
  trigger: text().notNull(),
  actorUserId: uuid().references(() => users.id),
  counts: jsonb().$type<Record<string, number>>().notNull().default({}),
  status: text().notNull().default("running"), // running | finished | failed
  error: text(),
});

export type RetentionRun = typeof retentionRuns.$inferSelect;
