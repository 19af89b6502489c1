import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { changeRequests, customers, orderEvents, orderItems, orders, type ChangeRequest, type Order, type OrderStatus, type RequestKind } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { notifyMilestone } from "@/lib/notifications/milestones";
import { applyClockEvent } from "@/lib/sla/clocks";
import { describeRequest } from "./request-changes";
import { deliveryDateProblem, parseRequestPayload, requestKindLabels, type RequestPayloads } from "./request-schemas";

// Whether the order can still honour a request, and what to offer instead when it cannot (design.md "Requests").
const beforeShipping: readonly OrderStatus[] = ["received", "confirmed", "processing", "on_hold"];

export function requestRefusal(status: OrderStatus, kind: RequestKind): string | null {
  if (status === "cancelled") return "The order is already cancelled.";
  if (status === "closed") return "The order is closed — a return or a new order can be arranged.";
  if (status === "delivered") {
    if (kind === "change_delivery_date") return "Already delivered — there is no delivery left to reschedule.";
    return kind === "change_items" ? "Already delivered — a return or an exchange can be arranged." : "Already delivered — a return can be arranged.";
  }
  // On its way, the parcel's date is the carrier's to move: the request is taken, the rep asks the carrier.
  if (kind === "change_delivery_date") return null;
  if (beforeShipping.includes(status)) return null;
  if (kind === "cancel") return "Already shipped — a return can be arranged once it arrives.";
  if (kind === "change_items") return "Already shipped — the items can no longer change; a return or an exchange can be arranged once it arrives.";
  return "Already shipped — the carrier may offer a redirect, or a return can be arranged.";
}

export type ReceiveRequestInput = {
  orderId: string;
  kind: RequestKind;
  payload: Record<string, unknown>;
  source: "rep" | "customer";
  note?: string | null;
  actor: Actor;
  at?: Date;
};

/** A modification or cancellation request arrives: the record, the order event, request_ack and request_outcome clocks. */
export async function receiveChangeRequest(db: Db, input: ReceiveRequestInput): Promise<ChangeRequest> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!order) throw new UserFacingError("This order does not exist.");
    const refusal = requestRefusal(order.status, input.kind);
    if (refusal) throw new UserFacingError(refusal);
    const payload = await checkedPayload(tx, order, input, at);
    const [request] = await tx
      .insert(changeRequests)
      .values({
        orderId: order.id,
        kind: input.kind,
        payload,
        source: input.source,
        note: input.note ?? null,
        createdBy: input.actor.type === "user" ? input.actor.userId : null,
        createdAt: at,
      })
      .returning();
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "request_received",
      reason: input.note ?? null,
      data: { requestId: request!.id, kind: input.kind },
      createdAt: at,
      ...actorColumns(input.actor),
    });
    await applyClockEvent(tx, { orderId: order.id, event: { type: "request_received", requestId: request!.id }, at });
    // SOP 001 §5: "we have received your request to modify/cancel order #…".
    const asked = input.kind === "cancel" ? "cancel" : "modify";
    const details = describeRequest(input.kind, payload, await currentItems(tx, order.id));
    await notifyMilestone(tx, { orderId: order.id, stage: "request_received", subjectId: request!.id, fields: { request: asked, details }, at });
    return request!;
  });
}

/**
 * The payload as its kind's schema reads it (every path — rep, tracking page — is held to the same rules), a
 * delivery date not already past where the customer lives, and no second open request of the same kind: two
 * pending address changes could only be decided against each other.
 */
async function checkedPayload(tx: Db, order: Order, input: ReceiveRequestInput, at: Date): Promise<Record<string, unknown>> {
  const parsed = parseRequestPayload(input.kind, input.payload);
  if (!parsed.ok) throw new UserFacingError(parsed.message);
  if (input.kind === "change_delivery_date") {
    const [customer] = await tx.select({ timeZone: customers.timeZone }).from(customers).where(eq(customers.id, order.customerId));
    const problem = deliveryDateProblem((parsed.payload as RequestPayloads["change_delivery_date"]).deliveryDate, customer?.timeZone ?? "UTC", at);
    if (problem) throw new UserFacingError(problem);
  }
  const [open] = await tx
    .select({ createdAt: changeRequests.createdAt })
    .from(changeRequests)
    .where(and(eq(changeRequests.orderId, order.id), eq(changeRequests.kind, input.kind), eq(changeRequests.status, "open")))
    .limit(1);
  if (open) {
    throw new UserFacingError(`This order already has an open request to ${requestKindLabels[input.kind].toLowerCase()} (from ${formatDateTime(open.createdAt, "UTC")}); decide that one first.`);
  }
  return parsed.payload as Record<string, unknown>;
}

async function currentItems(tx: Db, orderId: string) {
  return tx
    .select({ sku: orderItems.sku, name: orderItems.name, quantity: orderItems.quantity, unitPriceCents: orderItems.unitPriceCents })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.sku));
}
