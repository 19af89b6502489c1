import type { Severity } from "@/db/schema/enums";
import { severityLabels } from "./escalation-schemas";

// The words of an escalation's steps on the order's timeline (lib/orders/timeline.ts), from the order events that
// lib/escalations/escalation-events.ts writes. Client-safe.

export function escalationEventText(type: string, data: Record<string, unknown> | null, text: string | null): { title: string; detail: string | null } | null {
  switch (type) {
    case "escalated": {
      const severity = severityLabels[data?.severity as Severity] ?? null;
      const about = data?.requestId ? " (a request)" : data?.inquiryId ? " (an inquiry)" : "";
      const how = data?.automatic ? "Escalated automatically" : "Escalated";
      const note = typeof data?.note === "string" && data.note ? ` — ${data.note}` : "";
      return { title: `${how}${about}${severity ? `: ${severity.toLowerCase()} severity` : ""}`, detail: text ? `${text}${note}` : note.slice(3) || null };
    }
    case "escalation_acknowledged":
      return { title: "Escalation acknowledged", detail: null };
    case "escalation_reassigned":
      return { title: `Escalation assigned to ${typeof data?.assigneeName === "string" ? data.assigneeName : (text ?? "another supervisor")}`, detail: null };
    case "escalation_commented":
      return { title: "Comment on the escalation", detail: text };
    case "escalation_resolved":
      return { title: "Escalation resolved", detail: text ? `Outcome: ${text}` : null };
    default:
      return null;
  }
}
