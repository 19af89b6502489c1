import { and, asc, eq, gt, gte, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, slaClocks, users, type Channel, type ClockKind, type OrderStatus } from "@/db/schema";
import { orderSearchCondition } from "@/lib/orders/order-search";
import type { ClockPlanner } from "@/lib/sla/clock-plan";
import { loadDisplayClockPlanner } from "@/lib/sla/clocks";
import { riskBandAt, type RiskBand } from "@/lib/sla/risk";
import { decodeCursor, encodeCursor, QUEUE_PAGE_SIZE, type QueueFilters } from "./queue-filters";

// The rep's queue: one row per order with an open clock, ranked by its most urgent clock (orders.next_*, kept by
// lib/sla/clocks.ts). Breached first, most overdue on top, then by due time — which is due time ascending — with
// the order id breaking ties so pages never overlap or skip. Keyset pagination on (next_due_at, id).

export type QueueRow = {
  orderId: string;
  number: string;
  version: number;
  status: OrderStatus;
  customerName: string;
  customerEmail: string | null;
  preferredChannel: Channel;
  assigneeId: string | null;
  assigneeName: string | null;
  clockKind: ClockKind;
  timeBase: "business" | "calendar";
  dueAt: string;
  band: RiskBand;
  /** Counted time left until due (negative when overdue), in the clock's own business or calendar time. */
  secondsLeft: number;
};

export type QueuePage = { rows: QueueRow[]; nextCursor: string | null; generatedAt: string };

/** The WHERE clause of a band at `now`; the same boundaries as riskBandAt. */
export function bandCondition(band: RiskBand, now: Date): SQL {
  switch (band) {
    case "breached":
      return lt(orders.nextDueAt, now);
    case "critical":
      return and(gte(orders.nextDueAt, now), lte(orders.nextCriticalAt, now))!;
    case "at_risk":
      return and(gt(orders.nextCriticalAt, now), lte(orders.nextAtRiskAt, now))!;
    case "on_track":
      return gt(orders.nextAtRiskAt, now);
  }
}

export function queueWhere(filters: QueueFilters, userId: string, now: Date): SQL {
  const conditions: (SQL | undefined)[] = [isNotNull(orders.nextDueAt)];
  if (filters.band) conditions.push(bandCondition(filters.band, now));
  if (filters.kind) conditions.push(eq(orders.nextClockKind, filters.kind));
  if (filters.status) conditions.push(eq(orders.status, filters.status));
  if (filters.assignee === "mine") conditions.push(eq(orders.assigneeId, userId));
  if (filters.assignee === "unassigned") conditions.push(isNull(orders.assigneeId));
  if (filters.q) conditions.push(orderSearchCondition(filters.q));
  if (filters.after) {
    const { dueAt, orderId } = decodeCursor(filters.after);
    conditions.push(sql`(${orders.nextDueAt}, ${orders.id}) > (${dueAt.toISOString()}::timestamptz, ${orderId}::uuid)`);
  }
  return and(...conditions)!;
}

/**
 * The queue's one SELECT (exported so the benchmark can EXPLAIN and time exactly what the app runs). It picks the
 * page's order ids first, in queue order, from orders alone (customers only when searching), then joins the page's
 * rows: the planner then walks a queue index and stops after one page instead of joining and sorting every match.
 */
export function buildQueueQuery(db: Db, filters: QueueFilters, userId: string, now: Date, limit: number) {
  const pick = db.select({ id: orders.id, dueAt: orders.nextDueAt }).from(orders);
  const page = (filters.q ? pick.innerJoin(customers, eq(customers.id, orders.customerId)) : pick)
    .where(queueWhere(filters, userId, now))
    .orderBy(asc(orders.nextDueAt), asc(orders.id))
    .limit(limit)
    .as("page");
  return db
    .select({
      orderId: orders.id,
      number: orders.number,
      version: orders.version,
      status: orders.status,
      customerName: customers.name,
      customerEmail: customers.email,
      preferredChannel: customers.preferredChannel,
      assigneeId: orders.assigneeId,
      assigneeName: users.name,
      clockKind: slaClocks.kind,
      timeBase: slaClocks.timeBase,
      dueAt: orders.nextDueAt,
      criticalAt: orders.nextCriticalAt,
      atRiskAt: orders.nextAtRiskAt,
    })
    .from(page)
    .innerJoin(orders, eq(orders.id, page.id))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(slaClocks, eq(slaClocks.id, orders.nextClockId))
    .leftJoin(users, eq(users.id, orders.assigneeId))
    .orderBy(asc(page.dueAt), asc(page.id));
}

export async function listQueue(
  db: Db,
  input: { filters: QueueFilters; userId: string; now?: Date; limit?: number; planner?: ClockPlanner },
): Promise<QueuePage> {
  const now = input.now ?? new Date();
  const limit = input.limit ?? QUEUE_PAGE_SIZE;
  // One row more than the page tells whether there is a next page.
  const [planner, rows] = await Promise.all([input.planner ?? loadDisplayClockPlanner(db), buildQueueQuery(db, input.filters, input.userId, now, limit + 1)]);
  const page = rows.slice(0, limit).map(({ criticalAt, atRiskAt, dueAt, ...row }): QueueRow => {
    const due = dueAt!;
    return {
      ...row,
      dueAt: due.toISOString(),
      band: riskBandAt({ dueAt: due, criticalAt: criticalAt!, atRiskAt: atRiskAt! }, now),
      secondsLeft: Math.round(planner.basisFor(row.timeBase).between(now, due) / 1000),
    };
  });
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor(new Date(last.dueAt), last.orderId) : null,
    generatedAt: now.toISOString(),
  };
}

export type QueueCounts = Record<RiskBand, number> & { breachingWithinHour: number };

/** The queue header: orders per band, and how many breach in the next hour. */
export async function queueCounts(db: Db, now: Date = new Date()): Promise<QueueCounts> {
  const iso = now.toISOString();
  const [row] = await db
    .select({
      breached: sql<number>`count(*) filter (where ${orders.nextDueAt} < ${iso}::timestamptz)`.mapWith(Number),
      critical: sql<number>`count(*) filter (where ${orders.nextDueAt} >= ${iso}::timestamptz and ${orders.nextCriticalAt} <= ${iso}::timestamptz)`.mapWith(Number),
      at_risk: sql<number>`count(*) filter (where ${orders.nextCriticalAt} > ${iso}::timestamptz and ${orders.nextAtRiskAt} <= ${iso}::timestamptz)`.mapWith(Number),
      on_track: sql<number>`count(*) filter (where ${orders.nextAtRiskAt} > ${iso}::timestamptz)`.mapWith(Number),
      breachingWithinHour: sql<number>`count(*) filter (where ${orders.nextDueAt} >= ${iso}::timestamptz and ${orders.nextDueAt} < ${iso}::timestamptz + interval '1 hour')`.mapWith(Number),
    })
    .from(orders)
    .where(isNotNull(orders.nextDueAt));
  return row ?? { breached: 0, critical: 0, at_risk: 0, on_track: 0, breachingWithinHour: 0 };
}
