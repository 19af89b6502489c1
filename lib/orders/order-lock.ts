import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders, users, type Order } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { UserFacingError } from "@/lib/errors";

/** An edit made against an older version of the order: refused, never silently applied over someone's change. */
export class StaleOrderError extends UserFacingError {
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
    this.name = "StaleOrderError";
  }
}

export class OrderNotFoundError extends UserFacingError {
  constructor() {
    super("This order does not exist (or no longer exists).");
  }
}

/**
 * Locks the order row for this transaction and checks the version the edit was made against. Every order edit
 * starts here, so two people changing one order are serialised and the later one is told who got there first.
 */
export async function lockOrder(tx: Db, orderId: string, expectedVersion?: number): Promise<Order> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!order) throw new OrderNotFoundError();
  if (expectedVersion !== undefined && order.version !== expectedVersion) {
    const [last] = await tx
      .select({ at: orderEvents.createdAt, actorType: orderEvents.actorType, name: users.name })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.actorUserId))
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(desc(orderEvents.seq))
      .limit(1);
    const who = last?.name ?? (last ? last.actorType : "someone else");
    const when = last ? formatDateTime(last.at, "UTC") : "just now";
    throw new StaleOrderError(`This order was changed by ${who} at ${when}. Review the current state and try again.`, order.version);
  }
  return order;
}

/** Bumps the version: call once per edit, inside the transaction that locked the order. */
export function nextVersion() {
  return sql`${orders.version} + 1`;
}
