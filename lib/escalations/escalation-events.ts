import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { escalations, orderEvents, users, type Escalation } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";

// What every step of an escalation shares: its row locked, and the record of the step — an order event (so it is on
// the order's timeline) when the escalation is about an order, and an audit entry always (an escalation of an inquiry
// without an order has no timeline, and design.md wants every mutation of note in the audit log).

export const escalationEventTypes = ["escalated", "escalation_acknowledged", "escalation_reassigned", "escalation_commented", "escalation_resolved"] as const;
export type EscalationEventType = (typeof escalationEventTypes)[number];

/** Locks the escalation row for the rest of the transaction: two decisions on one escalation happen one after the other. */
export async function lockEscalation(tx: Db, escalationId: string): Promise<Escalation> {
  const [escalation] = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).for("update");
  if (!escalation) throw new UserFacingError("This escalation does not exist.");
  return escalation;
}

export async function userName(tx: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return user?.name ?? null;
}

/** A resolved escalation takes no further decision: the refusal names who resolved it and when. */
export async function refuseIfResolved(tx: Db, escalation: Escalation, doing: string): Promise<void> {
  if (escalation.status !== "resolved") return;
  const who = (await userName(tx, escalation.resolvedBy)) ?? "someone else";
  const when = escalation.resolvedAt ? ` at ${formatDateTime(escalation.resolvedAt, "UTC")}` : "";
  throw new UserFacingError(`This escalation is not open: it was resolved by ${who}${when}, so it cannot be ${doing}. Nothing was changed.`);
}

export async function recordEscalationStep(
  tx: Db,
  escalation: Escalation,
  step: { type: EscalationEventType; actor: Actor; at: Date; text?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  const data = { escalationId: escalation.id, ...step.data };
  if (escalation.orderId) {
    await tx.insert(orderEvents).values({
      orderId: escalation.orderId,
      type: step.type,
      reason: step.text ?? null,
      data,
      createdAt: step.at,
      ...actorColumns(step.actor),
    });
  }
  await writeAudit(tx, {
    actor: step.actor,
    action: `escalation.${step.type === "escalated" ? "raised" : step.type.replace(/^escalation_/, "")}`,
    entityType: "escalation",
    entityId: escalation.id,
    after: { status: escalation.status, assigneeId: escalation.assigneeId, text: step.text ?? null, ...step.data },
    at: step.at,
  });
}
