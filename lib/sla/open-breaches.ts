import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slaClocks } from "@/db/schema";

// Open breaches have two units, and screens used to show one as if it were the other: the supervisor's overview (and
// the KPI page) count clocks, the queue counts orders, and one order can have several clocks past due. Every screen
// that shows the figure reads both from here, so each can name its unit and point to the other.

export type OpenBreaches = {
  /** Clocks open right now whose due time has passed (the KPI page's "open breached clocks now"). */
  clocks: number;
  /** Orders with at least one of them: the queue's "Breached" band (its head clock is the most overdue). */
  orders: number;
  /** Breached clocks about no order (an inquiry from someone with no order here): in no queue row. */
  withoutOrder: number;
};

export async function countOpenBreaches(db: Db, now: Date = new Date()): Promise<OpenBreaches> {
  const [row] = await db
    .select({
      clocks: sql<number>`count(*)`.mapWith(Number),
      orders: sql<number>`count(distinct ${slaClocks.orderId})`.mapWith(Number),
      withoutOrder: sql<number>`count(*) filter (where ${slaClocks.orderId} is null)`.mapWith(Number),
    })
    .from(slaClocks)
    .where(and(eq(slaClocks.state, "open"), lt(slaClocks.dueAt, now)));
  return row ?? { clocks: 0, orders: 0, withoutOrder: 0 };
}

/** "22 breached clocks", "1 breached clock". */
export function breachedClocksWords(n: number): string {
  return `${n.toLocaleString("en-US")} breached ${n === 1 ? "clock" : "clocks"}`;
}

/** "19 orders", "1 order". */
export function ordersWords(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "order" : "orders"}`;
}
