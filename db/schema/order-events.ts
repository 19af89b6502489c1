import { bigint, bigserial, index, jsonb, pgSequence, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { actorTypeEnum, orderStatusEnum } from "./enums";
import { orders } from "./orders";
import { users } from "./users";

// The order of everything that happens to an order, across its events and messages: histories sort by it, never by
// a timestamp alone. A proof of delivery keeps the time the clerk typed, which may be a minute before the scan it
// follows; two rows written in the same millisecond still have an order (style.md, habit 14).
export const historySeq = pgSequence("history_seq");
export const nextHistorySeq = sql`nextval('history_seq')`;

// The order's history: every change writes one row (design.md "Every change writes an order event").
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    // e.g. received, status_changed, confirmed, hold, release, tracking_set, note, correction
    type: text().notNull(),
    fromStatus: orderStatusEnum(),
    toStatus: orderStatusEnum(),
    actorType: actorTypeEnum().notNull(),
    actorUserId: uuid().references(() => users.id),
    reason: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    seq: bigint({ mode: "number" }).notNull().default(nextHistorySeq),
  },
  (t) => [index("order_events_order_seq_idx").on(t.orderId, t.seq)],
);

// A correction after confirmation: feeds the order-accuracy KPI.
export const accuracyErrors = pgTable(
  "accuracy_errors",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    field: text().notNull(), // address, items, …
    cause: text().notNull(), // our_error, customer_request, carrier, …
    detail: text(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("accuracy_errors_order_idx").on(t.orderId)],
);

export type OrderEvent = typeof orderEvents.$inferSelect;
export type AccuracyError = typeof accuracyErrors.$inferSelect;
