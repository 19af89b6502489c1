import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orderEvents, orderItems, orders, type ChangeRequest, type Order } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { correctItems, correctShippingAddress } from "@/lib/orders/correct-order";
import type { ItemLine } from "@/lib/orders/corrections";
import { nextVersion } from "@/lib/orders/order-lock";
import { applyClockEvent } from "@/lib/sla/clocks";
import { refundFor, type Refund } from "./refund";
import { oneLineAddress, proposedItems } from "./request-changes";
import { deliveryDateProblem, parseRequestPayload, type RequestPayloads } from "./request-schemas";

// Applying an approved request to the order, inside the decision's transaction and through the same functions a
// rep's own edit uses (corrections, status changes), so an approved change leaves the history, the accuracy KPI and
// the clocks exactly as the manual edit would.

/** Why the order changes: the customer's wish (a modification), or a mistake of ours the request fixes. */
export type RequestCause = "customer_request" | "our_error";

export type ApplyContext = { actor: Actor; cause: RequestCause; items?: ItemLine[]; at: Date };

/** What the customer is told changed, and the money that goes back (null when none is owed). */
export type Applied = { order: Order; whatChanges: string; refund: Refund | null };

const CORRECTION_NOTE = "Approved request";

function payloadOf<K extends ChangeRequest["kind"]>(request: ChangeRequest, kind: K): RequestPayloads[K] {
  const parsed = parseRequestPayload(kind, request.payload);
  if (!parsed.ok) throw new UserFacingError(`This request cannot be applied as it stands (${parsed.message}) — reject it and log a new one.`);
  return parsed.payload;
}

/** `order` is locked by the caller. */
export async function applyRequest(tx: Db, request: ChangeRequest, order: Order, ctx: ApplyContext): Promise<Applied> {
  switch (request.kind) {
    case "change_address": {
      const { shippingAddress } = payloadOf(request, "change_address");
      const updated = await correctShippingAddress(tx, { orderId: order.id, expectedVersion: order.version, address: shippingAddress, cause: ctx.cause, note: CORRECTION_NOTE, actor: ctx.actor, at: ctx.at });
      return { order: updated, whatChanges: `Your order will be delivered to: ${oneLineAddress(updated.shippingAddress)}.`, refund: null };
    }
    case "change_items":
      return applyItems(tx, request, order, ctx);
    case "change_delivery_date":
      return applyDeliveryDate(tx, request, order, ctx);
    case "cancel": {
      const { reason } = payloadOf(request, "cancel");
      const updated = await changeOrderStatus(tx, {
        orderId: order.id,
        to: "cancelled",
        reason: reason ? `The customer asked to cancel: ${reason}` : "The customer asked to cancel",
        actor: ctx.actor,
        at: ctx.at,
      });
      const refund = refundFor(order);
      // A partly refunded order's remainder is the payment system's to work out; the customer still hears when.
      const balance = refund.kind === "balance" ? ` The rest of your payment will be refunded ${refund.timeline}.` : "";
      return { order: updated, whatChanges: `Your order has been cancelled.${balance}`, refund };
    }
  }
}

async function applyItems(tx: Db, request: ChangeRequest, order: Order, ctx: ApplyContext): Promise<Applied> {
  const payload = payloadOf(request, "change_items");
  const current = await tx
    .select({ sku: orderItems.sku, name: orderItems.name, quantity: orderItems.quantity, unitPriceCents: orderItems.unitPriceCents })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.sku));
  const proposal = ctx.items && ctx.items.length > 0 ? { items: ctx.items } : proposedItems(payload, current);
  if ("problem" in proposal) throw new UserFacingError(proposal.problem);
  const updated = await correctItems(tx, { orderId: order.id, expectedVersion: order.version, items: proposal.items, cause: ctx.cause, note: CORRECTION_NOTE, actor: ctx.actor, at: ctx.at });
  const refund = order.totalCents > updated.totalCents ? refundFor(order, order.totalCents - updated.totalCents) : null;
  const list = proposal.items.map((item) => `${item.quantity} × ${item.name}`).join(", ");
  const total = `${formatMoney(updated.totalCents, updated.currency)} (was ${formatMoney(order.totalCents, order.currency)})`;
  return { order: updated, whatChanges: `Your order now contains: ${list}. New total: ${total}.`, refund };
}

/**
 * The agreed day becomes the promised delivery date: the customer chose it, so delivering on it is on time (the
 * on-time KPI and the delivery_promise clock follow it). A delay's revised date on or before it is superseded.
 */
async function applyDeliveryDate(tx: Db, request: ChangeRequest, order: Order, ctx: ApplyContext): Promise<Applied> {
  const { deliveryDate } = payloadOf(request, "change_delivery_date");
  const [customer] = await tx.select({ timeZone: customers.timeZone }).from(customers).where(eq(customers.id, order.customerId));
  const timeZone = customer?.timeZone ?? "UTC";
  const problem = deliveryDateProblem(deliveryDate, timeZone, ctx.at);
  if (problem) throw new UserFacingError(`${problem} Reject the request and agree another date with the customer.`);
  const revised = order.revisedDeliveryDate && order.revisedDeliveryDate > deliveryDate ? order.revisedDeliveryDate : null;
  const [updated] = await tx
    .update(orders)
    .set({ promisedDeliveryDate: deliveryDate, revisedDeliveryDate: revised, version: nextVersion() })
    .where(eq(orders.id, order.id))
    .returning();
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "delivery_date_changed",
    reason: "At the customer's request",
    data: { before: order.promisedDeliveryDate, after: deliveryDate, requestId: request.id },
    createdAt: ctx.at,
    ...actorColumns(ctx.actor),
  });
  // Before confirmation nothing is promised yet: confirming will promise this date (it is the form's default).
  if (order.confirmedAt) await applyClockEvent(tx, { orderId: order.id, event: { type: "delivery_date_agreed", promisedDate: deliveryDate, customerTimeZone: timeZone }, at: ctx.at });
  const onItsWay = order.shippedAt !== null;
  const whatChanges = onItsWay
    ? `We have asked the carrier to deliver your order on ${formatDate(deliveryDate)}.`
    : `We will deliver your order on ${formatDate(deliveryDate)}.`;
  return { order: updated!, whatChanges, refund: null };
}
