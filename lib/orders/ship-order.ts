import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, orderEvents, orders, type Carrier, type Order, type OrderStatus, type UntrackedReason } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { notifyMilestone } from "@/lib/notifications/milestones";
import { changeOrderStatus } from "./change-status";
import { lockOrder, nextVersion } from "./order-lock";
import { normaliseTrackingNumber, trackingNumberProblem } from "./tracking";

// The one path to "shipped" (SOP 003 §3.3, SOP 004 §2): an order ships with its carrier and tracking number, or with
// the reason it has none (hand delivery, a local courier). changeOrderStatus refuses "shipped" for an order that has
// neither, so the order page, the board, the CSV import and any later entry point all come through here.

/** While the carrier has the parcel its tracking can still be added or corrected; after delivery it is history. */
export const correctableStatuses: readonly OrderStatus[] = ["shipped", "in_transit", "out_for_delivery"];

export type Tracking = {
  carrier: Carrier;
  trackingNumber: string;
  /** Carrier "other" only: its name and its tracking link template with {tracking}. */
  carrierName?: string | null;
  trackingUrlTemplate?: string | null;
};

/** Shipped without a tracking number: why, and for "other" (or any reason) a note the customer's notice quotes. */
export type Untracked = { reason: UntrackedReason; note?: string | null };

type Common = { orderId: string; actor: Actor; expectedVersion?: number; at?: Date };
export type ShipOrderInput = Common & (Tracking | { untracked: Untracked });
export type SetTrackingInput = Common & Tracking;

/** Ships an order: its tracking (or the reason it has none), then the status change, in one transaction. */
export async function shipOrder(db: Db, input: ShipOrderInput): Promise<Order> {
  const at = input.at ?? new Date();
  const shipment = "untracked" in input ? { untracked: checkedUntracked(input.untracked) } : { tracking: checkedTracking(input) };
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    if (order.status !== "processing") {
      throw new UserFacingError(order.status === "shipped" ? "Already shipped." : `Only orders being processed can ship (this one is ${order.status.replaceAll("_", " ")}).`);
    }
    if (shipment.tracking) {
      await writeTracking(tx, order, shipment.tracking, input.actor, at);
    } else {
      const { reason, note } = shipment.untracked!;
      await tx
        .update(orders)
        .set({ carrier: null, carrierName: null, trackingUrlTemplate: null, trackingNumber: null, untrackedReason: reason, untrackedNote: note, version: nextVersion() })
        .where(eq(orders.id, order.id));
      await tx.insert(orderEvents).values({ orderId: order.id, type: "shipped_untracked", data: { untrackedReason: reason, note }, createdAt: at, ...actorColumns(input.actor) });
    }
    // The status change opens the shipping-notice clock and sends the shipped notice when that stage is automatic.
    return changeOrderStatus(tx, { orderId: order.id, to: "shipped", actor: input.actor, at });
  });
}

/**
 * Adds or replaces the tracking of an order the carrier already has (shipped without one, a mistyped number, a
 * re-labelled parcel). The status stays; the event keeps the previous values. The customer hears of it once: the
 * shipped notice if it has not gone out yet, else a "tracking updated" notice (both only when the shipped stage is
 * automatic; otherwise the open clock or the timeline puts it before a rep).
 */
export async function setTracking(db: Db, input: SetTrackingInput): Promise<Order> {
  const at = input.at ?? new Date();
  const tracking = checkedTracking(input);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    if (!correctableStatuses.includes(order.status)) {
      throw new UserFacingError(`Tracking can be added or corrected only while the carrier has the order (this one is ${order.status.replaceAll("_", " ")}).`);
    }
    const { updated, eventId } = await writeTracking(tx, order, tracking, input.actor, at);
    if (await shippedNoticeWentOut(tx, order.id)) {
      await notifyMilestone(tx, { orderId: order.id, stage: "shipped", template: "tracking_updated", occurrence: String(eventId), at });
    } else {
      await notifyMilestone(tx, { orderId: order.id, stage: "shipped", at });
    }
    return updated;
  });
}

async function writeTracking(tx: Db, order: Order, tracking: CheckedTracking, actor: Actor, at: Date): Promise<{ updated: Order; eventId: number }> {
  const { carrier, trackingNumber, carrierName, trackingUrlTemplate } = tracking;
  const [updated] = await tx
    .update(orders)
    .set({ carrier, carrierName, trackingUrlTemplate, trackingNumber, untrackedReason: null, untrackedNote: null, version: nextVersion() })
    .where(eq(orders.id, order.id))
    .returning();
  const had = order.trackingNumber !== null;
  const [event] = await tx
    .insert(orderEvents)
    .values({
      orderId: order.id,
      type: "tracking_set",
      data: {
        carrier,
        trackingNumber,
        ...(carrier === "other" ? { carrierName, trackingUrlTemplate } : {}),
        ...(had
          ? {
              previousCarrier: order.carrier,
              previousTrackingNumber: order.trackingNumber,
              ...(order.carrier === "other" ? { previousCarrierName: order.carrierName, previousTrackingUrlTemplate: order.trackingUrlTemplate } : {}),
            }
          : {}),
        ...(order.untrackedReason ? { previousUntrackedReason: order.untrackedReason } : {}),
      },
      createdAt: at,
      ...actorColumns(actor),
    })
    .returning({ id: orderEvents.id });
  return { updated: updated!, eventId: event!.id };
}

/** Whether the customer was sent the shipped notice (a failed one never reached them; a bounced one did go out). */
async function shippedNoticeWentOut(tx: Db, orderId: string): Promise<boolean> {
  const [sent] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.orderId, orderId), eq(messages.template, "shipped"), ne(messages.status, "failed")))
    .limit(1);
  return sent !== undefined;
}

type CheckedTracking = { carrier: Carrier; trackingNumber: string; carrierName: string | null; trackingUrlTemplate: string | null };

/** The normalised tracking fields, or the reason they cannot be right. */
function checkedTracking(input: Tracking): CheckedTracking {
  const trackingNumber = normaliseTrackingNumber(input.trackingNumber ?? "");
  const other = input.carrier === "other";
  const carrierName = other ? input.carrierName?.trim() || null : null;
  const trackingUrlTemplate = other ? input.trackingUrlTemplate?.trim() || null : null;
  if (other && !carrierName) throw new UserFacingError("Name the carrier.");
  const problem = trackingNumberProblem(input.carrier, trackingNumber, trackingUrlTemplate);
  if (problem) throw new UserFacingError(problem);
  return { carrier: input.carrier, trackingNumber, carrierName, trackingUrlTemplate };
}

function checkedUntracked(untracked: Untracked): { reason: UntrackedReason; note: string | null } {
  const note = untracked.note?.trim() || null;
  if (untracked.reason === "other" && !note) throw new UserFacingError("Say how the order travels without a tracking number.");
  return { reason: untracked.reason, note };
}
