import { RiskBadge } from "@/components/sla/risk-badge";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { formatDuration } from "@/lib/format";
import { inquiryStatusLabels, type InquiryStatus } from "@/lib/inquiries/inquiry-schemas";
import type { InquiryClockView } from "@/lib/inquiries/list-inquiries";

const statusVariants: Record<InquiryStatus, BadgeProps["variant"]> = {
  open: "warning",
  answered: "secondary",
  waiting_customer: "outline",
  resolved: "success",
};

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  return (
    <Badge variant={statusVariants[status]} data-inquiry-status={status}>
      {inquiryStatusLabels[status]}
    </Badge>
  );
}

/**
 * The inquiry_ack clock in one badge: the risk badge while it runs; "Paused" with how long while the customer owes
 * us a reply (a clock already late when paused stays breached); "Answered on time" or "late" once met.
 */
export function InquiryClockBadge({ clock, now }: { clock: InquiryClockView | null; now: Date }) {
  if (!clock) return <span className="text-muted-foreground">—</span>;
  if (clock.state === "open") return <RiskBadge band={clock.band} />;
  if (clock.state === "paused") {
    const since = clock.pausedAt ? ` ${formatDuration((now.getTime() - clock.pausedAt.getTime()) / 1000)}` : "";
    return (
      <span className="inline-flex flex-wrap gap-1">
        <Badge variant="outline" data-clock-state="paused">
          Paused{since} — waiting on customer
        </Badge>
        {clock.band === "breached" ? <RiskBadge band="breached" /> : null}
      </span>
    );
  }
  if (clock.state === "met") {
    return (
      <Badge variant={clock.breached ? "destructive" : "success"} data-clock-state="met">
        {clock.breached ? "Answered late" : "Answered on time"}
      </Badge>
    );
  }
  return <Badge variant="outline">Closed</Badge>;
}
