import { z } from "zod";
import { escalationStatuses, severities, type Severity } from "@/db/schema/enums";

// The escalation forms and their server actions validate with these same schemas (client-safe: no database).

export const severityLabels: Record<Severity, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

export const REASON_MAX = 200;
export const NOTE_MAX = 2000;

const uuid = (what: string) => z.uuid({ error: `Choose ${what}.` });

const reasonSchema = z
  .string({ error: "Say why this needs a supervisor." })
  .trim()
  .min(3, { error: "Say why this needs a supervisor (a few words)." })
  .max(REASON_MAX, { error: `Keep the reason under ${REASON_MAX} characters; put the detail in the note.` });

const noteSchema = z
  .string()
  .trim()
  .max(NOTE_MAX, { error: `Keep the note under ${NOTE_MAX} characters.` })
  .optional()
  .transform((note) => (note ? note : null));

const severitySchema = z.enum(severities, { error: "Choose how severe it is." });

/** What is escalated: exactly one of an order, a request or an inquiry. */
export const escalationSubjectKinds = ["order", "request", "inquiry"] as const;
export type EscalationSubjectKind = (typeof escalationSubjectKinds)[number];

export const raiseEscalationSchema = z.object({
  subject: z.enum(escalationSubjectKinds, { error: "Escalate an order, a request or an inquiry." }),
  subjectId: uuid("what to escalate"),
  reason: reasonSchema,
  severity: severitySchema,
  note: noteSchema,
});
export type RaiseEscalationInput = z.input<typeof raiseEscalationSchema>;

export const escalationIdSchema = z.object({ escalationId: uuid("an escalation") });

export const reassignEscalationSchema = z.object({ escalationId: uuid("an escalation"), assigneeId: uuid("a supervisor") });

export const COMMENT_MAX = 2000;
export const commentEscalationSchema = z.object({
  escalationId: uuid("an escalation"),
  body: z
    .string({ error: "Write the comment." })
    .trim()
    .min(1, { error: "Write the comment." })
    .max(COMMENT_MAX, { error: `Keep the comment under ${COMMENT_MAX} characters.` }),
});

export const resolveEscalationSchema = z.object({
  escalationId: uuid("an escalation"),
  outcome: z
    .string({ error: "Write the outcome: what was done and what the customer was told." })
    .trim()
    .min(3, { error: "Write the outcome: what was done and what the customer was told." })
    .max(NOTE_MAX, { error: `Keep the outcome under ${NOTE_MAX} characters.` }),
});

// The queue's filters, as they appear in the URL; bad values are dropped so a stale link still opens.
// "active" (the default) is open and acknowledged: everything a supervisor still owes an answer or an outcome.
export const escalationQueueStatuses = ["active", ...escalationStatuses] as const;
export const escalationQueueFiltersSchema = z.object({
  status: z.enum(escalationQueueStatuses).catch("active").default("active"),
  severity: z.enum(severities).optional().catch(undefined),
  mine: z
    .enum(["1"])
    .optional()
    .catch(undefined),
});
export type EscalationQueueFilters = z.output<typeof escalationQueueFiltersSchema>;
