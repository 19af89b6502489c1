import type { Db } from "@/db/client";
import { escalations, type Escalation, type Severity } from "@/db/schema";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/actor";
import type { ClockPlanner } from "@/lib/sla/clock-plan";
import { applyClockEvent } from "@/lib/sla/clocks";
import { recordEscalationStep } from "./escalation-events";

export type OpenEscalationInput = {
  orderId: string | null;
  requestId?: string | null;
  inquiryId?: string | null;
  reason: string;
  severity: Severity;
  note?: string | null;
  actor: Actor;
  /** Set for an automatic escalation: the breached clock that raised it (unique: a clock escalates itself once). */
  clockId?: string | null;
  at: Date;
  planner?: ClockPlanner;
};

/**
 * The record, its escalation_response clock and the `escalated` step, inside the caller's transaction. Returns null
 * when the clock named already raised its escalation (a concurrent sweep got there first): nothing is written then.
 */
export async function openEscalation(tx: Db, input: OpenEscalationInput): Promise<Escalation | null> {
  const automatic = input.actor.type !== "user";
  const [escalation] = await tx
    .insert(escalations)
    .values({
      orderId: input.orderId,
      requestId: input.requestId ?? null,
      inquiryId: input.inquiryId ?? null,
      reason: input.reason,
      severity: input.severity,
      note: input.note ?? null,
      raisedBy: input.actor.type === "user" ? input.actor.userId : null,
      automatic,
      clockId: input.clockId ?? null,
      createdAt: input.at,
    })
    .onConflictDoNothing({ target: escalations.clockId, where: sql`${escalations.clockId} is not null` })
    .returning();
  if (!escalation) return null;
  await applyClockEvent(tx, { orderId: escalation.orderId, event: { type: "escalation_opened", escalationId: escalation.id }, at: input.at, planner: input.planner });
  await recordEscalationStep(tx, escalation, {
    type: "escalated",
    actor: input.actor,
    at: input.at,
    text: escalation.reason,
    data: {
      severity: escalation.severity,
      automatic,
      note: escalation.note,
      requestId: escalation.requestId,
      inquiryId: escalation.inquiryId,
      clockId: escalation.clockId,
    },
  });
  return escalation;
}
