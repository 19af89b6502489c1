import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, slaClocks, users } from "@/db/schema";

export type OpenClockRow = {
  clockId: string;
  kind: (typeof slaClocks.$inferSelect)["kind"];
  dueAt: Date;
  orderNumber: string;
  orderStatus: (typeof orders.$inferSelect)["status"];
  customerName: string;
  preferredChannel: (typeof customers.$inferSelect)["preferredChannel"];
  assigneeName: string | null;
};

/** Open clocks that belong to an order, most urgent (earliest due) first. */
export async function listOpenClocks(db: Db, limit = 50): Promise<OpenClockRow[]> {
  return db
    .select({
      clockId: slaClocks.id,
      kind: slaClocks.kind,
      dueAt: slaClocks.dueAt,
      orderNumber: orders.number,
      orderStatus: orders.status,
      customerName: customers.name,
      preferredChannel: customers.preferredChannel,
      assigneeName: users.name,
    })
    .from(slaClocks)
    .innerJoin(orders, eq(orders.id, slaClocks.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(users, eq(users.id, orders.assigneeId))
    .where(inArray(slaClocks.state, ["open"]))
    .orderBy(asc(slaClocks.dueAt), asc(slaClocks.id))
    .limit(limit);
}
