import { date, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { carrierEnum, clockKindEnum, holdReasonEnum, orderStatusEnum, paymentStatusEnum, untrackedReasonEnum } from "./enums";
import { customers } from "./customers";
import { users } from "./users";

export type Address = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string; // ISO 3166-1 alpha-2
};

// Human order numbers (OL-100001…) come from a sequence so two concurrent intakes never collide.
export const orderNumberSeq = pgSequence("order_number_seq", { startWith: 100001 });

export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text()
      .notNull()
      .default(sql`'OL-' || nextval('order_number_seq')`),
    externalId: text(), // the shop's/OMS's id; intake is idempotent on it
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    status: orderStatusEnum().notNull().default("received"),
    // While on hold: why, and where the order goes back to on release.
    holdReason: holdReasonEnum(),
    statusBeforeHold: orderStatusEnum(),
    billingAddress: jsonb().$type<Address>().notNull(),
    shippingAddress: jsonb().$type<Address>().notNull(),
    currency: text().notNull().default("USD"),
    subtotalCents: integer().notNull(),
    shippingCents: integer().notNull().default(0),
    taxCents: integer().notNull().default(0),
    totalCents: integer().notNull(),
    paymentMethod: text().notNull().default("card"),
    paymentStatus: paymentStatusEnum().notNull().default("authorized"),
    // The date promised at confirmation (on-time KPI) and the latest revised one (open delays).
    promisedDeliveryDate: date(),
    revisedDeliveryDate: date(),
    carrier: carrierEnum(),
    // For carrier "other" only: its name as the customer knows it, and its tracking link with {tracking}
    // where the number goes (the four named carriers' links are built in code, lib/orders/tracking.ts).
    carrierName: text(),
    trackingUrlTemplate: text(),
    trackingNumber: text(),
    // Shipped without a tracking number (hand delivery, a local courier): why, and the clerk's note. An order ships
    // with a tracking number or with this reason, never with neither; adding tracking later clears it.
    untrackedReason: untrackedReasonEnum(),
    untrackedNote: text(),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    assigneeId: uuid().references(() => users.id),
    // The customer's tracking-page link: ≥128 random bits, never the order number. gen_random_uuid() draws
    // from the server's strong random source (122 random bits each) and needs no pgcrypto extension.
    trackingToken: text()
      .notNull()
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    // The order's most urgent open SLA clock, kept by lib/sla/clocks.ts in the transaction that changes any of
    // its clocks: the queue reads and filters one indexed row per order instead of ranking clocks per request.
    nextClockId: uuid(),
    nextClockKind: clockKindEnum(),
    nextDueAt: timestamp({ withTimezone: true }),
    nextCriticalAt: timestamp({ withTimezone: true }),
    nextAtRiskAt: timestamp({ withTimezone: true }),
    // Legal hold (lib/retention/legal-hold.ts): while set, retention leaves this order and its records alone.
    legalHoldReason: text(),
    legalHoldBy: uuid().references(() => users.id),
    legalHoldAt: timestamp({ withTimezone: true }),
    // Set when retention or an erasure replaced the order's personal fields (addresses, messages' text, …).
    anonymisedAt: timestamp({ withTimezone: true }),
    // Optimistic locking: every edit carries the version it was made against.
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("orders_number_idx").on(t.number),
    // Searches by the start of an order number ("OL-1048", "1048"): a pattern index, as the database's collation is
    // not C and the unique index above cannot serve LIKE 'prefix%'.
    index("orders_number_prefix_idx").on(sql`${t.number} text_pattern_ops`),
    uniqueIndex("orders_external_id_idx").on(t.externalId),
    uniqueIndex("orders_tracking_token_idx").on(t.trackingToken),
    index("orders_status_placed_idx").on(t.status, t.placedAt.desc()),
    index("orders_placed_idx").on(t.placedAt.desc()),
    index("orders_customer_idx").on(t.customerId, t.placedAt.desc()),
    index("orders_assignee_idx").on(t.assigneeId),
    index("orders_delivered_idx").on(t.deliveredAt),
    // Carrier events and the CSV import find orders by tracking number.
    index("orders_tracking_number_idx").on(t.trackingNumber).where(sql`${t.trackingNumber} is not null`),
    // The queue: orders with an open clock by due time, overall, per assignee and per status.
    index("orders_queue_idx").on(t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    index("orders_queue_assignee_idx").on(t.assigneeId, t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    index("orders_queue_status_idx").on(t.status, t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    // Filtered queue views keep queue order in the index, so a page stops after 51 rows instead of sorting.
    index("orders_queue_kind_idx").on(t.nextClockKind, t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    index("orders_queue_assignee_status_idx").on(t.assigneeId, t.status, t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    // The header's band counts read only these three instants: an index-only scan, no heap rows.
    index("orders_queue_bands_idx").on(t.nextDueAt, t.nextCriticalAt, t.nextAtRiskAt).where(sql`${t.nextDueAt} is not null`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sku: text().notNull(),
    name: text().notNull(),
    quantity: integer().notNull(),
    unitPriceCents: integer().notNull(),
  },
  (t) => [index("order_items_order_idx").on(t.orderId)],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderItem = typeof orderItems.$inferSelect;
