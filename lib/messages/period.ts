import { dateTimeFormat } from "@/lib/intl-cache";
import { dayNumberFromIso, dayNumberOf, instantOfWallClock, isoFromDayNumber } from "@/lib/sla/zoned-time";

// The log's time range. Dates are calendar days in the viewer's zone: "Nov 24" starts at the viewer's midnight,
// not UTC's, so a supervisor in Los Angeles and one in Berlin each see their own day. Presets roll with the clock
// (a bookmark of "Last 7 days" is always the last 7 days).

export const periodPresets = [
  { value: "today", label: "Today", days: 1 },
  { value: "7d", label: "Last 7 days", days: 7 },
  { value: "30d", label: "Last 30 days", days: 30 },
] as const;

export type PeriodPreset = (typeof periodPresets)[number]["value"];
export const periodPresetValues = periodPresets.map((p) => p.value) as [PeriodPreset, ...PeriodPreset[]];

/** What the URL says: a rolling preset, or from/to calendar dates (YYYY-MM-DD, both inclusive). */
export type PeriodInput = { range?: PeriodPreset; from?: string; to?: string };

/** Instants: from inclusive, to exclusive; either may be open. `fromDay`/`toDay` are the inclusive local dates. */
export type ResolvedPeriod = { from?: Date; to?: Date; fromDay?: string; toDay?: string };

const DAY_MS = 86_400_000;

function startOfLocalDay(timeZone: string, day: number): Date {
  return new Date(instantOfWallClock(timeZone, day * DAY_MS));
}

/** The instants of a period in a time zone. Explicit dates win over a preset (the form never sends both). */
export function resolvePeriod(input: PeriodInput, timeZone: string, now: Date): ResolvedPeriod {
  if (input.from || input.to) {
    const fromDay = input.from ? dayNumberFromIso(input.from) : undefined;
    const toDay = input.to ? dayNumberFromIso(input.to) : undefined;
    return {
      from: fromDay === undefined ? undefined : startOfLocalDay(timeZone, fromDay),
      // "To" includes its whole day: up to the next local midnight.
      to: toDay === undefined ? undefined : startOfLocalDay(timeZone, toDay + 1),
      fromDay: input.from,
      toDay: input.to,
    };
  }
  const preset = periodPresets.find((p) => p.value === input.range);
  if (!preset) return {};
  const today = dayNumberOf(timeZone, now.getTime());
  const first = today - (preset.days - 1);
  return { from: startOfLocalDay(timeZone, first), fromDay: isoFromDayNumber(first), toDay: isoFromDayNumber(today) };
}

/** "Nov 18, 2026 – Nov 24, 2026", "since Nov 18, 2026", "until …", or null for any time. */
export function describePeriod(period: ResolvedPeriod): string | null {
  const words = (iso: string) =>
    dateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }).format(new Date(`${iso}T00:00:00Z`));
  if (period.fromDay && period.toDay) return period.fromDay === period.toDay ? words(period.fromDay) : `${words(period.fromDay)} – ${words(period.toDay)}`;
  if (period.fromDay) return `since ${words(period.fromDay)}`;
  if (period.toDay) return `until ${words(period.toDay)}`;
  return null;
}
