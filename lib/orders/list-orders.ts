import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders } from "@/db/schema";
import { ORDER_PAGE_SIZE, type OrderFilters } from "./order-filters";
import { orderSearchCondition } from "./order-search";

export type OrderListRow = {
  id: string;
  number: string;
  status: (typeof orders.$inferSelect)["status"];
  placedAt: Date;
  totalCents: number;
  currency: string;
  promisedDeliveryDate: string | null;
  customerName: string;
  customerEmail: string | null;
  preferredChannel: (typeof customers.$inferSelect)["preferredChannel"];
};

export type OrderListPage = { rows: OrderListRow[]; total: number; page: number; pageCount: number; pageSize: number };

function whereOf(filters: OrderFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.status) conditions.push(eq(orders.status, filters.status));
  if (filters.channel) conditions.push(eq(customers.preferredChannel, filters.channel));
  if (filters.from) conditions.push(gte(orders.placedAt, new Date(`${filters.from}T00:00:00Z`)));
  // "to" is inclusive of its whole day.
  if (filters.to) conditions.push(lt(orders.placedAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)));
  if (filters.q) conditions.push(orderSearchCondition(filters.q));
  return and(...conditions);
}

/** A page of orders, newest first, with the filters of the order list. */
export async function listOrders(db: Db, filters: OrderFilters): Promise<OrderListPage> {
  const where = whereOf(filters);
  const [totals] = await db
    .select({ total: count() })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(where);
  const total = totals?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ORDER_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      placedAt: orders.placedAt,
      totalCents: orders.totalCents,
      currency: orders.currency,
      promisedDeliveryDate: orders.promisedDeliveryDate,
      customerName: customers.name,
      customerEmail: customers.email,
      preferredChannel: customers.preferredChannel,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(where)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(ORDER_PAGE_SIZE)
    .offset((page - 1) * ORDER_PAGE_SIZE);
  return { rows, total, page, pageCount, pageSize: ORDER_PAGE_SIZE };
}
