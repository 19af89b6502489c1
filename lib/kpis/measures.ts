import type { ClockKind } from "@/db/schema/enums";
import { formatDuration } from "@/lib/format";
import type { Better, KpiId, KpiUnit, MeasureDefinition } from "./registry";

// One computed figure and how it is shown: the value, the previous period's, and the change between them.
// Client-safe (the charts and cards format with these).

export type Measure = MeasureDefinition & {
  value: number | null;
  previous: number | null;
  /** Percentage points for shares, plain difference for ratings and durations, relative for counts; null: not comparable. */
  change: number | null;
  /** "412 of 430": what the share is made of. */
  detail: string | null;
};

export type SeriesPoint = { bucket: string; label: string; value: number | null };
export type RepRow = { repId: string | null; name: string; value: number | null; count: number };
export type DimensionRow = { key: ClockKind; measure: Measure; count: number; openBreaches?: number };

export type KpiResult = {
  id: KpiId;
  headline: Measure;
  secondary: Measure[];
  series: SeriesPoint[];
  perRep: RepRow[] | null;
  dimension: DimensionRow[] | null;
};

/** The change from the previous period, or null when either side has no figure (or a count had nothing before). */
export function changeOf(unit: KpiUnit, value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  if (unit === "count") return previous === 0 ? null : (value - previous) / previous;
  return value - previous;
}

export function measure(def: MeasureDefinition, value: number | null, previous: number | null, detail: string | null = null): Measure {
  return {
    id: def.id,
    label: def.label,
    definition: def.definition,
    unit: def.unit,
    better: def.better,
    value,
    previous,
    change: changeOf(def.unit, value, previous),
    detail,
  };
}

export function formatValue(unit: KpiUnit, value: number | null): string {
  if (value === null) return "—";
  switch (unit) {
    case "percent":
      return `${(value * 100).toFixed(1)} %`;
    case "rating":
      return value.toFixed(2);
    case "duration":
      return value < 60 ? `${Math.round(value)} s` : formatDuration(value);
    case "count":
      return Math.round(value).toLocaleString("en-US");
  }
}

// A change as shown: rounded to what the figure itself shows, so "−0.00" reads as no change.
function shownChange(unit: KpiUnit, change: number): number {
  switch (unit) {
    case "percent":
      return Math.round(change * 1000) / 1000;
    case "rating":
      return Math.round(change * 100) / 100;
    case "duration":
      return Math.abs(change) < 60 ? Math.round(change) : Math.round(change / 60) * 60;
    case "count":
      return Math.round(change * 100) / 100;
  }
}

/** "+2.1 pts", "−0.12", "−1 h 5 min", "+8 %"; "—" when not comparable; "no change" when it rounds to nothing. */
export function formatChange(unit: KpiUnit, change: number | null): string {
  if (change === null) return "—";
  const shown = shownChange(unit, change);
  if (shown === 0) return "no change";
  const sign = shown > 0 ? "+" : "−";
  const abs = Math.abs(shown);
  switch (unit) {
    case "percent":
      return `${sign}${(abs * 100).toFixed(1)} pts`;
    case "rating":
      return `${sign}${abs.toFixed(2)}`;
    case "duration":
      return `${sign}${formatValue("duration", abs)}`;
    case "count":
      // Against a period with almost nothing in it a percentage says little; a multiple reads better.
      return shown >= 10 ? `×${Math.round(1 + shown).toLocaleString("en-US")}` : `${sign}${(abs * 100).toFixed(0)} %`;
  }
}

/** good / bad / neutral for colouring a change by the KPI's direction. */
export function changeTone(better: Better, unit: KpiUnit, change: number | null): "good" | "bad" | "neutral" {
  if (change === null || better === null) return "neutral";
  const shown = shownChange(unit, change);
  if (shown === 0) return "neutral";
  return (shown > 0) === (better === "higher") ? "good" : "bad";
}
