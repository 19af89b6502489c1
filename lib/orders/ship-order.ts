import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders, type Carrier, type Order } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { changeOrderStatus } from "./change-status";
import { lockOrder, nextVersion } from "./order-lock";
import { normaliseTrackingNumber, trackingNumberProblem } from "./tracking";

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
  const trackingNumber = normaliseTrackingNumber(input.trackingNumber);
  const other = input.carrier === "other";
  const carrierName = other ? input.carrierName?.trim() || null : null;
  const trackingUrlTemplate = other ? input.trackingUrlTemplate?.trim() || null : null;
  if (other && !carrierName) throw new UserFacingError("Name the carrier.");
  const problem = trackingNumberProblem(input.carrier, trackingNumber, trackingUrlTemplate);
  if (problem) throw new UserFacingError(problem);
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
