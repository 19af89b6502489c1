import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, type OrderStatus } from "@/db/schema";

// The fulfillment board's columns: what to pick, pack, ship, and what is on its way.
export const boardColumns = [
  { id: "pick", title: "To pick", statuses: ["confirmed"] },
  { id: "pack", title: "To pack and ship", statuses: ["processing"] },
  { id: "shipped", title: "Shipped", statuses: ["shipped"] },
  { id: "transit", title: "In transit", statuses: ["in_transit", "out_for_delivery"] },
] as const satisfies readonly { id: string; title: string; statuses: readonly OrderStatus[] }[];

export type BoardCard = { id: string; number: string; version: number; status: OrderStatus; placedAt: Date; customerName: string; promisedDeliveryDate: string | null };

/** Per column: how many orders, and the oldest few (oldest first: they have waited longest). */
export async function getFulfillmentBoard(db: Db, perColumn = 15) {
  return Promise.all(
    boardColumns.map(async (column) => {
      const where = inArray(orders.status, [...column.statuses]);
      const [[totals], cards] = await Promise.all([
        db.select({ total: count() }).from(orders).where(where),
        db
          .select({
            id: orders.id,
            number: orders.number,
            version: orders.version,
            status: orders.status,
            placedAt: orders.placedAt,
            customerName: customers.name,
            promisedDeliveryDate: orders.promisedDeliveryDate,
          })
          .from(orders)
          .innerJoin(customers, eq(customers.id, orders.customerId))
          .where(where)
          .orderBy(asc(orders.placedAt))
          .limit(perColumn),
      ]);
      return { ...column, total: totals?.total ?? 0, cards: cards as BoardCard[] };
    }),
  );
}
