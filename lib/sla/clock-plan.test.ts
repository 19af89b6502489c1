import { describe, expect, it } from "vitest";
import { defaultBusinessCalendar, defaultSlaPolicy } from "@/lib/settings/defaults";
import { clockPlanner } from "./clock-plan";
import { riskBandAt } from "./risk";

const planner = clockPlanner(defaultBusinessCalendar, defaultSlaPolicy);
const at = (iso: string) => new Date(iso);

describe("clock planning", () => {
  it("plans the confirmation clock in business time with its band instants", () => {
    // Friday 2026-11-20 16:45 New York: 15 business minutes left on Friday, the rest on Monday.
    const clock = planner.plan("confirmation", at("2026-11-20T21:45:00Z"));
    expect(clock).toMatchObject({ timeBase: "business", allowanceSeconds: 3600 });
    expect(clock.dueAt).toEqual(at("2026-11-23T14:45:00Z"));
    // At risk after 30 counted minutes (Monday 09:15), critical with 15 minutes left (Monday 09:30).
    expect(clock.atRiskAt).toEqual(at("2026-11-23T14:15:00Z"));
    expect(clock.criticalAt).toEqual(at("2026-11-23T14:30:00Z"));
    // Over the weekend the order is on track: no business time is passing.
    expect(riskBandAt(clock, at("2026-11-22T12:00:00Z"))).toBe("on_track");
    expect(riskBandAt(clock, at("2026-11-23T14:20:00Z"))).toBe("at_risk");
    expect(riskBandAt(clock, at("2026-11-23T14:40:00Z"))).toBe("critical");
    expect(riskBandAt(clock, at("2026-11-23T14:45:00Z"))).toBe("critical");
    expect(riskBandAt(clock, at("2026-11-23T14:45:01Z"))).toBe("breached");
  });

  it("uses 25 % of the allowance for critical when that is more than 15 minutes", () => {
    const clock = planner.plan("request_outcome", at("2026-11-24T10:00:00Z"));
    expect(clock.dueAt).toEqual(at("2026-11-25T10:00:00Z"));
    expect(clock.criticalAt).toEqual(at("2026-11-25T04:00:00Z")); // 6 h (25 %) before due
    expect(clock.atRiskAt).toEqual(at("2026-11-24T22:00:00Z"));
  });

  it("makes the delivery promise due at the end of the promised day in the customer's zone", () => {
    const clock = planner.planDeliveryPromise(at("2026-11-20T15:00:00Z"), "2026-11-27", "America/Los_Angeles");
    expect(clock.dueAt).toEqual(at("2026-11-28T08:00:00Z")); // midnight PST
    expect(clock.timeBase).toBe("calendar");
  });

  it("takes the policy in force: a shorter confirmation policy gives an earlier due time", () => {
    const strict = clockPlanner(defaultBusinessCalendar, { ...defaultSlaPolicy, confirmation: { seconds: 1800, timeBase: "business" } });
    expect(strict.plan("confirmation", at("2026-11-24T15:00:00Z")).dueAt).toEqual(at("2026-11-24T15:30:00Z"));
  });
});
