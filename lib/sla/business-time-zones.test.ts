import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BusinessCalendar, OpeningInterval, Weekday } from "@/lib/settings/defaults";
import { businessTime, calendarTime } from "./business-time";
import { offsetMs, wallClockMs } from "./zoned-time";

// Business time in zones whose rules are unusual (a skipped calendar day), bad durations, and a property over every
// zone the platform knows, 2000–2040.

const H = 3_600_000;
const DAY = 24 * H;
const at = (iso: string) => new Date(iso);
const local = (zone: string, d: Date) => new Date(wallClockMs(zone, d.getTime())).toISOString().slice(0, 16);
const days = (week: Partial<Record<Weekday, OpeningInterval[]>>): Record<Weekday, OpeningInterval[]> => ({
  mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...week,
});
const nineToFive = [{ open: "09:00", close: "17:00" }];
const allDay = [{ open: "00:00", close: "24:00" }];
const monToSat = (iv: OpeningInterval[]) => days({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: iv });

describe("business time: a zone that skipped a calendar day (Pacific/Apia, 2011-12-30)", () => {
  // Samoa moved across the date line: Thursday 2011-12-29 24:00 (UTC−10) was followed by Saturday 2011-12-31 00:00
  // (UTC+14). By the "compatible" rule Friday's 09:00–17:00 moves forward by the 24-hour gap, onto Saturday's own
  // 09:00–17:00. Those hours used to count twice.
  const apia = businessTime({ timeZone: "Pacific/Apia", week: monToSat(nineToFive), holidays: [] });
  const thursday1600 = at("2011-12-30T02:00:00Z");

  it("the test's instants are what they claim", () => {
    expect(local("Pacific/Apia", thursday1600)).toBe("2011-12-29T16:00");
    expect(local("Pacific/Apia", at("2011-12-30T10:00:00Z"))).toBe("2011-12-31T00:00");
  });

  it("add is monotonic in the duration across the skipped day (it went backwards: 9 h → Sat 17:00, 10 h → Sat 10:00)", () => {
    const nine = apia.add(thursday1600, 9 * H);
    const ten = apia.add(thursday1600, 10 * H);
    // One hour on Thursday, eight on Saturday; the tenth hour is on Monday 2 January.
    expect(local("Pacific/Apia", nine)).toBe("2011-12-31T17:00");
    expect(local("Pacific/Apia", ten)).toBe("2012-01-02T10:00");
    expect(ten.getTime()).toBeGreaterThan(nine.getTime());
  });

  it("counts Saturday's hours once (it counted 17 h from Thursday 16:00 to Saturday 17:00)", () => {
    expect(apia.between(thursday1600, at("2011-12-31T03:00:00Z"))).toBe(9 * H);
    expect(apia.between(at("2011-12-30T10:00:00Z"), at("2011-12-31T10:00:00Z"))).toBe(8 * H);
  });

  it("opening hours of the missing Friday land on Saturday even when Saturday is closed (the compatible rule)", () => {
    const weekdays = businessTime({ timeZone: "Pacific/Apia", week: days({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }), holidays: [] });
    expect(local("Pacific/Apia", weekdays.add(thursday1600, 2 * H))).toBe("2011-12-31T10:00");
    expect(weekdays.isOpen(at("2011-12-30T20:00:00Z"))).toBe(true);
    // Thursday 16–17, Friday's hours on Saturday, Monday 2 January 09–10.
    expect(weekdays.between(thursday1600, at("2012-01-01T20:00:00Z"))).toBe(10 * H);
  });

  it("around the clock, the skipped day counts nothing and the week still adds up", () => {
    const always = businessTime({ timeZone: "Pacific/Apia", week: days({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }), holidays: [] });
    const thursdayMidnight = at("2011-12-29T10:00:00Z");
    const sundayMidnight = at("2011-12-31T10:00:00Z"); // Sunday 2012-01-01 00:00 +14
    expect(always.between(thursdayMidnight, sundayMidnight)).toBe(2 * DAY);
    expect(always.add(thursdayMidnight, 2 * DAY)).toEqual(sundayMidnight);
  });
});

describe("business time: durations that are not numbers", () => {
  const bt = businessTime({ timeZone: "Europe/Berlin", week: monToSat(nineToFive), holidays: [] });
  const t = at("2026-11-24T10:00:00Z");

  // Each of these looped forever: NaN never fits in a span and Infinity never runs out.
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("add(t, %s) is a RangeError, not an endless loop", (d) => {
    expect(() => bt.add(t, d)).toThrow(RangeError);
    expect(() => calendarTime.add(t, d)).toThrow(RangeError);
  });

  it("an invalid date is a RangeError too", () => {
    expect(() => bt.add(new Date(Number.NaN), 1 * H)).toThrow(RangeError);
    expect(() => bt.between(t, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => calendarTime.between(new Date(Number.NaN), t)).toThrow(RangeError);
  });

  it("a negative duration is still refused, and finite ones still work", () => {
    expect(() => bt.add(t, -1)).toThrow(RangeError);
    expect(bt.add(t, 1 * H)).toEqual(at("2026-11-24T11:00:00Z"));
  });
});

// Every zone of the platform's IANA database, instants in 2000–2040. Half of the instants are moved next to one of
// the zone's own offset changes (found by bisection), where the bugs live; the Samoa and Tokelau day skips are in the
// pool by name. Shapes: office hours six days a week (the skipped day's hours move onto the next), around the clock,
// and intervals that end at midnight or sit in the small hours, where DST changes happen.
const zones = Intl.supportedValuesOf("timeZone");
const shapes: Record<string, Record<Weekday, OpeningInterval[]>> = {
  office: monToSat(nineToFive),
  always: days({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }),
  nights: days({
    sun: [{ open: "00:00", close: "04:00" }, { open: "22:00", close: "24:00" }],
    mon: [{ open: "00:00", close: "06:00" }, { open: "23:30", close: "24:00" }],
    tue: [{ open: "00:00", close: "01:30" }],
    fri: [{ open: "01:00", close: "03:30" }, { open: "12:00", close: "12:15" }],
    sat: [{ open: "23:00", close: "24:00" }],
  }),
};
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2040, 11, 31);

/** The first offset change of `zone` within a year after `t`, or t itself if there is none. */
function nextTransition(zone: string, t: number): number {
  const step = 30 * DAY;
  const o = offsetMs(zone, t);
  for (let lo = t; lo < t + 365 * DAY; lo += step) {
    if (offsetMs(zone, lo + step) === o) continue;
    let [a, b] = [lo, lo + step];
    while (b - a > 60_000) {
      const m = a + Math.floor((b - a) / 2);
      if (offsetMs(zone, m) === o) a = m;
      else b = m;
    }
    return b;
  }
  return t;
}

const caseArb = fc
  .record({
    zone: fc.oneof(fc.constantFrom(...zones), fc.constantFrom("Pacific/Apia", "Pacific/Fakaofo")),
    shape: fc.constantFrom(...Object.keys(shapes)),
    seed: fc.integer({ min: FROM, max: TO }),
    nearTransition: fc.boolean(),
    jitter: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
    d1: fc.oneof(fc.integer({ min: 0, max: 6 * H }), fc.integer({ min: 0, max: 5 * DAY })),
    d2: fc.oneof(fc.integer({ min: 0, max: 6 * H }), fc.integer({ min: 0, max: 5 * DAY })),
  })
  .map((c) => {
    // Seeds for the day skips land just before them, so the bisection finds them.
    const seed = c.zone === "Pacific/Apia" || c.zone === "Pacific/Fakaofo" ? Date.UTC(2011, 11, 1) + (c.seed % (20 * DAY)) : c.seed;
    const t = c.nearTransition ? nextTransition(c.zone, seed) + c.jitter : seed;
    return { ...c, t: new Date(t) };
  });

describe("business time: properties in every IANA zone, 2000–2040", () => {
  it("add is monotonic in the duration, and measuring what it added gives the duration back", () => {
    fc.assert(
      fc.property(caseArb, ({ zone, shape, t, d1, d2 }) => {
        const calendar: BusinessCalendar = { timeZone: zone, week: shapes[shape]!, holidays: [] };
        const bt = businessTime(calendar);
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const a = bt.add(t, short);
        const b = bt.add(t, long);
        expect(a.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(b.getTime()).toBeGreaterThanOrEqual(a.getTime());
        expect(bt.between(t, b)).toBe(long);
        expect(bt.between(a, b)).toBe(long - short);
      }),
      { numRuns: 400, seed: 15 },
    );
  });
});
