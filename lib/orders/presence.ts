import { and, asc, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, orderViewers, users, type Role } from "@/db/schema";
import { PRESENCE_WINDOW_MS } from "./presence-timing";

// "Who else is looking at this order": each open order page beats every PRESENCE_BEAT_MS; a viewer counts as
// present while their last beat is younger than PRESENCE_WINDOW_MS.
// Rows older than this are history nobody reads; each beat sweeps them (one index range on last_seen_at).
const PRESENCE_KEEP_MS = 60 * 60_000;

export type OrderViewer = { userId: string; name: string; role: Role; lastSeenAt: Date };

/** Records that the user has the order open now and returns who else has it open; null when there is no such order. */
export async function beatOrderView(db: Db, input: { orderId: string; userId: string; now?: Date }): Promise<OrderViewer[] | null> {
  const now = input.now ?? new Date();
  const [order] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, input.orderId));
  if (!order) return null;
  await db
    .insert(orderViewers)
    .values({ orderId: input.orderId, userId: input.userId, lastSeenAt: now })
    .onConflictDoUpdate({ target: [orderViewers.orderId, orderViewers.userId], set: { lastSeenAt: sql`excluded.last_seen_at` } });
  await db.delete(orderViewers).where(lt(orderViewers.lastSeenAt, new Date(now.getTime() - PRESENCE_KEEP_MS)));
  return otherViewers(db, input.orderId, input.userId, now);
}

/** The user closed the page: drop them at once instead of waiting for the window to pass. */
export async function leaveOrderView(db: Db, input: { orderId: string; userId: string }): Promise<void> {
  await db.delete(orderViewers).where(and(eq(orderViewers.orderId, input.orderId), eq(orderViewers.userId, input.userId)));
}

export async function otherViewers(db: Db, orderId: string, userId: string, now: Date = new Date()): Promise<OrderViewer[]> {
  return db
    .select({ userId: users.id, name: users.name, role: users.role, lastSeenAt: orderViewers.lastSeenAt })
    .from(orderViewers)
    .innerJoin(users, eq(users.id, orderViewers.userId))
    .where(
      and(
        eq(orderViewers.orderId, orderId),
        ne(orderViewers.userId, userId),
        gt(orderViewers.lastSeenAt, new Date(now.getTime() - PRESENCE_WINDOW_MS)),
      ),
    )
    .orderBy(asc(users.name));
}
