import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { changeRequests, customers, orders, slaClocks, users, type ChangeRequest, type ClockKind } from "@/db/schema";
import { riskBandAt, type RiskBand } from "@/lib/sla/risk";
import type { RequestListFilters } from "./request-schemas";

// The requests inbox: open requests by the most urgent of their own clocks (request_ack, request_outcome), so the
// oldest breach is on top — the queue's order, for requests alone. Decided ones, newest decision first.

export const REQUEST_LIST_LIMIT = 100;

export type RequestListRow = {
  id: string;
  kind: ChangeRequest["kind"];
  status: ChangeRequest["status"];
  source: ChangeRequest["source"];
  payload: Record<string, unknown>;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByName: string | null;
  orderNumber: string;
  customerName: string;
  /** The request's most urgent open clock, with its band now; null when none is running. */
  clock: { kind: ClockKind; dueAt: Date; band: RiskBand } | null;
};

export async function listRequests(db: Db, input: { filters: RequestListFilters; now?: Date; limit?: number }): Promise<{ rows: RequestListRow[]; more: boolean }> {
  const now = input.now ?? new Date();
  const limit = input.limit ?? REQUEST_LIST_LIMIT;
  const { filters } = input;
  const head = db
    .select({ kind: slaClocks.kind, dueAt: slaClocks.dueAt, criticalAt: slaClocks.criticalAt, atRiskAt: slaClocks.atRiskAt })
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectId, changeRequests.id), inArray(slaClocks.kind, ["request_ack", "request_outcome"]), inArray(slaClocks.state, ["open", "paused"])))
    .orderBy(asc(slaClocks.dueAt))
    .limit(1)
    .as("head");
  const open = filters.status === "open";
  const rows = await db
    .select({
      request: changeRequests,
      orderNumber: orders.number,
      customerName: customers.name,
      decidedByName: users.name,
      clockKind: head.kind,
      dueAt: head.dueAt,
      criticalAt: head.criticalAt,
      atRiskAt: head.atRiskAt,
    })
    .from(changeRequests)
    .innerJoin(orders, eq(orders.id, changeRequests.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoinLateral(head, sql`true`)
    .leftJoin(users, eq(users.id, changeRequests.decidedBy))
    .where(and(open ? eq(changeRequests.status, "open") : ne(changeRequests.status, "open"), filters.kind ? eq(changeRequests.kind, filters.kind) : undefined))
    .orderBy(
      ...(open
        ? [sql`${head.dueAt} asc nulls last`, asc(changeRequests.createdAt), asc(changeRequests.id)]
        : [sql`${changeRequests.decidedAt} desc nulls last`, desc(changeRequests.createdAt), asc(changeRequests.id)]),
    )
    .limit(limit + 1);
  return {
    more: rows.length > limit,
    rows: rows.slice(0, limit).map(({ request, orderNumber, customerName, decidedByName, clockKind, dueAt, criticalAt, atRiskAt }) => ({
      id: request.id,
      kind: request.kind,
      status: request.status,
      source: request.source,
      payload: request.payload,
      createdAt: request.createdAt,
      decidedAt: request.decidedAt,
      decidedByName,
      orderNumber,
      customerName,
      clock: clockKind && dueAt && criticalAt && atRiskAt ? { kind: clockKind, dueAt, band: riskBandAt({ dueAt, criticalAt, atRiskAt }, now) } : null,
    })),
  };
}
