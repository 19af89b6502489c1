import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accuracyErrors,
  changeRequests,
  customers,
  escalationComments,
  escalations,
  feedback,
  inquiries,
  messageEvents,
  messages,
  orderEvents,
  orderExceptions,
  orderItems,
  orders,
  proofsOfDelivery,
} from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";
import { anonymiseCustomer, anonymiseOrders, mergeCounts, type Counts } from "./anonymise";

// A customer's data export (everything we hold about them, as JSON) and erasure (their personal fields anonymised,
// the facts kept). Both are audited. Erasure is refused while the customer or any of their orders is on legal hold.

/** Who may export and erase a customer's data, and place or release legal holds. */
export const recordsRoles = ["supervisor", "admin"] as const;

export type CustomerExport = {
  exportedAt: string;
  customer: typeof customers.$inferSelect;
  orders: (typeof orders.$inferSelect)[];
  orderItems: (typeof orderItems.$inferSelect)[];
  orderEvents: (typeof orderEvents.$inferSelect)[];
  accuracyErrors: (typeof accuracyErrors.$inferSelect)[];
  orderExceptions: (typeof orderExceptions.$inferSelect)[];
  proofsOfDelivery: (typeof proofsOfDelivery.$inferSelect)[];
  messages: (typeof messages.$inferSelect)[];
  messageEvents: (typeof messageEvents.$inferSelect)[];
  changeRequests: (typeof changeRequests.$inferSelect)[];
  inquiries: (typeof inquiries.$inferSelect)[];
  feedback: (typeof feedback.$inferSelect)[];
  escalations: (typeof escalations.$inferSelect)[];
  escalationComments: (typeof escalationComments.$inferSelect)[];
};

export async function exportCustomerData(db: Db, input: { customerId: string; actor: Actor; now?: Date }): Promise<CustomerExport> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw new UserFacingError("That customer does not exist.");
    const theirOrders = await tx.select().from(orders).where(eq(orders.customerId, customer.id)).orderBy(asc(orders.placedAt));
    const orderIds = theirOrders.map((o) => o.id);
    const byOrder = <T>(load: (ids: string[]) => Promise<T[]>) => (orderIds.length ? load(orderIds) : Promise.resolve([] as T[]));
    // Messages and inquiries are the customer's with or without an order.
    const theirMessages = await tx.select().from(messages).where(eq(messages.customerId, customer.id)).orderBy(asc(messages.seq));
    const theirEscalations = await byOrder((ids) => tx.select().from(escalations).where(inArray(escalations.orderId, ids)));
    const data: CustomerExport = {
      exportedAt: now.toISOString(),
      customer,
      orders: theirOrders,
      orderItems: await byOrder((ids) => tx.select().from(orderItems).where(inArray(orderItems.orderId, ids))),
      orderEvents: await byOrder((ids) => tx.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)).orderBy(asc(orderEvents.seq))),
      accuracyErrors: await byOrder((ids) => tx.select().from(accuracyErrors).where(inArray(accuracyErrors.orderId, ids))),
      orderExceptions: await byOrder((ids) => tx.select().from(orderExceptions).where(inArray(orderExceptions.orderId, ids))),
      proofsOfDelivery: await byOrder((ids) => tx.select().from(proofsOfDelivery).where(inArray(proofsOfDelivery.orderId, ids))),
      messages: theirMessages,
      messageEvents: theirMessages.length
        ? await tx.select().from(messageEvents).where(inArray(messageEvents.messageId, theirMessages.map((m) => m.id))).orderBy(asc(messageEvents.occurredAt))
        : [],
      changeRequests: await byOrder((ids) => tx.select().from(changeRequests).where(inArray(changeRequests.orderId, ids))),
      inquiries: await tx.select().from(inquiries).where(eq(inquiries.customerId, customer.id)),
      feedback: await byOrder((ids) => tx.select().from(feedback).where(inArray(feedback.orderId, ids))),
      escalations: theirEscalations,
      escalationComments: theirEscalations.length
        ? await tx.select().from(escalationComments).where(inArray(escalationComments.escalationId, theirEscalations.map((e) => e.id)))
        : [],
    };
    await writeAudit(tx, { actor: input.actor, action: "customer.exported", entityType: "customer", entityId: customer.id, after: { orders: orderIds.length, messages: theirMessages.length }, at: now });
    return data;
  });
}

/** Erases a customer on request: every order of theirs and the customer row anonymised, whatever their age. */
export async function eraseCustomer(db: Db, input: { customerId: string; confirmEmail: string; actor: Actor; now?: Date }): Promise<Counts> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, input.customerId)).for("update");
    if (!customer) throw new UserFacingError("That customer does not exist.");
    if (customer.anonymisedAt) throw new UserFacingError("This customer's data was already erased.");
    if (!customer.email || customer.email.trim().toLowerCase() !== input.confirmEmail.trim().toLowerCase()) {
      throw new UserFacingError("Type the customer's email address exactly to confirm the erasure.");
    }
    if (customer.legalHoldAt) throw new UserFacingError(`This customer is on legal hold (${customer.legalHoldReason}); release the hold before erasing.`);
    const held = await tx
      .select({ number: orders.number })
      .from(orders)
      .where(and(eq(orders.customerId, customer.id), isNotNull(orders.legalHoldAt)));
    if (held.length > 0) throw new UserFacingError(`Order ${held.map((o) => o.number).join(", ")} is on legal hold; release it before erasing the customer.`);
    const orderIds = (await tx.select({ id: orders.id }).from(orders).where(eq(orders.customerId, customer.id)).for("update")).map((o) => o.id);
    const counts = await anonymiseOrders(tx, orderIds, now);
    mergeCounts(counts, await anonymiseCustomer(tx, customer.id, now));
    await writeAudit(tx, { actor: input.actor, action: "customer.erased", entityType: "customer", entityId: customer.id, after: { orders: orderIds.length, counts }, at: now });
    return counts;
  });
}
