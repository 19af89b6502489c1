import { describe, expect, it } from "vitest";
import { formatDateTime, formatMoney } from "@/lib/format";
import { cachedFormatterCount, dateTimeFormat, numberFormat } from "@/lib/intl-cache";

describe("cached Intl formatters", () => {
  it("hands back the same formatter for the same locale and options, a different one otherwise", () => {
    const a = dateTimeFormat("en-US", { timeZone: "Europe/Berlin", hour: "numeric" });
    expect(dateTimeFormat("en-US", { timeZone: "Europe/Berlin", hour: "numeric" })).toBe(a);
    expect(dateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric" })).not.toBe(a);
    expect(dateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "numeric" })).not.toBe(a);
    expect(numberFormat("en-US", { style: "currency", currency: "EUR" })).toBe(numberFormat("en-US", { style: "currency", currency: "EUR" }));
  });

  it("formats in the zone it was asked for, whichever zone came first", () => {
    const at = new Date("2026-03-29T00:30:00Z");
    expect(formatDateTime(at, "Europe/Berlin")).toBe("Mar 29, 2026, 1:30 AM GMT+1");
    expect(formatDateTime(at, "America/Los_Angeles")).toBe("Mar 28, 2026, 5:30 PM PDT");
    expect(formatDateTime(at, "Europe/Berlin")).toBe("Mar 29, 2026, 1:30 AM GMT+1");
    expect(formatMoney(123456, "EUR")).toBe("€1,234.56");
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
  });

  it("stays bounded (500 date formatters) when calls keep naming new zones", () => {
    const zones = Intl.supportedValuesOf("timeZone");
    for (const zone of zones) for (const hour of ["numeric", "2-digit"] as const) dateTimeFormat("en-US", { timeZone: zone, hour });
    expect(zones.length * 2).toBeGreaterThan(500);
    expect(cachedFormatterCount().dateTime).toBe(500);
    // The first zone was evicted long ago; asking again builds a working one.
    expect(dateTimeFormat("en-US", { timeZone: zones[0]!, hour: "numeric", minute: "2-digit" }).format(new Date(0))).toMatch(/\d:\d\d/);
  });
});
