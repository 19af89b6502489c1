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
  type Customer,
} from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";
import type { FileStorage } from "@/lib/storage/file-storage";
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

/** The customer fields that decide whether an erasure may go ahead. */
export type ErasureSubject = Pick<Customer, "email" | "legalHoldAt" | "legalHoldReason" | "anonymisedAt">;

/**
 * Why this customer's data may not be erased now, or null. THE rule: eraseCustomer refuses with it, and the order
 * page and the records screen show it beside a disabled "Erase" instead of offering a dialog the server would refuse.
 */
export function erasureRefusal(customer: ErasureSubject, heldOrderNumbers: readonly string[]): string | null {
  if (customer.anonymisedAt) return "This customer's data was already erased.";
  if (customer.legalHoldAt) return `This customer is on legal hold (${customer.legalHoldReason}); release the hold before erasing.`;
  if (heldOrderNumbers.length === 1) return `Order ${heldOrderNumbers[0]} is on legal hold; release it before erasing the customer.`;
  if (heldOrderNumbers.length > 1) return `Orders ${heldOrderNumbers.join(", ")} are on legal hold; release them before erasing the customer.`;
  // Erasure is confirmed by typing the email out; without one on file there is nothing to type.
  if (!customer.email) return "This customer has no email address on file to confirm the erasure with.";
  return null;
}

/** The numbers of the customer's orders on legal hold, oldest first. */
export async function heldOrderNumbers(db: Db, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ number: orders.number })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), isNotNull(orders.legalHoldAt)))
    .orderBy(asc(orders.placedAt), asc(orders.number));
  return rows.map((o) => o.number);
}

/** Why erasing this customer would be refused now (see erasureRefusal), read fresh; null if it would go ahead. */
export async function customerErasureRefusal(db: Db, customer: ErasureSubject & { id: string }): Promise<string | null> {
  return erasureRefusal(customer, await heldOrderNumbers(db, customer.id));
}

/**
 * Erases a customer on request: every order of theirs and the customer row anonymised, whatever their age, and their
 * proof-of-delivery photos deleted from storage.
 */
export async function eraseCustomer(
  db: Db,
  input: { customerId: string; confirmEmail: string; actor: Actor; storage: FileStorage; now?: Date },
): Promise<Counts> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, input.customerId)).for("update");
    if (!customer) throw new UserFacingError("That customer does not exist.");
    // The customer and their orders are locked before the holds are read, so a hold placed meanwhile either
    // committed first (and refuses this) or waits for the erasure to finish.
    const orderIds = (await tx.select({ id: orders.id }).from(orders).where(eq(orders.customerId, customer.id)).for("update")).map((o) => o.id);
    const refusal = erasureRefusal(customer, await heldOrderNumbers(tx, customer.id));
    if (refusal) throw new UserFacingError(refusal);
    if (customer.email!.trim().toLowerCase() !== input.confirmEmail.trim().toLowerCase()) {
      throw new UserFacingError("Type the customer's email address exactly to confirm the erasure.");
    }
    const counts = await anonymiseOrders(tx, orderIds, now, input.storage);
    mergeCounts(counts, await anonymiseCustomer(tx, customer.id, now));
    await writeAudit(tx, { actor: input.actor, action: "customer.erased", entityType: "customer", entityId: customer.id, after: { orders: orderIds.length, counts }, at: now });
    return counts;
  });
}
