import { RiskBadge } from "@/components/sla/risk-badge";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { Escalation } from "@/db/schema";
import { severityLabels } from "@/lib/escalations/escalation-schemas";
import type { EscalationRow } from "@/lib/escalations/list-escalations";

const statusVariants: Record<Escalation["status"], BadgeProps["variant"]> = { open: "warning", acknowledged: "secondary", resolved: "success" };
const statusLabels: Record<Escalation["status"], string> = { open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" };
const severityVariants: Record<Escalation["severity"], BadgeProps["variant"]> = { low: "outline", medium: "secondary", high: "warning", critical: "destructive" };

export function EscalationStatusBadge({ status }: { status: Escalation["status"] }) {
  return (
    <Badge variant={statusVariants[status]} data-status={status}>
      {statusLabels[status]}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: Escalation["severity"] }) {
  return <Badge variant={severityVariants[severity]}>{severityLabels[severity]}</Badge>;
}

/** The escalation_response clock: its risk band while it runs; once answered, whether in time. */
export function ResponseClockBadge({ clock }: { clock: EscalationRow["clock"] }) {
  if (!clock) return <span className="text-muted-foreground">—</span>;
  if (clock.band) return <RiskBadge band={clock.band} />;
  if (clock.state === "met") return <Badge variant={clock.breached ? "destructive" : "outline"}>{clock.breached ? "Answered late" : "Answered in time"}</Badge>;
  return clock.state === "paused" ? <Badge variant="outline">Paused</Badge> : <span className="text-muted-foreground">—</span>;
}
