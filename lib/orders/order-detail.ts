import { asc, desc, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  changeRequests,
  customers,
  feedback,
  inquiries,
  messages,
  orderEvents,
  orderExceptions,
  orderItems,
  orders,
  slaClocks,
  users,
} from "@/db/schema";
import { getProofOfDelivery } from "./proof-of-delivery";

/** Everything the order page shows, or null when no order has this number. */
export async function getOrderDetail(db: Db, number: string) {
  const [row] = await db
    .select({ order: orders, customer: customers })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.number, number.toUpperCase()))
    .limit(1);
  if (!row) return null;
  const orderId = row.order.id;

  // Escalations load with their own card (lib/escalations/list-escalations.ts); their steps are order events.
  const [items, events, clocks, exceptions, exceptionPeople, orderMessages, requests, orderInquiries, assignee, proofOfDelivery] =
    await Promise.all([
      db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.sku)),
      db
        .select({ event: orderEvents, actorName: users.name })
        .from(orderEvents)
        .leftJoin(users, eq(users.id, orderEvents.actorUserId))
        .where(eq(orderEvents.orderId, orderId))
        .orderBy(asc(orderEvents.seq)),
      db.select().from(slaClocks).where(eq(slaClocks.orderId, orderId)).orderBy(asc(slaClocks.dueAt)),
      db.select().from(orderExceptions).where(eq(orderExceptions.orderId, orderId)).orderBy(desc(orderExceptions.openedAt)),
      // Names of everyone who touched the order's exceptions, for the timeline's "who".
      db
        .selectDistinct({ id: users.id, name: users.name })
        .from(orderExceptions)
        .innerJoin(users, or(eq(users.id, orderExceptions.openedBy), eq(users.id, orderExceptions.resolvedBy)))
        .where(eq(orderExceptions.orderId, orderId)),
      db
        .select({ message: messages, senderName: users.name })
        .from(messages)
        .leftJoin(users, eq(users.id, messages.senderUserId))
        .where(eq(messages.orderId, orderId))
        .orderBy(asc(messages.seq)),
      db.select().from(changeRequests).where(eq(changeRequests.orderId, orderId)).orderBy(desc(changeRequests.createdAt)),
      db.select().from(inquiries).where(eq(inquiries.orderId, orderId)).orderBy(desc(inquiries.seq)),
      row.order.assigneeId
        ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.order.assigneeId))
        : Promise.resolve([]),
      getProofOfDelivery(db, orderId),
    ]);
  // The customer's rating from the tracking page (one per order).
  const [rating] = await db.select().from(feedback).where(eq(feedback.orderId, orderId));

  return {
    order: row.order,
    customer: row.customer,
    assignee: assignee[0] ?? null,
    items,
    events,
    clocks,
    exceptions,
    userNames: new Map(exceptionPeople.map((p) => [p.id, p.name])),
    messages: orderMessages,
    requests,
    inquiries: orderInquiries,
    proofOfDelivery,
    feedback: rating ?? null,
  };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;
