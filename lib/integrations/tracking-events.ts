import { and, desc, eq, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orderExceptions, orders, trackingEventReceipts, type Carrier, type Order, type OrderStatus } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { openException } from "@/lib/orders/exceptions";
import { mainLine } from "@/lib/orders/lifecycle";
import { carrierLabels, normaliseTrackingNumber } from "@/lib/orders/tracking";
import { carrierRefusal } from "./api-key-schema";
import { DEFAULT_EXCEPTION_KIND, type TrackingEvent, type TrackingOutcome } from "./tracking-event-schema";

// A carrier's scan or exception applied to its order (design.md "Order lifecycle": carrier events may skip
// steps forward, never back). The receipt, the status changes or the exception, their events and clocks commit
// in one transaction. The receipt goes in first and is unique per (key, eventId), so the same event sent twice,
// even at the same moment, changes the order once and answers the same both times.

export type TrackingEventResult =
  | { kind: "recorded"; outcome: TrackingOutcome; orderNumber: string | null; detail: string | null; duplicate: boolean }
  // No shipped order matches yet: nothing is recorded, so the same event may be sent again later.
  | { kind: "unmatched"; error: string }
  // The key is bound to carriers and the order went with another: nothing is recorded (answered 403).
  | { kind: "refused"; error: string };

const carrier: Actor = { type: "carrier" };
const firstCarrierStep = mainLine.indexOf("shipped");

/** Thrown inside the transaction to roll back the receipt when the event matches no shipped order. */
class Unmatched extends Error {}
/** Thrown inside the transaction to roll back the receipt when the key may not move the order. */
class Refused extends Error {}

type Applied = { outcome: TrackingOutcome; detail: string | null };

export async function applyTrackingEvent(
  db: Db,
  {
    apiKeyId,
    carriers = [],
    event,
    payload,
  }: {
    apiKeyId: string;
    /** The carriers the key is bound to; empty: any carrier. */
    carriers?: readonly Carrier[];
    event: TrackingEvent;
    payload: string;
  },
): Promise<TrackingEventResult> {
  try {
    return await db.transaction(async (tx) => {
      const [receipt] = await tx
        .insert(trackingEventReceipts)
        .values({ apiKeyId, eventId: event.eventId, outcome: "pending", payload, occurredAt: event.occurredAt })
        .onConflictDoNothing({ target: [trackingEventReceipts.apiKeyId, trackingEventReceipts.eventId] })
        .returning({ id: trackingEventReceipts.id });
      if (!receipt) return storedResult(tx, apiKeyId, event.eventId);

      const order = await findOrder(tx, event);
      if (!order) throw new Unmatched(unknownOrderMessage(event));
      const refusal = carrierBindingProblem(order, carriers);
      if (refusal) throw new Refused(refusal);
      const { outcome, detail } = event.type === "exception" ? await applyException(tx, order, event) : await applyStatus(tx, order, event.type, event.occurredAt);
      await tx.update(trackingEventReceipts).set({ orderId: order.id, outcome, detail }).where(eq(trackingEventReceipts.id, receipt.id));
      return { kind: "recorded", outcome, orderNumber: order.number, detail, duplicate: false };
    });
  } catch (error) {
    if (error instanceof Unmatched) return { kind: "unmatched", error: error.message };
    if (error instanceof Refused) return { kind: "refused", error: error.message };
    throw error;
  }
}

/**
 * Why a key bound to carriers may not touch this order, or null. An order with no carrier that has not shipped yet
 * passes: it may still ship with one of the key's carriers, and the usual 422 ("not shipped yet") lets the carrier
 * send the event again then. One shipped without a carrier (hand delivery, a local courier) is no carrier's to move.
 */
function carrierBindingProblem(order: Order, bound: readonly Carrier[]): string | null {
  if (bound.length === 0) return null;
  if (order.carrier) {
    if (bound.includes(order.carrier)) return null;
    return carrierRefusal(order.carrier === "other" ? (order.carrierName ?? carrierLabels.other) : carrierLabels[order.carrier], bound);
  }
  return order.shippedAt ? carrierRefusal(null, bound) : null;
}

async function storedResult(tx: Db, apiKeyId: string, eventId: string): Promise<TrackingEventResult> {
  const [stored] = await tx
    .select({ outcome: trackingEventReceipts.outcome, detail: trackingEventReceipts.detail, orderNumber: orders.number })
    .from(trackingEventReceipts)
    .leftJoin(orders, eq(orders.id, trackingEventReceipts.orderId))
    .where(and(eq(trackingEventReceipts.apiKeyId, apiKeyId), eq(trackingEventReceipts.eventId, eventId)));
  return { kind: "recorded", outcome: stored!.outcome as TrackingOutcome, orderNumber: stored!.orderNumber, detail: stored!.detail, duplicate: true };
}

/**
 * The order by its number, else by tracking number (some carriers put their own reference in the number field).
 * Carriers reuse tracking numbers after some months, so the most recently shipped order with it wins. The row is
 * locked, so two events for one order apply one after the other on the state the first left.
 */
async function findOrder(tx: Db, event: TrackingEvent): Promise<Order | null> {
  if (event.orderNumber) {
    const [byNumber] = await tx.select().from(orders).where(eq(orders.number, event.orderNumber)).for("update");
    if (byNumber) return byNumber;
  }
  if (!event.trackingNumber) return null;
  const [byTracking] = await tx
    .select()
    .from(orders)
    .where(eq(orders.trackingNumber, normaliseTrackingNumber(event.trackingNumber)))
    .orderBy(sql`${orders.shippedAt} desc nulls last`, desc(orders.placedAt))
    .limit(1)
    .for("update");
  return byTracking ?? null;
}

function unknownOrderMessage(event: TrackingEvent): string {
  const named = [event.orderNumber && `order number ${event.orderNumber}`, event.trackingNumber && `tracking number ${event.trackingNumber}`].filter(Boolean);
  return `No order matches ${named.join(" or ")}. Nothing was recorded; send the event again once the order is shipped with its tracking number.`;
}

/**
 * Moves the order to the scanned status, walking any main-line steps the carrier skipped so the timeline and the
 * clocks see each one. A scan for a status the order has reached or passed arrived late and changes nothing.
 */
async function applyStatus(tx: Db, order: Order, to: OrderStatus, occurredAt: Date): Promise<Applied> {
  if (order.status === "cancelled") return { outcome: "ignored", detail: `Order ${order.number} is cancelled.` };
  const from = mainLine.indexOf(order.status);
  const target = mainLine.indexOf(to);
  if (from >= target) return { outcome: "ignored", detail: `Order ${order.number} is already ${label(order.status)}.` };
  // Received, confirmed, processing or on hold: the shop has not shipped it yet (design.md: steps before
  // shipping cannot be skipped), so the scan waits for that rather than inventing a shipment.
  if (from < firstCarrierStep) {
    throw new Unmatched(
      `Order ${order.number} has not shipped yet (it is ${label(order.status)}). Nothing was recorded; send the event again once it has shipped.`,
    );
  }

  const at = await notBeforeCurrentStatus(tx, order.id, occurredAt);
  const steps = mainLine.slice(from + 1, target + 1);
  // Only the step reached notifies: "out for delivery" sent beside "delivered" would be stale on arrival.
  for (const [i, step] of steps.entries()) {
    await changeOrderStatus(tx, { orderId: order.id, to: step, actor: carrier, at, milestoneNotice: i === steps.length - 1 });
  }
  return { outcome: "applied", detail: [order.status, ...steps].map(label).join(" → ") };
}

// Carrier clocks and ours disagree by seconds or minutes: a scan stamped before the order's current status began
// takes effect at that moment instead, so the timeline stays in order and no clock is met before it opened.
async function notBeforeCurrentStatus(tx: Db, orderId: string, occurredAt: Date): Promise<Date> {
  const [row] = await tx
    .select({ at: max(orderEvents.createdAt) })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), isNotNull(orderEvents.toStatus)));
  const since = row?.at ? new Date(row.at) : null;
  return since && since > occurredAt ? since : occurredAt;
}

/** A carrier exception opens the delay-notice clock, unless one of the same kind is still open on the order. */
async function applyException(tx: Db, order: Order, event: TrackingEvent): Promise<Applied> {
  if (order.status === "cancelled" || order.status === "closed") return { outcome: "ignored", detail: `Order ${order.number} is ${order.status}.` };
  const kind = event.exception?.kind ?? DEFAULT_EXCEPTION_KIND;
  const [open] = await tx
    .select({ id: orderExceptions.id })
    .from(orderExceptions)
    .where(and(eq(orderExceptions.orderId, order.id), eq(orderExceptions.kind, kind), isNull(orderExceptions.resolvedAt)))
    .limit(1);
  if (open) return { outcome: "ignored", detail: `Order ${order.number} already has an open ${kind} exception.` };
  await openException(tx, {
    orderId: order.id,
    kind,
    explanation: event.description ?? "Reported by the carrier.",
    revisedEta: event.exception?.revisedEta ?? null,
    actor: carrier,
    at: event.occurredAt,
  });
  return { outcome: "applied", detail: `${kind} exception opened` };
}

function label(status: OrderStatus): string {
  return status.replaceAll("_", " ");
}
