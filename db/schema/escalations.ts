import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { escalationStatusEnum, severityEnum } from "./enums";
import { changeRequests } from "./change-requests";
import { inquiries } from "./inquiries";
import { orders } from "./orders";
import { users } from "./users";

export const escalations = pgTable(
  "escalations",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().references(() => orders.id, { onDelete: "cascade" }),
    requestId: uuid().references(() => changeRequests.id, { onDelete: "cascade" }),
    inquiryId: uuid().references(() => inquiries.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    severity: severityEnum().notNull(),
    note: text(),
    status: escalationStatusEnum().notNull().default("open"),
    // Raised by a person, or by the policy that escalates a clock breached by more than its allowance.
    raisedBy: uuid().references(() => users.id),
    automatic: boolean().notNull().default(false),
    // For an automatic escalation: the breached clock that raised it. Unique, so a clock escalates itself once.
    clockId: uuid(),
    assigneeId: uuid().references(() => users.id),
    acknowledgedBy: uuid().references(() => users.id),
    acknowledgedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id),
    resolvedAt: timestamp({ withTimezone: true }),
    outcome: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("escalations_order_idx").on(t.orderId),
    index("escalations_status_idx").on(t.status, t.createdAt),
    index("escalations_request_idx").on(t.requestId),
    index("escalations_inquiry_idx").on(t.inquiryId),
    index("escalations_assignee_idx").on(t.assigneeId, t.status),
    uniqueIndex("escalations_clock_idx").on(t.clockId).where(sql`${t.clockId} is not null`),
  ],
);

export const escalationComments = pgTable(
  "escalation_comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    escalationId: uuid()
      .notNull()
      .references(() => escalations.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("escalation_comments_escalation_idx").on(t.escalationId, t.createdAt)],
);

export type Escalation = typeof escalations.$inferSelect;
