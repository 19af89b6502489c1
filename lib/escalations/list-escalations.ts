import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { changeRequests, escalations, inquiries, orders, slaClocks, users, type Escalation, type RequestKind, type SlaClock } from "@/db/schema";
import { riskBandAt, type RiskBand } from "@/lib/sla/risk";
import type { EscalationQueueFilters } from "./escalation-schemas";

// The supervisors' escalation queue (oldest breach first) and an order's escalations. Open escalations lead, by their
// escalation_response clock's due time, so the most overdue unanswered one is on top; acknowledged ones (answered,
// still to be resolved) follow in the same order; resolved ones have their own view, newest first.

export const ESCALATION_QUEUE_LIMIT = 100;

const raisers = alias(users, "raisers");
const assignees = alias(users, "assignees");

export type EscalationRow = {
  id: string;
  reason: string;
  severity: Escalation["severity"];
  status: Escalation["status"];
  automatic: boolean;
  createdAt: Date;
  resolvedAt: Date | null;
  outcome: string | null;
  raisedByName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  subject: { orderNumber: string | null; requestKind: RequestKind | null; inquiryId: string | null; inquiryText: string | null };
  /** The escalation_response clock: its band while it runs, whether it was met late once answered. */
  clock: { state: SlaClock["state"]; dueAt: Date; band: RiskBand | null; breached: boolean } | null;
};

/** `orderBy` gets the response clock's due time, to rank by it. */
async function selectEscalations(db: Db, where: SQL | undefined, orderBy: (responseDueAt: SQL) => SQL[], limit: number, now: Date): Promise<EscalationRow[]> {
  const response = db
    .select({ state: slaClocks.state, dueAt: slaClocks.dueAt, criticalAt: slaClocks.criticalAt, atRiskAt: slaClocks.atRiskAt, breached: slaClocks.breached })
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectId, escalations.id), eq(slaClocks.kind, "escalation_response")))
    .orderBy(desc(slaClocks.startedAt))
    .limit(1)
    .as("response");
  const rows = await db
    .select({
      escalation: escalations,
      orderNumber: orders.number,
      requestKind: changeRequests.kind,
      inquiryText: inquiries.body,
      raisedByName: raisers.name,
      assigneeName: assignees.name,
      clockState: response.state,
      dueAt: response.dueAt,
      criticalAt: response.criticalAt,
      atRiskAt: response.atRiskAt,
      breached: response.breached,
    })
    .from(escalations)
    .leftJoin(orders, eq(orders.id, escalations.orderId))
    .leftJoin(changeRequests, eq(changeRequests.id, escalations.requestId))
    .leftJoin(inquiries, eq(inquiries.id, escalations.inquiryId))
    .leftJoin(raisers, eq(raisers.id, escalations.raisedBy))
    .leftJoin(assignees, eq(assignees.id, escalations.assigneeId))
    .leftJoinLateral(response, sql`true`)
    .where(where)
    .orderBy(...orderBy(sql`${response.dueAt}`))
    .limit(limit);
  return rows.map(({ escalation: e, orderNumber, requestKind, inquiryText, raisedByName, assigneeName, clockState, dueAt, criticalAt, atRiskAt, breached }) => ({
    id: e.id,
    reason: e.reason,
    severity: e.severity,
    status: e.status,
    automatic: e.automatic,
    createdAt: e.createdAt,
    resolvedAt: e.resolvedAt,
    outcome: e.outcome,
    raisedByName,
    assigneeId: e.assigneeId,
    assigneeName,
    subject: { orderNumber, requestKind, inquiryId: e.inquiryId, inquiryText },
    clock:
      clockState && dueAt && criticalAt && atRiskAt
        ? { state: clockState, dueAt, band: clockState === "open" ? riskBandAt({ dueAt, criticalAt, atRiskAt }, now) : null, breached: breached ?? false }
        : null,
  }));
}

export async function listEscalationQueue(
  db: Db,
  input: { filters: EscalationQueueFilters; viewerId: string; now?: Date; limit?: number },
): Promise<{ rows: EscalationRow[]; more: boolean }> {
  const { filters } = input;
  const limit = input.limit ?? ESCALATION_QUEUE_LIMIT;
  const resolved = filters.status === "resolved";
  const where = and(
    filters.status === "active" ? inArray(escalations.status, ["open", "acknowledged"]) : eq(escalations.status, filters.status),
    filters.severity ? eq(escalations.severity, filters.severity) : undefined,
    filters.mine ? eq(escalations.assigneeId, input.viewerId) : undefined,
  );
  const orderBy = (responseDueAt: SQL) =>
    resolved
      ? [sql`${escalations.resolvedAt} desc nulls last`, desc(escalations.createdAt), asc(escalations.id)]
      : [sql`case when ${escalations.status} = 'open' then 0 else 1 end`, sql`${responseDueAt} asc nulls last`, asc(escalations.createdAt), asc(escalations.id)];
  const rows = await selectEscalations(db, where, orderBy, limit + 1, input.now ?? new Date());
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** Every escalation of one order (the order page's card), newest first. */
export async function listOrderEscalations(db: Db, orderId: string, now: Date = new Date()): Promise<EscalationRow[]> {
  return selectEscalations(db, eq(escalations.orderId, orderId), () => [desc(escalations.createdAt), asc(escalations.id)], 200, now);
}
