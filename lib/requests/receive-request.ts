import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { changeRequests, orderEvents, orders, type ChangeRequest, type OrderStatus, type RequestKind } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { notifyMilestone } from "@/lib/notifications/milestones";
import { applyClockEvent } from "@/lib/sla/clocks";

// Whether the order can still honour a request, and what to offer instead when it cannot (design.md "Requests").
const beforeShipping: readonly OrderStatus[] = ["received", "confirmed", "processing", "on_hold"];

export function requestRefusal(status: OrderStatus, kind: RequestKind): string | null {
  if (status === "cancelled") return "The order is already cancelled.";
  if (status === "closed") return "The order is closed — a return or a new order can be arranged.";
  if (kind === "change_delivery_date") return status === "delivered" ? "Already delivered." : null;
  if (beforeShipping.includes(status)) return null;
  return kind === "cancel" ? "Already shipped — a return can be arranged once it arrives." : "Already shipped — the carrier may offer a redirect, or a return can be arranged.";
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
    const [request] = await tx
      .insert(changeRequests)
      .values({
        orderId: order.id,
        kind: input.kind,
        payload: input.payload,
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
    await notifyMilestone(tx, { orderId: order.id, stage: "request_received", subjectId: request!.id, fields: { request: asked }, at });
    return request!;
  });
}
