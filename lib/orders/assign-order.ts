import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders, users } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";

// Assignment says who is working an order; it is not an edit of the order's facts, so it does not bump the version
// (a rep's pending status change stays valid when a colleague takes the order). Two reps clicking "assign to me"
// at once: the conditional update lets exactly one win, and the other is told who.

export async function assignOrderToUser(db: Db, input: { orderId: string; userId: string; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(orders)
      .set({ assigneeId: input.userId })
      .where(and(eq(orders.id, input.orderId), or(isNull(orders.assigneeId), eq(orders.assigneeId, input.userId))))
      .returning({ id: orders.id });
    if (!updated) {
      const [current] = await tx
        .select({ name: users.name })
        .from(orders)
        .leftJoin(users, eq(users.id, orders.assigneeId))
        .where(eq(orders.id, input.orderId));
      if (!current) throw new UserFacingError("This order does not exist.");
      throw new UserFacingError(`Already assigned to ${current.name ?? "someone else"}. Ask them or a supervisor to release it.`);
    }
    await tx.insert(orderEvents).values({ orderId: input.orderId, type: "assigned", actorType: "user", actorUserId: input.userId, createdAt: at });
  });
}

/** Releases an order: its assignee may, and so may a supervisor. */
export async function releaseOrder(db: Db, input: { orderId: string; userId: string; isSupervisor: boolean; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  await db.transaction(async (tx) => {
    const [order] = await tx.select({ assigneeId: orders.assigneeId }).from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!order) throw new UserFacingError("This order does not exist.");
    if (!order.assigneeId) return;
    if (order.assigneeId !== input.userId && !input.isSupervisor) throw new UserFacingError("Only the assignee or a supervisor can release this order.");
    await tx.update(orders).set({ assigneeId: null }).where(eq(orders.id, input.orderId));
    await tx.insert(orderEvents).values({ orderId: input.orderId, type: "released_assignment", actorType: "user", actorUserId: input.userId, createdAt: at });
  });
}
