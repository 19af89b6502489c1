import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orderEvents, orderItems, orders, type Address, type Channel, type Order } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { applyClockEvent } from "@/lib/sla/clocks";

export type NewCustomerInput = {
  name: string;
  email?: string | null;
  phone?: string | null;
  preferredChannel?: Channel;
  smsConsent?: boolean;
  timeZone?: string;
};

export type ReceiveOrderInput = {
  customer: { id: string } | NewCustomerInput;
  externalId?: string | null;
  items: { sku: string; name: string; quantity: number; unitPriceCents: number }[];
  shippingAddress: Address;
  billingAddress?: Address;
  shippingCents?: number;
  taxCents?: number;
  currency?: string;
  paymentMethod?: string;
  promisedDeliveryDate?: string | null;
  /** How a person took the order (a rep on the phone): kept on the "received" event, so the history says so. */
  source?: "phone";
  actor: Actor;
  at?: Date;
};

/**
 * An order arrives (shop, OMS, API, or a rep entering a phone order): the order, its items, the "received" event
 * and the confirmation clock, in one transaction. Idempotent on the external id: the same order sent twice is
 * one order, and the second call returns it with created = false.
 */
export async function receiveOrder(db: Db, input: ReceiveOrderInput): Promise<{ order: Order; created: boolean }> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    if (input.externalId) {
      const [existing] = await tx.select().from(orders).where(eq(orders.externalId, input.externalId));
      if (existing) return { order: existing, created: false };
    }
    const customerId =
      "id" in input.customer ? input.customer.id : (await tx.insert(customers).values(input.customer).returning({ id: customers.id }))[0]!.id;
    const subtotalCents = input.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
    const shippingCents = input.shippingCents ?? 0;
    const taxCents = input.taxCents ?? 0;
    const [order] = await tx
      .insert(orders)
      .values({
        customerId,
        externalId: input.externalId ?? null,
        shippingAddress: input.shippingAddress,
        billingAddress: input.billingAddress ?? input.shippingAddress,
        subtotalCents,
        shippingCents,
        taxCents,
        totalCents: subtotalCents + shippingCents + taxCents,
        currency: input.currency ?? "USD",
        paymentMethod: input.paymentMethod ?? "card",
        promisedDeliveryDate: input.promisedDeliveryDate ?? null,
        placedAt: at,
        createdAt: at,
      })
      // Two concurrent intakes of one external id: the loser inserts nothing and reads the winner's order.
      .onConflictDoNothing({ target: orders.externalId })
      .returning();
    if (!order) {
      const [existing] = await tx.select().from(orders).where(eq(orders.externalId, input.externalId!));
      return { order: existing!, created: false };
    }
    await tx.insert(orderItems).values(input.items.map((item) => ({ ...item, orderId: order.id })));
    await tx.insert(orderEvents).values({ orderId: order.id, type: "received", toStatus: "received", createdAt: at, data: input.source ? { source: input.source } : null, ...actorColumns(input.actor) });
    await applyClockEvent(tx, { orderId: order.id, event: { type: "order_received" }, at });
    return { order, created: true };
  });
}
