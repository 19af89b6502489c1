import type { BusinessCalendar, OpeningInterval, Weekday } from "@/lib/settings/defaults";
import { dayNumberFromIso, dayNumberOf, instantOfLocalTime, weekdayOf, type DayNumber } from "./zoned-time";

// Business-time arithmetic on a calendar (design.md "Business-time conventions"):
// - opening intervals are half-open [open, close) in local wall time; "24:00" is the next local midnight;
// - a holiday closes its whole local date;
// - business time is elapsed real time inside opening intervals (a 25-hour fall-back day open 00:00–24:00 counts 25 h);
// - add(t, d) starts counting at t when open, else at the next opening; a duration ending exactly at a close
//   ends at that close;
// - between(a, b) counts [a, b) and is antisymmetric.
// All durations are milliseconds; instants are epoch milliseconds or Dates.

export type TimeBasis = {
  /** The instant after `durationMs` of counted time from `start`. */
  add(start: Date, durationMs: number): Date;
  /** Counted time in [a, b); negative when b is before a. */
  between(a: Date, b: Date): number;
};

type Span = readonly [start: number, end: number];

const weekdayKeys: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
// A calendar with no opening in this many days (e.g. every day a holiday) cannot satisfy any duration.
const MAX_SEARCH_DAYS = 3_700;

export class CalendarHasNoOpeningError extends Error {
  constructor() {
    super("The business calendar has no opening hours in the next ten years; SLA times cannot be computed.");
  }
}

export function validateInterval({ open, close }: OpeningInterval): boolean {
  const re = /^([01]\d|2[0-3]):[0-5]\d$/;
  return re.test(open) && (re.test(close) || close === "24:00") && open < close;
}

/** Business time on a calendar. Day spans are cached per instance, so keep one per calendar. */
export function businessTime(calendar: BusinessCalendar): TimeBasis & { spansOn(day: DayNumber): Span[]; isOpen(t: Date): boolean } {
  const holidays = new Set(calendar.holidays.map((h) => dayNumberFromIso(h.date)));
  const cache = new Map<DayNumber, Span[]>();
  const zone = calendar.timeZone;

  function spansOn(day: DayNumber): Span[] {
    const cached = cache.get(day);
    if (cached) return cached;
    let spans: Span[] = [];
    if (!holidays.has(day)) {
      const intervals = calendar.week[weekdayKeys[weekdayOf(day)]!] ?? [];
      const raw = intervals
        .map(({ open, close }) => [instantOfLocalTime(zone, day, open), instantOfLocalTime(zone, day, close)] as const)
        // A DST gap can swallow an interval whole (02:00–03:00 on a spring-forward night).
        .filter(([s, e]) => e > s)
        .sort((a, b) => a[0] - b[0]);
      // Merge overlaps so no time counts twice.
      for (const [s, e] of raw) {
        const last = spans[spans.length - 1];
        if (last && s <= last[1]) spans[spans.length - 1] = [last[0], Math.max(last[1], e)];
        else spans.push([s, e]);
      }
    }
    if (cache.size > 5_000) cache.clear();
    cache.set(day, spans);
    spans = cache.get(day)!;
    return spans;
  }

  function add(start: Date, durationMs: number): Date {
    if (durationMs < 0) throw new RangeError("add() takes a non-negative duration");
    const t = start.getTime();
    let remaining = durationMs;
    const firstDay = dayNumberOf(zone, t);
    for (let day = firstDay, idle = 0; idle < MAX_SEARCH_DAYS; day++) {
      const spans = spansOn(day);
      if (spans.length === 0) idle++;
      else idle = 0;
      for (const [s, e] of spans) {
        if (e <= t) continue;
        const from = Math.max(s, t);
        const available = e - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
    throw new CalendarHasNoOpeningError();
  }

  function between(a: Date, b: Date): number {
    const from = a.getTime();
    const to = b.getTime();
    if (to < from) return 0 - between(b, a) || 0; // never -0
    let total = 0;
    const lastDay = dayNumberOf(zone, to);
    for (let day = dayNumberOf(zone, from); day <= lastDay; day++) {
      for (const [s, e] of spansOn(day)) {
        const lo = Math.max(s, from);
        const hi = Math.min(e, to);
        if (hi > lo) total += hi - lo;
      }
    }
    return total;
  }

  function isOpen(t: Date): boolean {
    const ms = t.getTime();
    return spansOn(dayNumberOf(zone, ms)).some(([s, e]) => s <= ms && ms < e);
  }

  return { add, between, spansOn, isOpen };
}

/** Calendar time: every millisecond counts. The same interface, so clocks need not know which they use. */
export const calendarTime: TimeBasis = {
  add: (start, durationMs) => new Date(start.getTime() + durationMs),
  between: (a, b) => b.getTime() - a.getTime(),
};
