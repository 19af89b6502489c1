import { businessTime } from "@/lib/sla/business-time";
import { defaultBusinessCalendar, type BusinessCalendar, type ClockPolicy } from "@/lib/settings/defaults";

const defaultEngine = businessTime(defaultBusinessCalendar);

// Time helpers for the seed, in epoch milliseconds. "Local ms" is a wall-clock time written as if it were UTC,
// which makes day arithmetic in a zone plain integer arithmetic.

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Per zone: UTC day number → offset for the whole day, or NaN when the offset changes that day (then per hour).
const dayOffsets = new Map<string, Map<number, number>>();
const hourOffsets = new Map<string, Map<number, number>>();

function exactOffset(tz: string, at: number): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, (parts.hour ?? 0) % 24, parts.minute ?? 0, parts.second ?? 0);
  return wall - at;
}

function cacheFor(maps: Map<string, Map<number, number>>, tz: string): Map<number, number> {
  let cache = maps.get(tz);
  if (!cache) {
    cache = new Map();
    maps.set(tz, cache);
  }
  return cache;
}

/** UTC offset of `tz` at instant `ms` (every zone we use changes offset on a whole UTC hour). */
export function tzOffset(tz: string, ms: number): number {
  const days = cacheFor(dayOffsets, tz);
  const day = Math.floor(ms / DAY);
  let whole = days.get(day);
  if (whole === undefined) {
    const start = exactOffset(tz, day * DAY);
    whole = start === exactOffset(tz, day * DAY + DAY - HOUR) ? start : NaN;
    days.set(day, whole);
  }
  if (!Number.isNaN(whole)) return whole;
  const hours = cacheFor(hourOffsets, tz);
  const bucket = Math.floor(ms / HOUR);
  let offset = hours.get(bucket);
  if (offset === undefined) {
    offset = exactOffset(tz, bucket * HOUR);
    hours.set(bucket, offset);
  }
  return offset;
}

export function toLocal(ms: number, tz: string): number {
  return ms + tzOffset(tz, ms);
}

/** Wall time → instant (a time inside a DST gap lands an hour off; the seed never places anything at 02:00). */
export function fromLocal(local: number, tz: string): number {
  const guess = local - tzOffset(tz, local);
  return local - tzOffset(tz, guess);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD of a local-ms value (days-to-civil, H. Hinnant; faster than Date#toISOString). */
export function formatDate(localMs: number): string {
  const z = Math.floor(localMs / DAY) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The customer's calendar date (YYYY-MM-DD) at an instant. */
export function localDate(ms: number, tz: string): string {
  return formatDate(toLocal(ms, tz));
}

export function dateToLocalMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function addDays(date: string, days: number): string {
  return formatDate(dateToLocalMs(date) + days * DAY);
}

/** `days` weekdays (Mon–Fri) after `date`: carriers promise "3–7 business days". */
export function addWeekdays(date: string, days: number): string {
  let ms = dateToLocalMs(date);
  for (let left = days; left > 0; ) {
    ms += DAY;
    const weekday = new Date(ms).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return formatDate(ms);
}

/** The instant the local day `date` ends in `tz` (next local midnight). */
export function endOfLocalDay(date: string, tz: string): number {
  return fromLocal(dateToLocalMs(date) + DAY, tz);
}

/** An instant at a local wall time (minutes after midnight) on `date` in `tz`. */
export function atLocalTime(date: string, minutes: number, tz: string): number {
  return fromLocal(dateToLocalMs(date) + minutes * MINUTE, tz);
}

/** Adds business time on the default calendar: the real engine (lib/sla/business-time.ts), so seeded due times
 * are exactly what the app would compute. */
export function businessAdd(ms: number, seconds: number, cal: BusinessCalendar = defaultBusinessCalendar): number {
  const engine = cal === defaultBusinessCalendar ? defaultEngine : businessTime(cal);
  return engine.add(new Date(ms), seconds * 1000).getTime();
}

/** The due time of a clock opened at `startedAt` under `policy`. */
export function dueAfter(startedAt: number, policy: ClockPolicy): number {
  return policy.timeBase === "business" ? businessAdd(startedAt, policy.seconds) : startedAt + policy.seconds * 1000;
}

/** Local hour (0–23) and weekday (0 = Sunday) of an instant in `tz`. */
export function localHourAndWeekday(ms: number, tz: string): { hour: number; weekday: number } {
  const d = new Date(toLocal(ms, tz));
  return { hour: d.getUTCHours(), weekday: d.getUTCDay() };
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Nov 17" for a YYYY-MM-DD date. */
export function shortDate(date: string): string {
  const [, m, d] = date.split("-");
  return `${monthNames[Number(m) - 1] ?? ""} ${Number(d)}`;
}
