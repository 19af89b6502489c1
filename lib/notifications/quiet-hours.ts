import { dayNumberOf, instantOfLocalTime, wallClockMs } from "@/lib/sla/zoned-time";

// SMS quiet hours (issue 5): a text that is not urgent never buzzes a phone at night in the customer's own zone.
// It waits in the outbox until the quiet period ends. Hours are local wall times "HH:MM"; a start later than the
// end wraps midnight (the default 21:00–08:00); equal start and end means no quiet hours.

export type QuietHours = { start: string; end: string };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
};

/** When an SMS created at `now` may go out: `now` itself, or the end of the quiet period it falls in. */
export function smsSendAfter(now: Date, timeZone: string, quiet: QuietHours): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const minuteOfDay = Math.floor((wallClockMs(timeZone, now.getTime()) % 86_400_000) / 60_000);
  const today = dayNumberOf(timeZone, now.getTime());
  const wraps = start > end;
  const inQuiet = wraps ? minuteOfDay >= start || minuteOfDay < end : minuteOfDay >= start && minuteOfDay < end;
  if (!inQuiet) return now;
  // Late evening (after a wrapping start): the quiet period ends tomorrow morning; otherwise later today.
  const endDay = wraps && minuteOfDay >= start ? today + 1 : today;
  return new Date(instantOfLocalTime(timeZone, endDay, quiet.end));
}
