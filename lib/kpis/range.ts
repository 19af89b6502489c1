import { z } from "zod";
import { dayNumberFromIso, isoFromDayNumber, weekdayOf, type DayNumber } from "@/lib/sla/zoned-time";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";
import { isSaneDate } from "@/lib/security/date-schemas";

// The KPI page's time range: local days (YYYY-MM-DD) in the business calendar's time zone, both ends included, a
// granularity for the trend, and the previous period of the same length for the comparison. Pure and client-safe.

export const rangePresets = ["7d", "30d", "90d", "12m", "this-month", "last-month"] as const;
export type RangePreset = (typeof rangePresets)[number];
export const granularities = ["day", "week", "month"] as const;
export type Granularity = (typeof granularities)[number];

export const rangePresetLabels: Record<RangePreset | "custom", string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "12m": "Last 12 months",
  "this-month": "This month",
  "last-month": "Last month",
  custom: "Custom",
};
export const granularityLabels: Record<Granularity, string> = { day: "Day", week: "Week", month: "Month" };

export const DEFAULT_PRESET: RangePreset = "30d";
/** Longest custom range (about three years): the comparison doubles it, and older data is past retention. */
export const MAX_RANGE_DAYS = 1_096;
/** More daily points than this make an unreadable chart; the page switches to weeks and says so. */
export const MAX_DAY_BUCKETS = 366;

export type KpiRange = {
  preset: RangePreset | "custom";
  from: string;
  to: string;
  days: number;
  previousFrom: string;
  previousTo: string;
  granularity: Granularity;
  /** Why the request was not taken as asked (bad custom dates, too many daily points), for the page to say. */
  notice: string | null;
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // zod runs the refinement after a failed regex too; isSaneDate checks the form again, so "" cannot throw past .catch().
  .refine(isSaneDate)
  .optional()
  .catch(undefined);

export const rangeParamsSchema = z.object({
  range: z.enum([...rangePresets, "custom"]).optional().catch(undefined),
  from: isoDate,
  to: isoDate,
  by: z.enum(granularities).optional().catch(undefined),
});
export type RangeParams = z.output<typeof rangeParamsSchema>;

export function parseRangeParams(searchParams: PageSearchParams): RangeParams {
  return rangeParamsSchema.parse(firstSearchParams(searchParams));
}

function monthStart(day: DayNumber): DayNumber {
  return dayNumberFromIso(`${isoFromDayNumber(day).slice(0, 7)}-01`);
}

function addMonths(day: DayNumber, months: number): DayNumber {
  const [y, m, d] = isoFromDayNumber(day).split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)) / 86_400_000);
}

function presetDays(preset: RangePreset, today: DayNumber): [DayNumber, DayNumber] {
  switch (preset) {
    case "7d":
      return [today - 6, today];
    case "30d":
      return [today - 29, today];
    case "90d":
      return [today - 89, today];
    case "12m":
      return [addMonths(today, -12) + 1, today];
    case "this-month":
      return [monthStart(today), today];
    case "last-month": {
      const thisMonth = monthStart(today);
      return [monthStart(thisMonth - 1), thisMonth - 1];
    }
  }
}

/** The granularity that gives a readable trend for a range of this many days. */
export function defaultGranularity(days: number): Granularity {
  if (days <= 31) return "day";
  if (days <= 120) return "week";
  return "month";
}

/** The range the page shows for its URL parameters; `today` is the local date in the business zone. */
export function resolveRange(params: RangeParams, today: string): KpiRange {
  const todayDay = dayNumberFromIso(today);
  let notice: string | null = null;
  let preset: RangePreset | "custom" = params.range ?? DEFAULT_PRESET;
  let from: DayNumber;
  let to: DayNumber;
  if (preset === "custom") {
    const f = params.from ? dayNumberFromIso(params.from) : null;
    const t = params.to ? dayNumberFromIso(params.to) : null;
    if (f === null || t === null) notice = "Choose both a start and an end date; showing the last 30 days.";
    else if (f > t) notice = "The start date is after the end date; showing the last 30 days.";
    else if (t - f + 1 > MAX_RANGE_DAYS) notice = `A range can span at most ${MAX_RANGE_DAYS} days; showing the last 30 days.`;
    if (notice || f === null || t === null) {
      preset = DEFAULT_PRESET;
      [from, to] = presetDays(DEFAULT_PRESET, todayDay);
    } else {
      [from, to] = [f, t];
    }
  } else {
    [from, to] = presetDays(preset, todayDay);
  }
  const days = to - from + 1;
  let granularity = params.by ?? defaultGranularity(days);
  if (granularity === "day" && days > MAX_DAY_BUCKETS) {
    granularity = "week";
    notice ??= `More than ${MAX_DAY_BUCKETS} days are shown by week.`;
  }
  return {
    preset,
    from: isoFromDayNumber(from),
    to: isoFromDayNumber(to),
    days,
    previousFrom: isoFromDayNumber(from - days),
    previousTo: isoFromDayNumber(from - 1),
    granularity,
    notice,
  };
}

/** The first day of the bucket a day falls in: itself, its week's Monday, or its month's first day. */
export function bucketStart(day: string, granularity: Granularity): string {
  const n = dayNumberFromIso(day);
  if (granularity === "day") return day;
  if (granularity === "week") return isoFromDayNumber(n - ((weekdayOf(n) + 6) % 7));
  return isoFromDayNumber(monthStart(n));
}

/** Every bucket of the range in order, so days without data still show as gaps in the trend. */
export function bucketsOf(range: Pick<KpiRange, "from" | "to" | "granularity">): string[] {
  const out: string[] = [];
  const end = dayNumberFromIso(range.to);
  let day = dayNumberFromIso(bucketStart(range.from, range.granularity));
  while (day <= end) {
    out.push(isoFromDayNumber(day));
    day = range.granularity === "day" ? day + 1 : range.granularity === "week" ? day + 7 : addMonths(day, 1);
  }
  return out;
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mar 8", "Week of Mar 2", "Mar 2026". */
export function bucketLabel(bucket: string, granularity: Granularity): string {
  const [y, m, d] = bucket.split("-").map(Number) as [number, number, number];
  if (granularity === "month") return `${monthNames[m - 1]} ${y}`;
  const short = `${monthNames[m - 1]} ${d}`;
  return granularity === "week" ? `Week of ${short}` : short;
}

/** "Mar 1 – Mar 30, 2026" for the page's heading. */
export function rangeLabel(from: string, to: string): string {
  const fmt = (s: string, withYear: boolean) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return `${monthNames[m - 1]} ${d}${withYear ? `, ${y}` : ""}`;
  };
  return from === to ? fmt(to, true) : `${fmt(from, from.slice(0, 4) !== to.slice(0, 4))} – ${fmt(to, true)}`;
}

/** The query string for a range (and extra parameters such as a drill-down's filters); defaults left out. */
export function rangeQuery(range: Pick<KpiRange, "preset" | "from" | "to" | "granularity">, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (range.preset === "custom") {
    params.set("range", "custom");
    params.set("from", range.from);
    params.set("to", range.to);
  } else if (range.preset !== DEFAULT_PRESET) params.set("range", range.preset);
  params.set("by", range.granularity);
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
