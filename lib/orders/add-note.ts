import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";

/** An internal note on the order's timeline (never shown to the customer). Notes do not change the order's version. */
export async function addOrderNote(db: Db, input: { orderId: string; body: string; userId: string; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  const [order] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, input.orderId));
  if (!order) throw new UserFacingError("This order does not exist.");
  await db.insert(orderEvents).values({ orderId: order.id, type: "note", reason: input.body, actorType: "user", actorUserId: input.userId, createdAt: at });
}
