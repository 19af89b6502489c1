import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders, type Carrier, type Order, type OrderStatus } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { changeOrderStatus } from "./change-status";
import { lockOrder, nextVersion } from "./order-lock";
import { normaliseTrackingNumber, trackingNumberProblem } from "./tracking";

/** While the carrier has the parcel its tracking can still be corrected; after delivery it is history. */
export const correctableStatuses: readonly OrderStatus[] = ["shipped", "in_transit", "out_for_delivery"];

export type ShipOrderInput = {
  orderId: string;
  carrier: Carrier;
  trackingNumber: string;
  /** Carrier "other" only: its name and its tracking link template with {tracking}. */
  carrierName?: string | null;
  trackingUrlTemplate?: string | null;
  actor: Actor;
  expectedVersion?: number;
  at?: Date;
};

/**
 * Ships an order: carrier and tracking number, then the status change to shipped (which opens the shipping-notice
 * clock), in one transaction — an order is never "shipped" without its tracking, nor tracked but left unshipped.
 */
export async function shipOrder(db: Db, input: ShipOrderInput): Promise<Order> {
  const at = input.at ?? new Date();
  const { trackingNumber, other, carrierName, trackingUrlTemplate } = checkedTracking(input);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    if (order.status !== "processing") {
      throw new UserFacingError(order.status === "shipped" ? "Already shipped." : `Only orders being processed can ship (this one is ${order.status.replaceAll("_", " ")}).`);
    }
    await tx
      .update(orders)
      .set({ carrier: input.carrier, carrierName, trackingUrlTemplate, trackingNumber, version: nextVersion() })
      .where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "tracking_set",
      data: { carrier: input.carrier, trackingNumber, ...(other ? { carrierName, trackingUrlTemplate } : {}) },
      createdAt: at,
      ...actorColumns(input.actor),
    });
    return changeOrderStatus(tx, { orderId: order.id, to: "shipped", actor: input.actor, at });
  });
}

/** The normalised tracking fields, or the reason they cannot be right. */
function checkedTracking(input: Pick<ShipOrderInput, "carrier" | "trackingNumber" | "carrierName" | "trackingUrlTemplate">) {
  const trackingNumber = normaliseTrackingNumber(input.trackingNumber);
  const other = input.carrier === "other";
  const carrierName = other ? input.carrierName?.trim() || null : null;
  const trackingUrlTemplate = other ? input.trackingUrlTemplate?.trim() || null : null;
  if (other && !carrierName) throw new UserFacingError("Name the carrier.");
  const problem = trackingNumberProblem(input.carrier, trackingNumber, trackingUrlTemplate);
  if (problem) throw new UserFacingError(problem);
  return { trackingNumber, other, carrierName, trackingUrlTemplate };
}

/**
 * Replaces the carrier and tracking of an order the carrier already has (a mistyped number, a re-labelled parcel).
 * The status stays; the event keeps the previous values, so the history shows what the customer was first given.
 */
export async function correctTracking(db: Db, input: ShipOrderInput): Promise<Order> {
  const at = input.at ?? new Date();
  const { trackingNumber, other, carrierName, trackingUrlTemplate } = checkedTracking(input);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    if (!correctableStatuses.includes(order.status)) {
      throw new UserFacingError(`Tracking can be corrected only once the order has shipped (this one is ${order.status.replaceAll("_", " ")}).`);
    }
    const [updated] = await tx
      .update(orders)
      .set({ carrier: input.carrier, carrierName, trackingUrlTemplate, trackingNumber, version: nextVersion() })
      .where(eq(orders.id, order.id))
      .returning();
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "tracking_set",
      data: {
        carrier: input.carrier,
        trackingNumber,
        ...(other ? { carrierName, trackingUrlTemplate } : {}),
        previousCarrier: order.carrier,
        previousTrackingNumber: order.trackingNumber,
        ...(order.carrier === "other" ? { previousCarrierName: order.carrierName, previousTrackingUrlTemplate: order.trackingUrlTemplate } : {}),
      },
      createdAt: at,
      ...actorColumns(input.actor),
    });
    return updated!;
  });
}
