// Wall-clock arithmetic in IANA time zones, on the platform's Intl data (no library: the rules we need are small
// and must match design.md's "compatible" convention exactly).

/** A civil date as days since 1970-01-01 (no time zone). */
export type DayNumber = number;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading at an instant, expressed as if it were UTC milliseconds. */
export function wallClockMs(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wholeSeconds = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  // formatToParts drops milliseconds; keep them so the round trip is exact.
  return wholeSeconds + (((instantMs % 1000) + 1000) % 1000);
}

/** UTC offset in milliseconds at an instant (local = UTC + offset). */
export function offsetMs(timeZone: string, instantMs: number): number {
  return wallClockMs(timeZone, instantMs) - instantMs;
}

/**
 * The instant of a local wall time by the "compatible" rule (as in Temporal and java.time): a wall time inside a
 * spring-forward gap moves forward by the gap; one inside a fall-back overlap takes the earlier instant.
 * `wallMs` is the wall time written as UTC milliseconds (Date.UTC of its fields).
 */
export function instantOfWallClock(timeZone: string, wallMs: number): number {
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMs(timeZone, wallMs - DAY_MS);
  const after = offsetMs(timeZone, wallMs + DAY_MS);
  const candidates = [...new Set([wallMs - before, wallMs - after])].filter((i) => wallClockMs(timeZone, i) === wallMs).sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!; // the earlier one in an overlap
  // In a gap: read the wall time with the offset in force before the transition, which lands after it.
  return wallMs - before;
}

export function dayNumberOf(timeZone: string, instantMs: number): DayNumber {
  return Math.floor(wallClockMs(timeZone, instantMs) / DAY_MS);
}

export function dayNumberFromIso(date: string): DayNumber {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

export function isoFromDayNumber(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCDay();
}

/** The instant of "HH:MM" on a local date; "24:00" is the next local midnight. */
export function instantOfLocalTime(timeZone: string, day: DayNumber, hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return instantOfWallClock(timeZone, day * DAY_MS + (h! * 60 + m!) * 60_000);
}
