import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { actorTypeEnum, orderStatusEnum } from "./enums";
import { orders } from "./orders";
import { users } from "./users";

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
  },
  (t) => [index("order_events_order_time_idx").on(t.orderId, t.createdAt)],
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
