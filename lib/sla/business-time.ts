import type { BusinessCalendar, OpeningInterval, Weekday } from "@/lib/settings/defaults";
import { dayNumberFromIso, dayNumberOf, instantOfLocalTime, weekdayOf, type DayNumber } from "./zoned-time";

// Business-time arithmetic on a calendar (design.md "Business-time conventions"):
// - opening intervals are half-open [open, close) in local wall time; "24:00" is the next local midnight;
// - a holiday closes its whole local date;
// - business time is elapsed real time inside opening intervals (a 25-hour fall-back day open 00:00–24:00 counts 25 h);
// - add(t, d) starts counting at t when open, else at the next opening; a duration ending exactly at a close
//   ends at that close;
// - between(a, b) counts [a, b) and is antisymmetric;
// - an instant counts once, even where the intervals of two dates meet in real time (a date a zone skipped);
// - a duration that is not a finite number is a RangeError, never an endless search.
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
  const rawCache = new Map<DayNumber, Span[]>();
  const ownedCache = new Map<DayNumber, Span[]>();
  const midnights = new Map<DayNumber, number>();
  const zone = calendar.timeZone;

  // The opening intervals of one local date as instants, by the "compatible" rule. They may reach into a
  // neighbouring date's real time: a date skipped whole (Pacific/Apia, 2011-12-30) moves forward onto the next.
  function rawSpansOn(day: DayNumber): Span[] {
    const cached = rawCache.get(day);
    if (cached) return cached;
    const intervals = holidays.has(day) ? [] : (calendar.week[weekdayKeys[weekdayOf(day)]!] ?? []);
    const spans = intervals
      .map(({ open, close }) => [instantOfLocalTime(zone, day, open), instantOfLocalTime(zone, day, close)] as const)
      // A DST gap can swallow an interval whole (02:00–03:00 on a spring-forward night).
      .filter(([s, e]) => e > s);
    if (rawCache.size > 5_000) rawCache.clear();
    rawCache.set(day, spans);
    return spans;
  }

  function midnight(day: DayNumber): number {
    let ms = midnights.get(day);
    if (ms === undefined) {
      if (midnights.size > 5_000) midnights.clear();
      ms = instantOfLocalTime(zone, day, "00:00");
      midnights.set(day, ms);
    }
    return ms;
  }

  // Counted time is the union of every date's intervals, so no instant counts twice. Each date owns the part of
  // that union between its local midnight and the next one: the owned spans of different dates never overlap and
  // follow one another, so a walk over dates sees the timeline in order. A date that does not exist owns nothing.
  function spansOn(day: DayNumber): Span[] {
    const cached = ownedCache.get(day);
    if (cached) return cached;
    const lo = midnight(day);
    const hi = midnight(day + 1);
    const nearby: Span[] = [];
    // Zone changes move an interval by at most a day (Apia and Kwajalein skipped one), so neighbours suffice.
    for (let d = day - 2; d <= day + 1; d++) {
      for (const [s, e] of rawSpansOn(d)) if (e > lo && s < hi) nearby.push([Math.max(s, lo), Math.min(e, hi)]);
    }
    nearby.sort((a, b) => a[0] - b[0]);
    const spans: Span[] = [];
    for (const [s, e] of nearby) {
      const last = spans[spans.length - 1];
      if (last && s <= last[1]) spans[spans.length - 1] = [last[0], Math.max(last[1], e)];
      else spans.push([s, e]);
    }
    if (ownedCache.size > 5_000) ownedCache.clear();
    ownedCache.set(day, spans);
    return spans;
  }

  function add(start: Date, durationMs: number): Date {
    // NaN never compares and Infinity never runs out: either would walk the calendar forever.
    if (!Number.isFinite(durationMs)) throw new RangeError("add() takes a finite duration");
    if (durationMs < 0) throw new RangeError("add() takes a non-negative duration");
    const t = instantOf(start);
    let remaining = durationMs;
    // The date before t's own can own the time around t when a transition near midnight moves its end.
    const firstDay = dayNumberOf(zone, t) - 1;
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
    const from = instantOf(a);
    const to = instantOf(b);
    if (to < from) return 0 - between(b, a) || 0; // never -0
    let total = 0;
    const lastDay = dayNumberOf(zone, to) + 1;
    for (let day = dayNumberOf(zone, from) - 1; day <= lastDay; day++) {
      for (const [s, e] of spansOn(day)) {
        const lo = Math.max(s, from);
        const hi = Math.min(e, to);
        if (hi > lo) total += hi - lo;
      }
    }
    return total;
  }

  function isOpen(t: Date): boolean {
    const ms = instantOf(t);
    const day = dayNumberOf(zone, ms);
    for (let d = day - 1; d <= day + 1; d++) if (spansOn(d).some(([s, e]) => s <= ms && ms < e)) return true;
    return false;
  }

  return { add, between, spansOn, isOpen };
}

function instantOf(d: Date): number {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Business time needs a valid date");
  return ms;
}

/** Calendar time: every millisecond counts. The same interface, so clocks need not know which they use. */
export const calendarTime: TimeBasis = {
  add(start, durationMs) {
    if (!Number.isFinite(durationMs)) throw new RangeError("add() takes a finite duration");
    return new Date(instantOf(start) + durationMs);
  },
  between: (a, b) => instantOf(b) - instantOf(a),
};
