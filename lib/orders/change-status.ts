import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orderEvents, orders, type HoldReason, type Order, type OrderStatus } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";
import type { ClockEvent } from "@/lib/sla/clock-rules";
import { milestoneOfStatus, notifyMilestone } from "@/lib/notifications/milestones";
import { applyClockEvent } from "@/lib/sla/clocks";
import { closeOpenExceptions } from "./exceptions";
import { transitionRefusal } from "./lifecycle";
import { lockOrder, nextVersion } from "./order-lock";

export type ChangeStatusInput = {
  orderId: string;
  to: OrderStatus;
  actor: Actor;
  /** The version the person saw; omitted only by system paths that act on the latest state (carrier events). */
  expectedVersion?: number;
  reason?: string | null;
  holdReason?: HoldReason | null;
  /** At confirmation: the delivery date promised to the customer (YYYY-MM-DD). */
  promisedDeliveryDate?: string | null;
  /** false: a step a carrier scan skipped through on its way further; its notice is owed no more (default true). */
  milestoneNotice?: boolean;
  at?: Date;
};

// Which clock event each arrival status causes (lib/sla/clock-rules.ts decides the clocks).
function clockEventFor(order: Order, to: OrderStatus, promisedDate: string | null, customerTimeZone: string): ClockEvent | null {
  if (order.status === "on_hold" && to !== "cancelled") return { type: "order_released" };
  switch (to) {
    case "confirmed":
      return { type: "order_confirmed", promisedDate, customerTimeZone };
    case "shipped":
      return { type: "order_shipped" };
    case "out_for_delivery":
      return { type: "order_out_for_delivery" };
    case "delivered":
      return { type: "order_delivered" };
    case "cancelled":
      return { type: "order_cancelled" };
    case "on_hold":
      return { type: "order_held" };
    default:
      return null;
  }
}

/** Moves an order along its lifecycle: status, timestamps, the event row and its clocks, in one transaction. */
export async function changeOrderStatus(db: Db, input: ChangeStatusInput): Promise<Order> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    const refusal = transitionRefusal(order, input.to);
    if (refusal) throw new UserFacingError(refusal);
    if (input.to === "on_hold" && !input.holdReason) throw new UserFacingError("Say why the order is on hold (payment, stock, address or other).");
    if (input.to === "cancelled" && !input.reason?.trim()) throw new UserFacingError("Give a reason for the cancellation.");
    // lib/orders/ship-order.ts sets the tracking (or the reason there is none) first: the one way to ship.
    if (input.to === "shipped" && !order.trackingNumber && !order.untrackedReason) {
      throw new UserFacingError("An order ships with its carrier and tracking number, or with the reason it has none: use Ship….");
    }

    const promised = input.to === "confirmed" ? (input.promisedDeliveryDate ?? order.promisedDeliveryDate) : order.promisedDeliveryDate;
    const patch: Partial<typeof orders.$inferInsert> = { status: input.to, promisedDeliveryDate: promised };
    if (input.to === "confirmed") patch.confirmedAt = at;
    if (input.to === "shipped") patch.shippedAt = at;
    if (input.to === "delivered") patch.deliveredAt = at;
    if (input.to === "closed") patch.closedAt = at;
    if (input.to === "cancelled") Object.assign(patch, { cancelledAt: at, cancelReason: input.reason, holdReason: null, statusBeforeHold: null });
    if (input.to === "on_hold") Object.assign(patch, { holdReason: input.holdReason, statusBeforeHold: order.status });
    if (order.status === "on_hold" && input.to !== "cancelled") Object.assign(patch, { holdReason: null, statusBeforeHold: null });

    const [updated] = await tx
      .update(orders)
      .set({ ...patch, version: nextVersion() })
      .where(eq(orders.id, order.id))
      .returning();
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: order.status === "on_hold" && input.to !== "cancelled" ? "released" : "status_changed",
      fromStatus: order.status,
      toStatus: input.to,
      reason: input.reason ?? (input.holdReason ? `On hold: ${input.holdReason}` : null),
      createdAt: at,
      ...actorColumns(input.actor),
    });
    await writeAudit(tx, {
      actor: input.actor,
      action: "order.status_changed",
      entityType: "order",
      entityId: order.id,
      before: { status: order.status, holdReason: order.holdReason },
      after: { status: input.to, holdReason: updated!.holdReason, reason: input.reason ?? null },
      at,
    });

    // A delivered or cancelled order is delayed no more: its open exceptions close with it, and their clocks with them.
    if (input.to === "delivered" || input.to === "cancelled") await closeOpenExceptions(tx, { orderId: order.id, by: input.to, actor: input.actor, at });

    const [customer] = await tx.select({ timeZone: customers.timeZone }).from(customers).where(eq(customers.id, order.customerId));
    const event = clockEventFor(order, input.to, promised ?? null, customer?.timeZone ?? "UTC");
    if (event) await applyClockEvent(tx, { orderId: order.id, event, at });
    // A release from hold returns to an earlier stage whose notice was already sent (or is still owed by its clock).
    const stage = order.status === "on_hold" || input.milestoneNotice === false ? null : milestoneOfStatus(input.to);
    if (stage) await notifyMilestone(tx, { orderId: order.id, stage, at });
    return updated!;
  });
}
