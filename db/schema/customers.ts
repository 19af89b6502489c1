import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { channelEnum } from "./enums";
import { users } from "./users";

export const customers = pgTable(
  "customers",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    email: text(),
    phone: text(), // E.164
    preferredChannel: channelEnum().notNull().default("email"),
    // SMS needs the customer's explicit consent (design.md "Notifications").
    smsConsent: boolean().notNull().default(false),
    // IANA zone: quiet hours and "end of the promised delivery day" are in the customer's time.
    timeZone: text().notNull().default("America/New_York"),
    // Legal hold (lib/retention/legal-hold.ts): while set, retention and erasure leave this customer alone.
    legalHoldReason: text(),
    legalHoldBy: uuid().references(() => users.id),
    legalHoldAt: timestamp({ withTimezone: true }),
    // Set when retention or an erasure request replaced the personal fields; such a row is not anonymised twice.
    anonymisedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index("customers_email_lower_idx").on(sql`lower(${t.email})`),
    index("customers_name_lower_idx").on(sql`lower(${t.name})`),
    // Search by part of a name or the start of an email ("ines.walk1"): trigram indexes (pg_trgm, migration 0012)
    // serve both LIKE '%part%' and LIKE 'prefix%' whatever the collation.
    index("customers_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    index("customers_email_trgm_idx").using("gin", sql`lower(${t.email}) gin_trgm_ops`),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
