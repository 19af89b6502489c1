import { describe, expect, it } from "vitest";
import { bucketsOf, bucketLabel, parseRangeParams, rangeQuery, resolveRange } from "./range";

const today = "2026-11-24"; // a Tuesday

describe("resolveRange", () => {
  it("presets end today and compare with the same number of days before", () => {
    expect(resolveRange({ range: "7d" }, today)).toMatchObject({ from: "2026-11-18", to: today, days: 7, previousFrom: "2026-11-11", previousTo: "2026-11-17", granularity: "day" });
    expect(resolveRange({}, today)).toMatchObject({ preset: "30d", from: "2026-10-26", days: 30 });
    expect(resolveRange({ range: "90d" }, today)).toMatchObject({ from: "2026-08-27", granularity: "week" });
    expect(resolveRange({ range: "12m" }, today)).toMatchObject({ from: "2025-11-25", days: 365, granularity: "month" });
    expect(resolveRange({ range: "this-month" }, today)).toMatchObject({ from: "2026-11-01", to: today, days: 24, previousFrom: "2026-10-08", previousTo: "2026-10-31" });
    expect(resolveRange({ range: "last-month" }, "2026-03-15")).toMatchObject({ from: "2026-02-01", to: "2026-02-28", days: 28, previousFrom: "2026-01-04" });
  });

  it("takes custom dates, and falls back with a reason when they make no sense", () => {
    expect(resolveRange({ range: "custom", from: "2026-03-02", to: "2026-03-15" }, today)).toMatchObject({ preset: "custom", days: 14, notice: null });
    expect(resolveRange({ range: "custom", from: "2026-03-15", to: "2026-03-02" }, today)).toMatchObject({ preset: "30d", notice: expect.stringMatching(/after the end/) });
    expect(resolveRange({ range: "custom", from: "2020-01-01", to: "2026-01-01" }, today).notice).toMatch(/at most 1096 days/);
    expect(resolveRange({ range: "custom", from: "2026-03-02" }, today).notice).toMatch(/both/);
  });

  it("shows long ranges by week rather than hundreds of daily points", () => {
    expect(resolveRange({ range: "custom", from: "2024-01-01", to: "2026-01-01", by: "day" }, today)).toMatchObject({ granularity: "week", notice: expect.stringMatching(/by week/) });
  });

  it("drops bad URL values instead of failing", () => {
    expect(parseRangeParams({ range: "forever", from: "2026-02-30", to: "2026-03-01", by: "hour" })).toEqual({ range: undefined, from: undefined, to: "2026-03-01", by: undefined });
  });
});

describe("buckets", () => {
  it("weeks start on Monday; the first and last may be partial", () => {
    expect(bucketsOf({ from: "2026-03-04", to: "2026-03-16", granularity: "week" })).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(bucketsOf({ from: "2026-01-31", to: "2026-04-01", granularity: "month" })).toEqual(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]);
    expect(bucketLabel("2026-03-02", "week")).toBe("Week of Mar 2");
    expect(bucketLabel("2026-03-01", "month")).toBe("Mar 2026");
  });

  it("a range's URL leaves the default preset out", () => {
    expect(rangeQuery({ preset: "30d", from: "x", to: "y", granularity: "day" })).toBe("?by=day");
    expect(rangeQuery({ preset: "custom", from: "2026-03-02", to: "2026-03-15", granularity: "week" }, { kind: "confirmation", only: "1" })).toBe(
      "?range=custom&from=2026-03-02&to=2026-03-15&by=week&kind=confirmation&only=1",
    );
  });
});
