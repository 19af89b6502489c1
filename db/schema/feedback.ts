import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { orders } from "./orders";

// CSAT: one rating per order; a later rating from the customer replaces the earlier one.
export const feedback = pgTable(
  "feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    rating: integer().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("feedback_order_idx").on(t.orderId),
    index("feedback_created_idx").on(t.createdAt),
    // CSAT counts a rating when it was last given (a later rating replaces the earlier one).
    index("feedback_updated_idx").on(t.updatedAt),
    check("feedback_rating_range", sql`${t.rating} between 1 and 5`),
  ],
);

export type Feedback = typeof feedback.$inferSelect;
