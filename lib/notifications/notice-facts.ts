import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orderItems, orders, proofsOfDelivery } from "@/db/schema";
import { appUrl } from "@/lib/app-url";
import { UserFacingError } from "@/lib/errors";
import { carrierLabels, trackingLink, travelsByWords } from "@/lib/orders/tracking";
import { readSettings } from "@/lib/settings/read-settings";
import type { NoticeFacts } from "./templates";

/**
 * Everything a notice may say about the order and its customer, read in the caller's transaction: the order and
 * its items, the customer, the proof of delivery, the branding, and the tracking page's link. With no order (an
 * inquiry answered to a customer), the customer alone.
 */
export async function loadNoticeFacts(db: Db, input: { orderId?: string | null; customerId?: string }): Promise<NoticeFacts> {
  const [order] = input.orderId ? await db.select().from(orders).where(eq(orders.id, input.orderId)) : [];
  if (input.orderId && !order) throw new UserFacingError("This order does not exist.");
  // An order's own customer wins: a notice about an order goes to whoever placed it.
  const customerId = order?.customerId ?? input.customerId;
  if (!customerId) throw new UserFacingError("Choose the order or the customer the notice is for.");

  const [[customer], items, [proof], { branding }] = await Promise.all([
    db.select().from(customers).where(eq(customers.id, customerId)),
    order ? db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.sku), asc(orderItems.id)) : [],
    order
      ? db.select({ recipientName: proofsOfDelivery.recipientName, receivedAt: proofsOfDelivery.receivedAt }).from(proofsOfDelivery).where(eq(proofsOfDelivery.orderId, order.id))
      : [],
    readSettings(db),
  ]);
  if (!customer) throw new UserFacingError("This customer does not exist.");

  const name = customer.name.trim();
  return {
    customer: {
      id: customer.id,
      name,
      firstName: name.split(/\s+/)[0] ?? "",
      email: customer.email,
      phone: customer.phone,
      preferredChannel: customer.preferredChannel,
      smsConsent: customer.smsConsent,
      timeZone: customer.timeZone,
    },
    order: order
      ? {
          id: order.id,
          number: order.number,
          status: order.status,
          placedAt: order.placedAt,
          currency: order.currency,
          items: items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity, unitPriceCents: i.unitPriceCents })),
          subtotalCents: order.subtotalCents,
          shippingCents: order.shippingCents,
          taxCents: order.taxCents,
          totalCents: order.totalCents,
          paymentMethod: order.paymentMethod,
          shippingAddress: order.shippingAddress,
          billingAddress: order.billingAddress,
          promisedDeliveryDate: order.promisedDeliveryDate,
          revisedDeliveryDate: order.revisedDeliveryDate,
          carrierLabel: order.carrier ? (order.carrier === "other" ? order.carrierName?.trim() || carrierLabels.other : carrierLabels[order.carrier]) : null,
          trackingNumber: order.trackingNumber,
          trackingLink: trackingLink(order.carrier, order.trackingNumber, order.trackingUrlTemplate),
          travelsBy: order.untrackedReason ? travelsByWords(order.untrackedReason, order.untrackedNote) : null,
          deliveredAt: order.deliveredAt,
        }
      : null,
    proofOfDelivery: proof ?? null,
    trackingPageUrl: order ? `${appUrl()}/track/${order.trackingToken}` : null,
    branding,
  };
}
