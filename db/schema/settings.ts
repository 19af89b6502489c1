import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// Key/value settings: business_calendar, sla_policy, branding, notifications, retention. Each value is
// validated by its zod schema in lib/settings before it is written or after it is read.
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id),
});

export type SettingRow = typeof settings.$inferSelect;
