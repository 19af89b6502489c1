import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, changeRequests, escalationComments, escalations, inquiries, orders, slaClocks, users } from "@/db/schema";
import { riskBandAt, type RiskBand } from "@/lib/sla/risk";

const raisers = alias(users, "raisers");
const assignees = alias(users, "assignees");
const acknowledgers = alias(users, "acknowledgers");
const resolvers = alias(users, "resolvers");

export type EscalationHistoryEntry = { key: string; at: Date; title: string; detail: string | null; actor: string };

/** One escalation as its page shows it: what it is about, the note, the comment thread and its history. */
export async function getEscalationDetail(db: Db, escalationId: string, now: Date = new Date()) {
  if (!z.uuid().safeParse(escalationId).success) return null;
  const [row] = await db
    .select({
      escalation: escalations,
      order: { id: orders.id, number: orders.number, status: orders.status },
      request: { id: changeRequests.id, kind: changeRequests.kind, status: changeRequests.status },
      inquiry: { id: inquiries.id, body: inquiries.body, status: inquiries.status },
      raisedByName: raisers.name,
      assigneeName: assignees.name,
      acknowledgedByName: acknowledgers.name,
      resolvedByName: resolvers.name,
    })
    .from(escalations)
    .leftJoin(orders, eq(orders.id, escalations.orderId))
    .leftJoin(changeRequests, eq(changeRequests.id, escalations.requestId))
    .leftJoin(inquiries, eq(inquiries.id, escalations.inquiryId))
    .leftJoin(raisers, eq(raisers.id, escalations.raisedBy))
    .leftJoin(assignees, eq(assignees.id, escalations.assigneeId))
    .leftJoin(acknowledgers, eq(acknowledgers.id, escalations.acknowledgedBy))
    .leftJoin(resolvers, eq(resolvers.id, escalations.resolvedBy))
    .where(eq(escalations.id, escalationId));
  if (!row) return null;
  const { escalation } = row;

  const [comments, [response], [sourceClock], reassignments] = await Promise.all([
    db
      .select({ comment: escalationComments, authorName: users.name })
      .from(escalationComments)
      .innerJoin(users, eq(users.id, escalationComments.authorId))
      .where(eq(escalationComments.escalationId, escalation.id))
      .orderBy(asc(escalationComments.createdAt), asc(escalationComments.id)),
    db
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.subjectId, escalation.id), eq(slaClocks.kind, "escalation_response")))
      .orderBy(desc(slaClocks.startedAt))
      .limit(1),
    // An automatic escalation names the clock that raised it.
    escalation.clockId ? db.select().from(slaClocks).where(eq(slaClocks.id, escalation.clockId)) : Promise.resolve([]),
    // Assignments leave no trace on the row but the current assignee; the audit log keeps each one.
    db
      .select({ at: auditLog.createdAt, after: auditLog.after, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entityType, "escalation"), eq(auditLog.entityId, escalation.id), eq(auditLog.action, "escalation.reassigned")))
      .orderBy(asc(auditLog.createdAt), asc(auditLog.id)),
  ]);

  const raisedBy = escalation.automatic ? "System" : (row.raisedByName ?? "A user");
  const history: EscalationHistoryEntry[] = [{ key: "raised", at: escalation.createdAt, title: "Escalated", detail: escalation.reason, actor: raisedBy }];
  for (const [i, entry] of reassignments.entries()) {
    const name = (entry.after as { assigneeName?: string } | null)?.assigneeName ?? "another supervisor";
    history.push({ key: `assigned-${i}`, at: entry.at, title: `Assigned to ${name}`, detail: null, actor: entry.actorName ?? "A user" });
  }
  if (escalation.acknowledgedAt) history.push({ key: "acknowledged", at: escalation.acknowledgedAt, title: "Acknowledged", detail: null, actor: row.acknowledgedByName ?? "A user" });
  if (escalation.resolvedAt) history.push({ key: "resolved", at: escalation.resolvedAt, title: "Resolved", detail: escalation.outcome, actor: row.resolvedByName ?? "A user" });
  history.sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));

  const band: RiskBand | null = response && response.state === "open" ? riskBandAt(response, now) : null;
  return {
    escalation,
    order: row.order,
    request: row.request,
    inquiry: row.inquiry,
    raisedBy,
    assigneeName: row.assigneeName,
    comments,
    response: response ? { clock: response, band } : null,
    sourceClock: sourceClock ?? null,
    history,
  };
}

export type EscalationDetail = NonNullable<Awaited<ReturnType<typeof getEscalationDetail>>>;
