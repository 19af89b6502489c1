import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channelEnum, inquiryStatusEnum } from "./enums";
import { customers } from "./customers";
import { nextHistorySeq } from "./order-events";
import { orders } from "./orders";
import { users } from "./users";

// A customer question (SOP 002 §4.3): acknowledged within 24 hours.
export const inquiries = pgTable(
  "inquiries",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    channel: channelEnum().notNull(),
    body: text().notNull(),
    status: inquiryStatusEnum().notNull().default("open"),
    createdBy: uuid().references(() => users.id), // null when the customer asked on the tracking page
    assigneeId: uuid().references(() => users.id),
    firstResponseAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Its place in the order's history (order-events.ts history_seq).
    seq: bigint({ mode: "number" }).notNull().default(nextHistorySeq),
  },
  (t) => [
    index("inquiries_order_idx").on(t.orderId),
    index("inquiries_customer_idx").on(t.customerId),
    index("inquiries_status_idx").on(t.status, t.createdAt),
  ],
);

export type Inquiry = typeof inquiries.$inferSelect;
