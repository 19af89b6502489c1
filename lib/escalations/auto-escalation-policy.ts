import type { ClockKind, Severity } from "@/db/schema/enums";
import { formatDuration } from "@/lib/format";
import { clockKindNames } from "@/lib/sla/clock-labels";
import type { TimeBasis } from "@/lib/sla/business-time";

// The policy of design.md "Escalations": an open clock breached by more than its own allowance escalates by itself,
// once. Pure, so the sweep (lib/escalations/auto-escalate.ts) and the seed decide alike and word it alike.


/** An automatic escalation is serious by construction: the obligation is late by a whole allowance again. */
export const AUTO_ESCALATION_SEVERITY: Severity = "high";

/** escalation_response is the supervisors' own clock: escalating it would only escalate to themselves. */
export const NEVER_AUTO_ESCALATED: readonly ClockKind[] = ["escalation_response"];

export type PolicyClock = { kind: ClockKind; orderId: string | null; subjectId: string | null; timeBase: "business" | "calendar"; allowanceSeconds: number; dueAt: Date };

/** Overdue by more than its allowance, both counted in the clock's own time base (a weekend does not count for a business clock). */
export function breachedBeyondAllowance(clock: Pick<PolicyClock, "allowanceSeconds" | "dueAt">, basis: TimeBasis, now: Date): boolean {
  return basis.between(clock.dueAt, now) > clock.allowanceSeconds * 1000;
}

/** When it crossed that line: one allowance of counted time after the deadline. */
export function allowanceExceededAt(clock: Pick<PolicyClock, "allowanceSeconds" | "dueAt">, basis: TimeBasis): Date {
  return basis.add(clock.dueAt, clock.allowanceSeconds * 1000);
}

/**
 * What the escalation is about: the order, plus the request or inquiry the clock belongs to. A clock with neither an
 * order nor an inquiry (an undelivered message to a customer with no order) has nothing a supervisor could open: null.
 */
export function autoEscalationSubject(clock: Pick<PolicyClock, "kind" | "orderId" | "subjectId">): { orderId: string | null; requestId: string | null; inquiryId: string | null } | null {
  const requestId = (clock.kind === "request_ack" || clock.kind === "request_outcome") && clock.subjectId ? clock.subjectId : null;
  const inquiryId = clock.kind === "inquiry_ack" && clock.subjectId ? clock.subjectId : null;
  if (!clock.orderId && !inquiryId) return null;
  return { orderId: clock.orderId, requestId, inquiryId };
}

export function autoEscalationReason(clock: Pick<PolicyClock, "kind" | "timeBase" | "allowanceSeconds">): string {
  const allowance = clock.allowanceSeconds > 0 ? `${formatDuration(clock.allowanceSeconds)}${clock.timeBase === "business" ? " of business time" : ""}` : "none";
  return `${clockKindNames[clock.kind]} overdue by more than its allowance (${allowance})`;
}
