import type { Db } from "@/db/client";
import {
  changeRequests,
  feedback,
  inquiries,
  messageEvents,
  messages,
  orderEvents,
  orderViewers,
  proofsOfDelivery,
  webhookReceipts,
  type Customer,
  type Order,
} from "@/db/schema";

// Tests only: one of each kind of record we hold about an order's customer, with their name, email and phone written
// into every free-text field, so a test can search for them after anonymisation.

export async function seedCustomerRecords(db: Db, customer: Customer, order: Order, viewerId: string, at: Date): Promise<void> {
  const who = `${customer.name} <${customer.email}> ${customer.phone ?? ""}`;
  const [message] = await db
    .insert(messages)
    .values({
      orderId: order.id,
      customerId: customer.id,
      channel: "email",
      template: "shipped",
      toAddress: customer.email,
      subject: `Your order ${order.number}, ${customer.name}`,
      bodyText: `Hello ${who}`,
      bodyHtml: `<p>Hello ${who}</p>`,
      status: "delivered",
      senderType: "system",
      idempotencyKey: `seed-${order.id}`,
      data: { template: "shipped", customer: { id: customer.id, name: customer.name }, order: { id: order.id, number: order.number } },
      sentAt: at,
      deliveredAt: at,
      createdAt: at,
    })
    .returning();
  await db.insert(messageEvents).values({ messageId: message!.id, status: "delivered", detail: `delivered to ${customer.email}`, occurredAt: at });
  await db.insert(webhookReceipts).values({ provider: "resend", eventId: `evt-${order.id}`, type: "email.delivered", messageId: message!.id, payload: { to: customer.email } });
  await db.insert(orderEvents).values({ orderId: order.id, type: "note", reason: `Called ${who}`, actorType: "user", actorUserId: viewerId, createdAt: at });
  await db.insert(changeRequests).values({ orderId: order.id, kind: "change_address", source: "rep", payload: { address: { name: customer.name, line1: "9 Elm St" } }, note: `From ${who}`, createdAt: at });
  await db.insert(inquiries).values({ customerId: customer.id, orderId: order.id, channel: "email", body: `Where is it? ${who}`, createdAt: at });
  await db.insert(feedback).values({ orderId: order.id, rating: 4, comment: `Thanks, ${customer.name}`, createdAt: at });
  await db.insert(proofsOfDelivery).values({ orderId: order.id, recipientName: customer.name, receivedAt: at, actorType: "system" });
  await db.insert(orderViewers).values({ orderId: order.id, userId: viewerId, lastSeenAt: at });
}
