import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import { actorTypeEnum, callOutcomeEnum, channelEnum, messageStatusEnum, templateEnum } from "./enums";
import { customers } from "./customers";
import { nextHistorySeq } from "./order-events";
import { orders } from "./orders";
import { users } from "./users";

// The communication log and the outbox in one table: a message row is written in the transaction of the event
// that causes it, and the worker delivers queued rows. Nothing here is deleted inside the retention period.
export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().references(() => orders.id),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    channel: channelEnum().notNull(),
    template: templateEnum(),
    toAddress: text(), // email address or phone number at the time of sending
    subject: text(),
    bodyText: text().notNull(),
    bodyHtml: text(),
    status: messageStatusEnum().notNull().default("queued"),
    senderType: actorTypeEnum().notNull(),
    senderUserId: uuid().references(() => users.id),
    // The SLA clock this message is meant to meet.
    clockId: uuid(),
    callOutcome: callOutcomeEnum(),
    urgent: boolean().notNull().default(false),
    // Quiet hours: an SMS waits until this instant unless marked urgent.
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    // The outbox worker's claim: the batch this message went out in (its provider idempotency key is derived from
    // it, so a batch re-sent after a crash is the same batch to the provider) and until when the claim holds.
    batchKey: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    provider: text(),
    providerMessageId: text(),
    idempotencyKey: text().notNull(),
    // Structured facts of the template (for review and retention-safe erasure).
    data: jsonb().$type<Record<string, unknown>>(),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Its place in the order's history (order-events.ts history_seq), shared with the order's events.
    seq: bigint({ mode: "number" }).notNull().default(nextHistorySeq),
    // Supervisor quality review (SOP 002 §6).
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid().references(() => users.id),
    reviewScore: integer(),
    reviewComment: text(),
  },
  (t) => [
    uniqueIndex("messages_idempotency_idx").on(t.idempotencyKey),
    index("messages_order_seq_idx").on(t.orderId, t.seq),
    index("messages_customer_time_idx").on(t.customerId, t.createdAt),
    // The log, newest first; equal times in the order they were written.
    index("messages_created_idx").on(t.createdAt, t.seq),
    // The outbox worker claims due queued rows.
    index("messages_outbox_idx").on(t.sendAfter).where(sql`${t.status} in ('queued', 'sending')`),
    index("messages_batch_idx").on(t.batchKey).where(sql`${t.batchKey} is not null`),
    // Provider webhooks find their message by the provider's id.
    index("messages_provider_message_idx").on(t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
    // Communication-log review: full-text search over what was said, and the sender and delivery-status filters
    // newest first. The search expression must stay the same as messageSearchDocument below, or the index is unused.
    index("messages_search_idx").using("gin", sql`to_tsvector('english'::regconfig, coalesce(${t.subject}, '') || ' ' || ${t.bodyText})`),
    // sender_type rides along so the quality summary counts each sender's messages from the index alone.
    index("messages_sender_time_idx").on(t.senderUserId, t.createdAt, t.senderType),
    index("messages_status_time_idx").on(t.status, t.createdAt),
    // The reviewed filters and the per-rep quality summary read only reviewed messages: a small partial index.
    index("messages_reviewed_idx").on(t.createdAt, t.senderUserId, t.senderType, t.reviewScore).where(sql`${t.reviewedAt} is not null`),
  ],
);

/** The document the log's full-text search matches (the same expression as the messages_search_idx index). */
export const messageSearchDocument: SQL = sql`to_tsvector('english'::regconfig, coalesce(${messages.subject}, '') || ' ' || ${messages.bodyText})`;

// Delivery history of a message: queued → sent → delivered/bounced…, with the provider's words.
export const messageEvents = pgTable(
  "message_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    messageId: uuid()
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    status: messageStatusEnum().notNull(),
    detail: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("message_events_message_idx").on(t.messageId, t.occurredAt)],
);

export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type MessageEvent = typeof messageEvents.$inferSelect;

// Provider webhooks received (Resend's are Svix-signed; the svix-id names the delivery). A redelivery finds its
// row and changes nothing.
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    messageId: uuid().references(() => messages.id, { onDelete: "cascade" }),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("webhook_receipts_event_idx").on(t.provider, t.eventId)],
);

export type WebhookReceipt = typeof webhookReceipts.$inferSelect;
