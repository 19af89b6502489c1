// Risk bands (design.md): breached (past due), critical (< 25 % of the allowance left or < 15 minutes), at risk
// (< 50 % left), on track. Each clock stores the instants at which it crosses into a band (planned when it opens,
// in its own business or calendar time), so the queue, the order page, the seed and SQL filters all read the
// band off the same three instants and can never disagree.

export const riskBands = ["breached", "critical", "at_risk", "on_track"] as const;
export type RiskBand = (typeof riskBands)[number];

export const riskBandLabels: Record<RiskBand, string> = {
  breached: "Breached",
  critical: "Critical",
  at_risk: "At risk",
  on_track: "On track",
};

export type BandInstants = { dueAt: Date; criticalAt: Date; atRiskAt: Date };

export function riskBandAt(clock: BandInstants, now: Date): RiskBand {
  const t = now.getTime();
  // Met exactly at the deadline is on time (lib/sla/clocks.ts records breached only when met after it).
  if (t > clock.dueAt.getTime()) return "breached";
  if (t >= clock.criticalAt.getTime()) return "critical";
  if (t >= clock.atRiskAt.getTime()) return "at_risk";
  return "on_track";
}

const CRITICAL_FLOOR_MS = 15 * 60_000;

/** Counted time into the allowance at which each band begins. */
export function bandThresholds(allowanceMs: number): { atRisk: number; critical: number } {
  return {
    atRisk: Math.floor(allowanceMs / 2),
    // Critical once less than max(25 %, 15 min) is left.
    critical: Math.max(0, allowanceMs - Math.max(Math.ceil(allowanceMs / 4), CRITICAL_FLOOR_MS)),
  };
}
