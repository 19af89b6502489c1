import type { Db } from "@/db/client";
import type { Order } from "@/db/schema";
import { intakeCustomer } from "@/lib/integrations/intake";
import type { PhoneOrder } from "./phone-order-schema";
import { receiveOrder } from "./receive-order";

/**
 * A rep enters an order taken on the phone. The same path as API intake — customer matched by email as intake
 * does, then receiveOrder (order, items, "received" event, confirmation clock) — in one transaction, with the
 * rep as the actor and "phone" as the source. No external id: there is no sending system to be idempotent with.
 */
export async function enterPhoneOrder(db: Db, { order, userId, at = new Date() }: { order: PhoneOrder; userId: string; at?: Date }): Promise<Order> {
  return db.transaction(async (tx) => {
    const { order: created } = await receiveOrder(tx, {
      customer: await intakeCustomer(tx, order.customer),
      externalId: null,
      items: order.items,
      shippingAddress: order.shippingAddress,
      billingAddress: order.billingAddress,
      shippingCents: order.shippingCents,
      taxCents: order.taxCents,
      currency: order.currency,
      paymentMethod: order.paymentMethod,
      source: "phone",
      actor: { type: "user", userId },
      at,
    });
    return created;
  });
}
