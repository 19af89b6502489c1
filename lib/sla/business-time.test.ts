import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BusinessCalendar, OpeningInterval, Weekday } from "@/lib/settings/defaults";
import { businessTime, calendarTime } from "./business-time";
import { wallClockMs } from "./zoned-time";

const H = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const days = (week: Partial<Record<Weekday, OpeningInterval[]>>): Record<Weekday, OpeningInterval[]> => ({
  mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...week,
});
const weekdays = (intervals: OpeningInterval[]) => days({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });
const nineToFive = [{ open: "09:00", close: "17:00" }];
const allDay = [{ open: "00:00", close: "24:00" }];

const newYork: BusinessCalendar = {
  timeZone: "America/New_York",
  week: weekdays(nineToFive),
  holidays: [{ date: "2026-11-26", name: "Thanksgiving" }, { date: "2026-12-25", name: "Christmas" }],
};

describe("business time: worked examples", () => {
  const ny = businessTime(newYork);

  it("an order at 16:45 on Friday, open 9–17 Mon–Fri, has its confirmation due 09:45 Monday (SOP 001 §2)", () => {
    // Friday 2026-11-20 16:45 EST = 21:45Z; Monday 09:45 EST = 14:45Z.
    expect(ny.add(at("2026-11-20T21:45:00Z"), 1 * H)).toEqual(at("2026-11-23T14:45:00Z"));
  });

  it("counts from the next opening when started outside hours", () => {
    // Saturday noon → Monday 09:00 + 1 h.
    expect(ny.add(at("2026-11-21T17:00:00Z"), 1 * H)).toEqual(at("2026-11-23T15:00:00Z"));
    // Before opening on a weekday.
    expect(ny.add(at("2026-11-24T12:00:00Z"), 30 * MIN)).toEqual(at("2026-11-24T14:30:00Z"));
  });

  it("add(t, 0) is t inside hours and the next opening outside", () => {
    expect(ny.add(at("2026-11-24T15:00:00Z"), 0)).toEqual(at("2026-11-24T15:00:00Z"));
    expect(ny.add(at("2026-11-24T22:00:00Z"), 0)).toEqual(at("2026-11-25T14:00:00Z"));
    // Exactly at the close is outside ([open, close) is half-open).
    expect(ny.add(at("2026-11-24T22:00:00Z"), 0)).toEqual(at("2026-11-25T14:00:00Z"));
  });

  it("a duration ending exactly at a close ends at that close, not the next opening", () => {
    expect(ny.add(at("2026-11-24T21:00:00Z"), 1 * H)).toEqual(at("2026-11-24T22:00:00Z"));
  });

  it("skips a holiday's whole local date", () => {
    // Wednesday 16:30 before Thanksgiving + 1 h → Friday 09:30.
    expect(ny.add(at("2026-11-25T21:30:00Z"), 1 * H)).toEqual(at("2026-11-27T14:30:00Z"));
    expect(ny.between(at("2026-11-25T21:30:00Z"), at("2026-11-27T14:30:00Z"))).toBe(1 * H);
  });

  it("2 business days of 8 hours from Friday afternoon lands on Tuesday afternoon", () => {
    expect(ny.add(at("2026-11-20T20:00:00Z"), 16 * H)).toEqual(at("2026-11-24T20:00:00Z"));
  });

  it("handles split shifts (8–12 and 13–17)", () => {
    const split = businessTime({ timeZone: "Europe/Berlin", week: weekdays([{ open: "08:00", close: "12:00" }, { open: "13:00", close: "17:00" }]), holidays: [] });
    // Tuesday 11:30 CET + 1 h → 13:30 (the lunch hour does not count).
    expect(split.add(at("2026-11-24T10:30:00Z"), 1 * H)).toEqual(at("2026-11-24T12:30:00Z"));
    expect(split.between(at("2026-11-24T07:00:00Z"), at("2026-11-24T16:00:00Z"))).toBe(8 * H);
  });

  it("counts elapsed real time across DST: 23 hours on spring-forward day, 25 on fall-back day", () => {
    const ny247 = businessTime({ timeZone: "America/New_York", week: days({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }), holidays: [] });
    // 2026-03-08 (spring forward) and 2026-11-01 (fall back), midnight to midnight local.
    expect(ny247.between(at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z"))).toBe(23 * H);
    expect(ny247.between(at("2026-11-01T04:00:00Z"), at("2026-11-02T05:00:00Z"))).toBe(25 * H);
    const berlinSundays = businessTime({ timeZone: "Europe/Berlin", week: days({ sun: allDay }), holidays: [] });
    expect(berlinSundays.between(at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"))).toBe(25 * H);
    expect(berlinSundays.between(at("2026-03-28T00:00:00Z"), at("2026-03-31T00:00:00Z"))).toBe(23 * H);
  });

  it("moves an opening inside a spring-forward gap forward by the gap, and takes the earlier instant in an overlap", () => {
    const gap = businessTime({ timeZone: "America/New_York", week: days({ sun: [{ open: "02:30", close: "04:00" }] }), holidays: [] });
    // 02:30 does not exist on 2026-03-08: it becomes 03:30 EDT (07:30Z); the interval is 30 minutes long.
    expect(gap.add(at("2026-03-08T05:00:00Z"), 0)).toEqual(at("2026-03-08T07:30:00Z"));
    expect(gap.between(at("2026-03-08T05:00:00Z"), at("2026-03-09T05:00:00Z"))).toBe(30 * MIN);
    const overlap = businessTime({ timeZone: "America/New_York", week: days({ sun: [{ open: "01:30", close: "03:00" }] }), holidays: [] });
    // 01:30 happens twice on 2026-11-01: the earlier (EDT, 05:30Z) counts; 01:30 EDT → 03:00 EST is 2.5 h.
    expect(overlap.add(at("2026-11-01T04:00:00Z"), 0)).toEqual(at("2026-11-01T05:30:00Z"));
    expect(overlap.between(at("2026-11-01T04:00:00Z"), at("2026-11-02T04:00:00Z"))).toBe(2.5 * H);
  });

  it("works in a zone without DST and with a half-hour offset (Asia/Kolkata)", () => {
    const kolkata = businessTime({ timeZone: "Asia/Kolkata", week: weekdays(nineToFive), holidays: [] });
    // Friday 16:45 IST = 11:15Z → Monday 09:45 IST = 04:15Z.
    expect(kolkata.add(at("2026-11-20T11:15:00Z"), 1 * H)).toEqual(at("2026-11-23T04:15:00Z"));
  });

  it("between is antisymmetric, and calendar time counts every millisecond", () => {
    const a = at("2026-11-20T15:00:00Z");
    const b = at("2026-11-24T15:00:00Z");
    expect(ny.between(b, a)).toBe(-ny.between(a, b));
    // Friday 10–17 (7 h) + Monday 9–17 (8 h) + Tuesday 9–10 (1 h).
    expect(ny.between(a, b)).toBe(16 * H);
  });

  it("calendar time is plain elapsed time", () => {
    expect(calendarTime.add(at("2026-11-20T21:45:00Z"), 1 * H)).toEqual(at("2026-11-20T22:45:00Z"));
    expect(calendarTime.between(at("2026-11-20T21:45:00Z"), at("2026-11-20T20:45:00Z"))).toBe(-1 * H);
  });
});

// Property tests over random instants and durations, in three zones, across both DST changes of 2026 and 2027,
// weekends, holidays, starts outside opening hours and durations longer than a week.
const zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata"] as const;
const shapes: Record<string, Record<Weekday, OpeningInterval[]>> = {
  "9-17 weekdays": weekdays(nineToFive),
  "split shift": weekdays([{ open: "08:00", close: "12:00" }, { open: "13:00", close: "17:00" }]),
  "around the clock": days({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }),
  // Opening hours across the DST hours themselves, and a night shift that runs through midnight.
  "nights and DST hours": days({
    sun: [{ open: "00:00", close: "04:00" }, { open: "22:00", close: "24:00" }],
    mon: [{ open: "00:00", close: "06:00" }],
    sat: [{ open: "01:00", close: "03:30" }],
    wed: [{ open: "12:00", close: "12:15" }],
  }),
};
const holidays = [
  { date: "2026-03-09", name: "a Monday after spring-forward" },
  { date: "2026-11-02", name: "a Monday after fall-back" },
  { date: "2026-12-24", name: "Christmas Eve" },
  { date: "2026-12-25", name: "Christmas" },
  { date: "2027-01-01", name: "New Year" },
];

const calendarArb = fc.record({
  timeZone: fc.constantFrom(...zones),
  shape: fc.constantFrom(...Object.keys(shapes)),
  withHolidays: fc.boolean(),
});
const toCalendar = (c: { timeZone: string; shape: string; withHolidays: boolean }): BusinessCalendar => ({
  timeZone: c.timeZone,
  week: shapes[c.shape]!,
  holidays: c.withHolidays ? holidays : [],
});
// 2026-01-01 … 2027-12-31, biased towards DST weekends.
const dstWeekends = ["2026-03-07", "2026-03-28", "2026-10-24", "2026-10-31", "2027-03-13", "2027-03-27", "2027-10-30", "2027-11-06"].map((d) => Date.parse(`${d}T00:00:00Z`));
const instantArb = fc.oneof(
  fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-12-31T00:00:00Z") }),
  fc.tuple(fc.constantFrom(...dstWeekends), fc.integer({ min: 0, max: 3 * 86_400_000 })).map(([d, off]) => d + off),
).map((ms) => new Date(ms));
const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 4 * H }),
  fc.integer({ min: 0, max: 10 * 24 * H }), // longer than a week
  fc.constantFrom(0, 1 * H, 8 * H, 16 * H),
);

describe("business time: properties", () => {
  const runs = { numRuns: 400 };

  it("adding then measuring gives the duration back", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (c, t, d) => {
        const bt = businessTime(toCalendar(c));
        expect(bt.between(t, bt.add(t, d))).toBe(d);
      }),
      runs,
    );
  });

  it("results are inside opening hours (or exactly at a close the duration ended on)", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (c, t, d) => {
        const bt = businessTime(toCalendar(c));
        const r = bt.add(t, d);
        expect(r.getTime()).toBeGreaterThanOrEqual(t.getTime());
        if (bt.isOpen(r)) return;
        // Not open: only allowed when counting ended on a close, i.e. the millisecond before was open.
        expect(d).toBeGreaterThan(0);
        expect(bt.isOpen(new Date(r.getTime() - 1))).toBe(true);
      }),
      runs,
    );
  });

  it("is monotonic in the start and in the duration", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, durationArb, durationArb, (c, t1, t2, d1, d2) => {
        const bt = businessTime(toCalendar(c));
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(bt.add(early, d1).getTime()).toBeLessThanOrEqual(bt.add(late, d1).getTime());
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(bt.add(early, short).getTime()).toBeLessThanOrEqual(bt.add(early, long).getTime());
      }),
      runs,
    );
  });

  it("between is antisymmetric and additive", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, instantArb, (c, a, b, m) => {
        const bt = businessTime(toCalendar(c));
        expect(bt.between(b, a) + bt.between(a, b)).toBe(0);
        expect(bt.between(a, m) + bt.between(m, b)).toBe(bt.between(a, b));
      }),
      // Instants up to two years apart make each case walk hundreds of days; fewer runs keep the suite quick.
      { numRuns: 120 },
    );
  });

  // An independent oracle: walk minute by minute and ask Intl for the wall time of each instant. It agrees with the
  // engine wherever no opening boundary falls in a DST gap (where the "compatible" rule, not wall time, decides).
  it("agrees with a minute-by-minute walk over the wall clock", () => {
    const oracleShapes = ["9-17 weekdays", "split shift", "around the clock"];
    const weekdayKeys: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    fc.assert(
      fc.property(
        calendarArb.filter((c) => oracleShapes.includes(c.shape)),
        instantArb.map((t) => new Date(Math.floor(t.getTime() / MIN) * MIN)),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (c, start, minutes) => {
          const calendar = toCalendar(c);
          const holidaySet = new Set(calendar.holidays.map((h) => h.date));
          let counted = 0;
          for (let i = 0; i < minutes; i++) {
            const wall = new Date(wallClockMs(calendar.timeZone, start.getTime() + i * MIN));
            const date = wall.toISOString().slice(0, 10);
            const hhmm = wall.toISOString().slice(11, 16);
            if (holidaySet.has(date)) continue;
            const open = calendar.week[weekdayKeys[wall.getUTCDay()]!].some((iv) => iv.open <= hhmm && hhmm < (iv.close === "24:00" ? "24:00" : iv.close));
            if (open) counted += MIN;
          }
          expect(businessTime(calendar).between(start, new Date(start.getTime() + minutes * MIN))).toBe(counted);
        },
      ),
      { numRuns: 120 },
    );
  });
});
