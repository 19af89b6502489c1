import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { channelEnum } from "./enums";

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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index("customers_email_lower_idx").on(sql`lower(${t.email})`),
    index("customers_name_lower_idx").on(sql`lower(${t.name})`),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
