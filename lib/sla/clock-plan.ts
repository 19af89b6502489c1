import type { ClockKind } from "@/db/schema";
import type { BusinessCalendar, ClockPolicy, SlaPolicy } from "@/lib/settings/defaults";
import { businessTime, calendarTime, type TimeBasis } from "./business-time";
import { bandThresholds } from "./risk";
import { dayNumberFromIso, instantOfLocalTime } from "./zoned-time";

// Planning a clock: from the policy in force and the calendar, the instants it is due and turns critical and at
// risk. Pure, so the seed plans thousands of clocks without a database round trip per clock.

export type PlannedClock = {
  kind: ClockKind;
  timeBase: "business" | "calendar";
  allowanceSeconds: number;
  startedAt: Date;
  dueAt: Date;
  criticalAt: Date;
  atRiskAt: Date;
};

export type ClockPlanner = {
  /** A clock that opens at `startedAt` under the current policy. */
  plan(kind: ClockKind, startedAt: Date): PlannedClock;
  /** The delivery promise: due at the end of the promised local date in the customer's zone. */
  planDeliveryPromise(startedAt: Date, promisedDate: string, customerTimeZone: string): PlannedClock;
  /** A clock with an explicit deadline (e.g. the next processing update at "update expected by"). */
  planUntil(kind: ClockKind, startedAt: Date, dueAt: Date): PlannedClock;
  basisFor(timeBase: "business" | "calendar"): TimeBasis;
};

export function clockPlanner(calendar: BusinessCalendar, policy: SlaPolicy): ClockPlanner {
  const business = businessTime(calendar);
  const basisFor = (timeBase: "business" | "calendar") => (timeBase === "business" ? business : calendarTime);

  function planWith(kind: ClockKind, startedAt: Date, rule: ClockPolicy): PlannedClock {
    const basis = basisFor(rule.timeBase);
    const allowanceMs = rule.seconds * 1000;
    const { atRisk, critical } = bandThresholds(allowanceMs);
    return {
      kind,
      timeBase: rule.timeBase,
      allowanceSeconds: rule.seconds,
      startedAt,
      dueAt: basis.add(startedAt, allowanceMs),
      criticalAt: basis.add(startedAt, critical),
      atRiskAt: basis.add(startedAt, atRisk),
    };
  }

  function planUntil(kind: ClockKind, startedAt: Date, dueAt: Date): PlannedClock {
    const seconds = Math.max(0, Math.floor((dueAt.getTime() - startedAt.getTime()) / 1000));
    return { ...planWith(kind, startedAt, { seconds, timeBase: "calendar" }), dueAt };
  }

  return {
    plan: (kind, startedAt) => planWith(kind, startedAt, policy[kind]),
    planDeliveryPromise(startedAt, promisedDate, customerTimeZone) {
      const endOfDay = new Date(instantOfLocalTime(customerTimeZone, dayNumberFromIso(promisedDate), "24:00"));
      return planUntil("delivery_promise", startedAt, endOfDay);
    },
    planUntil,
    basisFor,
  };
}
