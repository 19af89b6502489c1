import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { feedback, orderEvents, type Feedback, type OrderStatus } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { lockOrder } from "@/lib/orders/order-lock";
import { feedbackSchema } from "./feedback-schema";

/** A delivery can be rated once it has arrived (and still after the order is closed). */
export const canRateStatus = (status: OrderStatus) => status === "delivered" || status === "closed";

export type RecordFeedbackInput = { orderId: string; rating: number; comment?: string | null; actor: Actor; at?: Date };

/**
 * The customer rates the delivery (SOP 004 §7): one rating per order, a later one replaces it. The rating and its
 * order event commit together. Rating changes no fact of the order, so its version stays (like assignment).
 */
export async function recordFeedback(db: Db, input: RecordFeedbackInput): Promise<Feedback & { replaced: boolean }> {
  const parsed = feedbackSchema.safeParse({ rating: input.rating, comment: input.comment });
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Choose a rating from 1 to 5.");
  const { rating, comment } = parsed.data;
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    // The row lock orders a rating after a concurrent status change (and two ratings one after the other).
    const order = await lockOrder(tx, input.orderId);
    if (!canRateStatus(order.status)) throw new UserFacingError("You can rate the delivery once it has arrived.");
    const [earlier] = await tx.select({ id: feedback.id }).from(feedback).where(eq(feedback.orderId, order.id));
    const [row] = await tx
      .insert(feedback)
      .values({ orderId: order.id, rating, comment, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: feedback.orderId, set: { rating, comment, updatedAt: at } })
      .returning();
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "feedback_received",
      data: { rating, comment, replaced: Boolean(earlier) },
      createdAt: at,
      ...actorColumns(input.actor),
    });
    return { ...row!, replaced: Boolean(earlier) };
  });
}
