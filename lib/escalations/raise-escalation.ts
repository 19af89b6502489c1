import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { changeRequests, inquiries, orders, type Escalation, type Severity } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import type { EscalationSubjectKind } from "./escalation-schemas";
import { openEscalation } from "./open-escalation";

// Anyone who works orders escalates an order, a request or an inquiry to the supervisors (design.md "Escalations",
// SOP 002 §4.3 step 3): the record, its escalation_response clock (4 business hours by default) and the `escalated`
// event on the order's timeline commit together.

export type RaiseEscalationInput = {
  subject: EscalationSubjectKind;
  subjectId: string;
  reason: string;
  severity: Severity;
  note?: string | null;
  actor: Actor;
  at?: Date;
};

type Subject = { orderId: string | null; requestId: string | null; inquiryId: string | null };

/** What the escalation points at; a request always belongs to an order, an inquiry may. */
async function resolveSubject(tx: Db, kind: EscalationSubjectKind, id: string): Promise<Subject> {
  if (kind === "order") {
    const [order] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, id));
    if (!order) throw new UserFacingError("This order does not exist (or no longer exists).");
    return { orderId: order.id, requestId: null, inquiryId: null };
  }
  if (kind === "request") {
    const [request] = await tx.select({ id: changeRequests.id, orderId: changeRequests.orderId }).from(changeRequests).where(eq(changeRequests.id, id));
    if (!request) throw new UserFacingError("This request does not exist (or no longer exists).");
    return { orderId: request.orderId, requestId: request.id, inquiryId: null };
  }
  const [inquiry] = await tx.select({ id: inquiries.id, orderId: inquiries.orderId }).from(inquiries).where(eq(inquiries.id, id));
  if (!inquiry) throw new UserFacingError("This inquiry does not exist (or no longer exists).");
  return { orderId: inquiry.orderId, requestId: null, inquiryId: inquiry.id };
}

export async function raiseEscalation(db: Db, input: RaiseEscalationInput): Promise<{ escalation: Escalation; orderNumber: string | null }> {
  const at = input.at ?? new Date();
  const reason = input.reason.trim();
  if (!reason) throw new UserFacingError("Say why this needs a supervisor.");
  return db.transaction(async (tx) => {
    const subject = await resolveSubject(tx, input.subject, input.subjectId);
    const escalation = await openEscalation(tx, {
      ...subject,
      reason,
      severity: input.severity,
      note: input.note?.trim() || null,
      actor: input.actor,
      at,
    });
    // Only an automatic escalation names a clock, so a raised one is always written.
    if (!escalation) throw new Error("escalation not written");
    const [order] = subject.orderId ? await tx.select({ number: orders.number }).from(orders).where(eq(orders.id, subject.orderId)) : [];
    return { escalation, orderNumber: order?.number ?? null };
  });
}
