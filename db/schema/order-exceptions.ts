import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { exceptionKindEnum } from "./enums";
import { orders } from "./orders";
import { users } from "./users";

// Exceptions sit beside the status; an order is "delayed" while one is open with a revised ETA.
export const orderExceptions = pgTable(
  "order_exceptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kind: exceptionKindEnum().notNull(),
    explanation: text().notNull(),
    revisedEta: date(),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    openedBy: uuid().references(() => users.id),
    customerNotifiedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id),
    resolution: text(),
  },
  (t) => [
    index("order_exceptions_order_idx").on(t.orderId),
    index("order_exceptions_open_idx").on(t.openedAt).where(sql`${t.resolvedAt} is null`),
    index("order_exceptions_resolved_idx").on(t.resolvedAt),
  ],
);

export type OrderException = typeof orderExceptions.$inferSelect;
