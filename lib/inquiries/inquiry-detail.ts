import { and, asc, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, inquiries, messages, orderEvents, orders, slaClocks, users } from "@/db/schema";

const creators = alias(users, "creators");

/** One inquiry as its page shows it: the question, who asked, its clock, every message about it and its history. */
export async function getInquiryDetail(db: Db, inquiryId: string) {
  if (!z.uuid().safeParse(inquiryId).success) return null;
  const [row] = await db
    .select({ inquiry: inquiries, customer: customers, order: { id: orders.id, number: orders.number, status: orders.status }, createdByName: creators.name })
    .from(inquiries)
    .innerJoin(customers, eq(customers.id, inquiries.customerId))
    .leftJoin(orders, eq(orders.id, inquiries.orderId))
    .leftJoin(creators, eq(creators.id, inquiries.createdBy))
    .where(eq(inquiries.id, inquiryId));
  if (!row) return null;
  const { inquiry } = row;

  const [clocks, sent, events] = await Promise.all([
    db.select().from(slaClocks).where(and(eq(slaClocks.subjectId, inquiry.id), eq(slaClocks.kind, "inquiry_ack"))).orderBy(desc(slaClocks.startedAt)),
    // Messages record what they answer (data.subjectId); the demo data ties its answers to the clock they met.
    db
      .select({ message: messages, senderName: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.senderUserId))
      .where(
        and(
          eq(messages.customerId, inquiry.customerId),
          or(
            sql`${messages.data}->>'subjectId' = ${inquiry.id}`,
            inArray(messages.clockId, db.select({ id: slaClocks.id }).from(slaClocks).where(eq(slaClocks.subjectId, inquiry.id))),
          ),
        ),
      )
      .orderBy(asc(messages.seq)),
    inquiry.orderId
      ? db
          .select({ event: orderEvents, actorName: users.name })
          .from(orderEvents)
          .leftJoin(users, eq(users.id, orderEvents.actorUserId))
          .where(and(eq(orderEvents.orderId, inquiry.orderId), like(orderEvents.type, "inquiry\\_%"), sql`${orderEvents.data}->>'inquiryId' = ${inquiry.id}`))
          .orderBy(asc(orderEvents.seq))
      : Promise.resolve([]),
  ]);

  return {
    inquiry,
    customer: row.customer,
    order: row.order?.id ? row.order : null,
    createdByName: row.createdByName,
    clock: clocks[0] ?? null,
    messages: sent,
    events,
  };
}

export type InquiryDetail = NonNullable<Awaited<ReturnType<typeof getInquiryDetail>>>;
