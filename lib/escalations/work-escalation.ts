import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationComments, escalations, users, type Escalation } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime, humanize } from "@/lib/format";
import { applyClockEvent } from "@/lib/sla/clocks";
import { lockEscalation, recordEscalationStep, refuseIfResolved, userName } from "./escalation-events";

// A supervisor works an escalation (design.md "Escalations"): acknowledge (meets escalation_response), assign it to a
// supervisor, comment, resolve with an outcome. Each step locks the escalation row first, so of two supervisors
// deciding at once one wins and the other is told who got there first; a step and its clock event, comment and order
// event commit together.

type EscalationComment = typeof escalationComments.$inferSelect;

type Step = { escalationId: string; supervisorId: string; at?: Date };

const actorOf = (supervisorId: string): Actor => ({ type: "user", userId: supervisorId });

async function update(tx: Db, id: string, set: Partial<Escalation>): Promise<Escalation> {
  const [updated] = await tx.update(escalations).set(set).where(eq(escalations.id, id)).returning();
  return updated!;
}

/** Acknowledging answers the escalation_response clock; an escalation nobody has taken goes to whoever acknowledges it. */
export async function acknowledgeEscalation(db: Db, input: Step): Promise<Escalation> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const escalation = await lockEscalation(tx, input.escalationId);
    await refuseIfResolved(tx, escalation, "acknowledged");
    if (escalation.status === "acknowledged") {
      const who = (await userName(tx, escalation.acknowledgedBy)) ?? "someone else";
      const when = escalation.acknowledgedAt ? ` at ${formatDateTime(escalation.acknowledgedAt, "UTC")}` : "";
      throw new UserFacingError(`This escalation is not open: ${who} acknowledged it${when}. Nothing was changed.`);
    }
    const acknowledged = await update(tx, escalation.id, {
      status: "acknowledged",
      acknowledgedBy: input.supervisorId,
      acknowledgedAt: at,
      assigneeId: escalation.assigneeId ?? input.supervisorId,
    });
    await applyClockEvent(tx, { orderId: escalation.orderId, event: { type: "escalation_acknowledged", escalationId: escalation.id }, at });
    await recordEscalationStep(tx, acknowledged, { type: "escalation_acknowledged", actor: actorOf(input.supervisorId), at });
    return acknowledged;
  });
}

/** Escalations go to supervisors: the new assignee must be an active one. */
export async function reassignEscalation(db: Db, input: Step & { assigneeId: string }): Promise<Escalation> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const escalation = await lockEscalation(tx, input.escalationId);
    await refuseIfResolved(tx, escalation, "reassigned");
    const [assignee] = await tx.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).where(eq(users.id, input.assigneeId));
    if (!assignee) throw new UserFacingError("That user does not exist. Choose a supervisor.");
    if (assignee.role !== "supervisor" || !assignee.active) {
      throw new UserFacingError(`Escalations go to supervisors: ${assignee.name} is ${assignee.active ? `a ${humanize(assignee.role).toLowerCase()} user` : "no longer active"}. Choose an active supervisor.`);
    }
    if (escalation.assigneeId === assignee.id) throw new UserFacingError(`This escalation is already assigned to ${assignee.name}.`);
    const reassigned = await update(tx, escalation.id, { assigneeId: assignee.id });
    await recordEscalationStep(tx, reassigned, {
      type: "escalation_reassigned",
      actor: actorOf(input.supervisorId),
      at,
      text: assignee.name,
      data: { fromAssigneeId: escalation.assigneeId, assigneeId: assignee.id, assigneeName: assignee.name },
    });
    return reassigned;
  });
}

/** A comment is not a decision: a resolved escalation still takes a follow-up note. */
export async function commentOnEscalation(db: Db, input: Step & { body: string }): Promise<EscalationComment> {
  const at = input.at ?? new Date();
  const body = input.body.trim();
  if (!body) throw new UserFacingError("Write the comment.");
  return db.transaction(async (tx) => {
    const escalation = await lockEscalation(tx, input.escalationId);
    const [comment] = await tx.insert(escalationComments).values({ escalationId: escalation.id, authorId: input.supervisorId, body, createdAt: at }).returning();
    await recordEscalationStep(tx, escalation, { type: "escalation_commented", actor: actorOf(input.supervisorId), at, text: body, data: { commentId: comment!.id } });
    return comment!;
  });
}

/**
 * Resolving records what was done. From open it also acknowledges (the supervisor has plainly responded), so the
 * escalation_response clock is met in the same transaction rather than left running on a closed escalation.
 */
export async function resolveEscalation(db: Db, input: Step & { outcome: string }): Promise<Escalation> {
  const at = input.at ?? new Date();
  const outcome = input.outcome.trim();
  if (!outcome) throw new UserFacingError("Write the outcome: what was done and what the customer was told.");
  return db.transaction(async (tx) => {
    const escalation = await lockEscalation(tx, input.escalationId);
    await refuseIfResolved(tx, escalation, "resolved again");
    const wasOpen = escalation.status === "open";
    const resolved = await update(tx, escalation.id, {
      status: "resolved",
      resolvedBy: input.supervisorId,
      resolvedAt: at,
      outcome,
      assigneeId: escalation.assigneeId ?? input.supervisorId,
      ...(wasOpen ? { acknowledgedBy: input.supervisorId, acknowledgedAt: at } : {}),
    });
    if (wasOpen) await applyClockEvent(tx, { orderId: escalation.orderId, event: { type: "escalation_acknowledged", escalationId: escalation.id }, at });
    await recordEscalationStep(tx, resolved, { type: "escalation_resolved", actor: actorOf(input.supervisorId), at, text: outcome, data: { acknowledgedOnResolve: wasOpen } });
    return resolved;
  });
}

/** Active supervisors, for "Assign to". */
export async function activeSupervisors(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, "supervisor"), eq(users.active, true)))
    .orderBy(users.name);
}
