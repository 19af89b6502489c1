import { describe, expect, it } from "vitest";
import { activeFilterCount, messageLogQuery, parseMessageLogFilters, parseMessageLogFiltersStrict } from "./log-filters";
import { describePeriod, resolvePeriod } from "./period";

const uuid = "3f2b8c1e-7d4a-4b6e-9f10-2a3b4c5d6e7f";

describe("parseMessageLogFilters (the page)", () => {
  it("keeps good values, normalising the order number and trimming text", () => {
    const { filters, ignored } = parseMessageLogFilters({
      range: "7d",
      channel: "sms",
      template: "none",
      sender: uuid,
      status: "bounced",
      provider: "twilio",
      order: "100123",
      customer: "  Ada ",
      q: " parcel ",
      reviewed: "no",
    });
    expect(ignored).toEqual([]);
    expect(filters).toEqual({ range: "7d", channel: "sms", template: "none", sender: uuid, status: "bounced", provider: "twilio", order: "OL-100123", customer: "Ada", q: "parcel", reviewed: "no" });
    expect(activeFilterCount(filters)).toBe(10);
  });

  it("drops hostile or stale values and names them, without throwing", () => {
    const { filters, ignored } = parseMessageLogFilters({
      channel: "fax",
      status: ["lost", "sent"],
      sender: "'; drop table messages; --",
      order: "OL-1 or 1=1",
      from: "2026-02-30",
      to: "yesterday",
      range: "forever",
      q: "x".repeat(201),
      customer: "y".repeat(500),
      reviewed: "maybe",
      template: "__proto__",
      before: "not|a-cursor",
      constructor: "x",
    });
    expect(filters).toEqual({});
    expect(ignored.sort()).toEqual(["Channel", "Customer", "Delivery status", "From", "Order", "Period", "Review", "Search", "Sent by", "Template", "To"].sort());
  });

  it("treats empty fields as absent (a GET form sends them all)", () => {
    expect(parseMessageLogFilters({ channel: "", q: "   ", from: "" })).toEqual({ filters: {}, ignored: [] });
  });

  it("swaps reversed dates, and lets dates win over a preset", () => {
    expect(parseMessageLogFilters({ from: "2026-11-24", to: "2026-11-01" }).filters).toEqual({ from: "2026-11-01", to: "2026-11-24" });
    expect(parseMessageLogFilters({ range: "today", from: "2026-11-01" }).filters).toEqual({ from: "2026-11-01" });
  });

  it("reads URLSearchParams too, and round-trips through the query string", () => {
    const query = messageLogQuery({ channel: "sms", q: "late parcel", reviewed: "yes" }, "2026-11-24 10:00:00.123+00|4812");
    const { filters } = parseMessageLogFilters(new URLSearchParams(query));
    expect(filters).toEqual({ channel: "sms", q: "late parcel", reviewed: "yes", before: { time: "2026-11-24 10:00:00.123+00", seq: "4812" } });
    expect(activeFilterCount(filters)).toBe(3);
  });
});

describe("parseMessageLogFiltersStrict (the export)", () => {
  it("refuses a bad value with a message naming the filter", () => {
    expect(parseMessageLogFiltersStrict(new URLSearchParams("channel=fax"))).toEqual({ ok: false, message: expect.stringContaining("Channel filter is not valid") });
    expect(parseMessageLogFiltersStrict(new URLSearchParams("from=2026-13-01"))).toMatchObject({ ok: false, message: expect.stringContaining("From") });
    expect(parseMessageLogFiltersStrict(new URLSearchParams("from=2026-11-24&to=2026-11-01"))).toEqual({ ok: false, message: "The From date is after the To date." });
  });

  it("accepts good filters and ignores the page cursor and unknown keys", () => {
    expect(parseMessageLogFiltersStrict(new URLSearchParams("channel=sms&status=bounced&before=junk&utm_source=x"))).toEqual({ ok: true, filters: { channel: "sms", status: "bounced" } });
  });
});

describe("periods", () => {
  const now = new Date("2026-11-24T03:00:00Z");

  it("starts presets at the viewer's midnight", () => {
    // 03:00 UTC on the 24th is still the 23rd in Los Angeles.
    expect(resolvePeriod({ range: "today" }, "UTC", now)).toEqual({ from: new Date("2026-11-24T00:00:00Z"), fromDay: "2026-11-24", toDay: "2026-11-24" });
    expect(resolvePeriod({ range: "today" }, "America/Los_Angeles", now).from).toEqual(new Date("2026-11-23T08:00:00Z"));
    expect(resolvePeriod({ range: "7d" }, "UTC", now).from).toEqual(new Date("2026-11-18T00:00:00Z"));
  });

  it("includes the whole To day, across a daylight-saving change", () => {
    // New York leaves daylight time on 2026-11-01: that day is 25 hours long.
    expect(resolvePeriod({ from: "2026-11-01", to: "2026-11-01" }, "America/New_York", now)).toMatchObject({
      from: new Date("2026-11-01T04:00:00Z"),
      to: new Date("2026-11-02T05:00:00Z"),
    });
  });

  it("describes itself", () => {
    expect(describePeriod(resolvePeriod({ range: "7d" }, "UTC", now))).toBe("Nov 18, 2026 – Nov 24, 2026");
    expect(describePeriod({ fromDay: "2026-11-01" })).toBe("since Nov 1, 2026");
    expect(describePeriod({})).toBeNull();
  });
});
