import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { requestKindEnum, requestSourceEnum, requestStatusEnum } from "./enums";
import { orders } from "./orders";
import { users } from "./users";

// A modification or cancellation request (SOP 001 §5): acknowledged within 1 business hour, decided within 24 h.
export const changeRequests = pgTable(
  "change_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kind: requestKindEnum().notNull(),
    status: requestStatusEnum().notNull().default("open"),
    source: requestSourceEnum().notNull(),
    // What the customer asks for: the new address, the new items, the new date, or a cancellation reason.
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text(),
    createdBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    refundCents: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("change_requests_order_idx").on(t.orderId), index("change_requests_status_idx").on(t.status, t.createdAt)],
);

export type ChangeRequest = typeof changeRequests.$inferSelect;
