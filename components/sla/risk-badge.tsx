import { Badge, type BadgeProps } from "@/components/ui/badge";
import { riskBandLabels, type RiskBand } from "@/lib/sla/risk";

const variants: Record<RiskBand, BadgeProps["variant"]> = {
  breached: "destructive",
  critical: "warning",
  at_risk: "secondary",
  on_track: "success",
};

/** The one risk badge: the queue and the order page both draw it from riskBandAt. */
export function RiskBadge({ band }: { band: RiskBand }) {
  return (
    <Badge variant={variants[band]} data-band={band}>
      {riskBandLabels[band]}
    </Badge>
  );
}
