import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orderExceptions, orders, type ExceptionKind, type OrderException } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { notifyMilestone } from "@/lib/notifications/milestones";
import { applyClockEvent } from "@/lib/sla/clocks";
import { lockOrder, nextVersion } from "./order-lock";

export type OpenExceptionInput = {
  orderId: string;
  kind: ExceptionKind;
  explanation: string;
  revisedEta?: string | null;
  actor: Actor;
  expectedVersion?: number;
  at?: Date;
};

/** A delay or problem beside the status: the record, the revised date on the order, the event, the delay-notice clock. */
export async function openException(db: Db, input: OpenExceptionInput): Promise<OrderException> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    if (order.status === "cancelled" || order.status === "closed") throw new UserFacingError(`The order is ${order.status}; no delay can be flagged.`);
    const [exception] = await tx
      .insert(orderExceptions)
      .values({
        orderId: order.id,
        kind: input.kind,
        explanation: input.explanation,
        revisedEta: input.revisedEta ?? null,
        openedAt: at,
        openedBy: input.actor.type === "user" ? input.actor.userId : null,
      })
      .returning();
    await tx
      .update(orders)
      .set({ revisedDeliveryDate: input.revisedEta ?? order.revisedDeliveryDate, version: nextVersion() })
      .where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "exception_opened",
      reason: input.explanation,
      data: { kind: input.kind, revisedEta: input.revisedEta ?? null, exceptionId: exception!.id },
      createdAt: at,
      ...actorColumns(input.actor),
    });
    await applyClockEvent(tx, { orderId: order.id, event: { type: "exception_opened", exceptionId: exception!.id }, at });
    await notifyMilestone(tx, { orderId: order.id, stage: "delay", subjectId: exception!.id, at });
    return exception!;
  });
}

const closedBy = { delivered: "Resolved by the delivery.", cancelled: "Closed: the order was cancelled." } as const;

/**
 * Resolves every open exception of an order that was just delivered or cancelled, in the caller's transaction (the
 * status change's): the delay is over, so its notice is owed no more and the resolution time counts to now.
 */
export async function closeOpenExceptions(tx: Db, input: { orderId: string; by: keyof typeof closedBy; actor: Actor; at: Date }): Promise<number> {
  const closed = await tx
    .update(orderExceptions)
    .set({ resolvedAt: input.at, resolution: closedBy[input.by], resolvedBy: input.actor.type === "user" ? input.actor.userId : null })
    .where(and(eq(orderExceptions.orderId, input.orderId), isNull(orderExceptions.resolvedAt)))
    .returning({ id: orderExceptions.id });
  for (const { id } of closed) {
    await tx.insert(orderEvents).values({
      orderId: input.orderId,
      type: "exception_resolved",
      reason: closedBy[input.by],
      data: { exceptionId: id, resolvedBy: input.by },
      createdAt: input.at,
      ...actorColumns(input.actor),
    });
    await applyClockEvent(tx, { orderId: input.orderId, event: { type: "exception_resolved", exceptionId: id }, at: input.at });
  }
  return closed.length;
}

export async function resolveException(
  db: Db,
  input: { exceptionId: string; resolution: string; actor: Actor; expectedVersion?: number; at?: Date },
): Promise<OrderException> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(orderExceptions).where(eq(orderExceptions.id, input.exceptionId));
    if (!found) throw new UserFacingError("This exception does not exist.");
    const order = await lockOrder(tx, found.orderId, input.expectedVersion);
    const [resolved] = await tx
      .update(orderExceptions)
      .set({ resolvedAt: at, resolution: input.resolution, resolvedBy: input.actor.type === "user" ? input.actor.userId : null })
      .where(and(eq(orderExceptions.id, found.id), isNull(orderExceptions.resolvedAt)))
      .returning();
    if (!resolved) throw new UserFacingError("This exception was already resolved.");
    await tx.update(orders).set({ version: nextVersion() }).where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "exception_resolved",
      reason: input.resolution,
      data: { exceptionId: found.id },
      createdAt: at,
      ...actorColumns(input.actor),
    });
    await applyClockEvent(tx, { orderId: order.id, event: { type: "exception_resolved", exceptionId: found.id }, at });
    return resolved;
  });
}
