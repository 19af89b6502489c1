import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorTypeEnum } from "./enums";
import { apiKeys } from "./api-keys";
import { orders } from "./orders";
import { users } from "./users";

// Proof of delivery (SOP 004): who received the parcel and when, with an optional photo. One per order; a
// correction replaces it and the order's timeline keeps both versions as events.
export const proofsOfDelivery = pgTable(
  "proofs_of_delivery",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    recipientName: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    // Where the photo lives in file storage (lib/storage), its checked type and size; null without a photo.
    photoKey: text(),
    photoContentType: text(),
    photoBytes: integer(),
    actorType: actorTypeEnum().notNull(),
    actorUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("proofs_of_delivery_order_idx").on(t.orderId)],
);

// Every carrier event received on POST /api/v1/tracking-events, keyed by the sender's event id: a repeat
// delivery of the same event finds its row and changes nothing.
export const trackingEventReceipts = pgTable(
  "tracking_event_receipts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    apiKeyId: uuid()
      .notNull()
      .references(() => apiKeys.id),
    eventId: text().notNull(),
    orderId: uuid().references(() => orders.id, { onDelete: "cascade" }),
    // applied: changed the order; ignored: already there or superseded; the answer repeats it on a retry.
    outcome: text().notNull(),
    detail: text(),
    payload: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tracking_event_receipts_event_idx").on(t.apiKeyId, t.eventId), index("tracking_event_receipts_order_idx").on(t.orderId)],
);

// Presence: who has an order's page open. Each open page beats every few seconds; a viewer is "here" while
// their last beat is recent. Kept in the database so it holds across app instances.
export const orderViewers = pgTable(
  "order_viewers",
  {
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.userId] }), index("order_viewers_seen_idx").on(t.lastSeenAt)],
);

export type ProofOfDelivery = typeof proofsOfDelivery.$inferSelect;
export type TrackingEventReceipt = typeof trackingEventReceipts.$inferSelect;
