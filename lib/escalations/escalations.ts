import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalations, type Escalation, type Severity } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { applyClockEvent } from "@/lib/sla/clocks";

/** An escalation of an order, request or inquiry: the record and its escalation_response clock. */
export async function openEscalation(
  db: Db,
  input: {
    orderId?: string | null;
    requestId?: string | null;
    inquiryId?: string | null;
    reason: string;
    severity: Severity;
    note?: string | null;
    raisedBy: string | null;
    automatic?: boolean;
    at?: Date;
  },
): Promise<Escalation> {
  if (!input.orderId && !input.requestId && !input.inquiryId) throw new UserFacingError("Escalate an order, a request or an inquiry.");
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [escalation] = await tx
      .insert(escalations)
      .values({
        orderId: input.orderId ?? null,
        requestId: input.requestId ?? null,
        inquiryId: input.inquiryId ?? null,
        reason: input.reason,
        severity: input.severity,
        note: input.note ?? null,
        raisedBy: input.raisedBy,
        automatic: input.automatic ?? false,
        createdAt: at,
      })
      .returning();
    await applyClockEvent(tx, { orderId: escalation!.orderId, event: { type: "escalation_opened", escalationId: escalation!.id }, at });
    return escalation!;
  });
}

/** A supervisor acknowledges: meets escalation_response. Acknowledging twice is refused, not repeated. */
export async function acknowledgeEscalation(db: Db, input: { escalationId: string; supervisorId: string; at?: Date }): Promise<Escalation> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [escalation] = await tx
      .update(escalations)
      .set({ status: "acknowledged", acknowledgedAt: at, acknowledgedBy: input.supervisorId })
      .where(and(eq(escalations.id, input.escalationId), eq(escalations.status, "open")))
      .returning();
    if (!escalation) throw new UserFacingError("This escalation is not open (already acknowledged or resolved).");
    await applyClockEvent(tx, { orderId: escalation.orderId, event: { type: "escalation_acknowledged", escalationId: escalation.id }, at });
    return escalation;
  });
}
