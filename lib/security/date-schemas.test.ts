import { describe, expect, it } from "vitest";
import { isSaneDate, isSaneInstant, saneDate, saneInstant } from "./date-schemas";

// The one range for every accepted date and instant: 2000–2100 (docs/decisions.md "No 500 from any input").

describe("sane dates and instants", () => {
  it("takes real calendar dates from 2000-01-01 to 2100-12-31", () => {
    for (const date of ["2000-01-01", "2026-02-28", "2028-02-29", "2100-12-31"]) expect(isSaneDate(date), date).toBe(true);
    for (const date of ["0000-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "2100-02-29", "275760-09-13", "2026-1-1", "", " 2026-01-01"]) expect(isSaneDate(date), date).toBe(false);
    expect(saneDate().safeParse("2026-02-30").success).toBe(false);
    expect(saneDate().safeParse(20260101).success).toBe(false);
  });

  it("takes instants in the same years, with a time zone, as Dates", () => {
    expect(saneInstant("placedAt").parse("2026-05-01T14:30:00+02:00")).toEqual(new Date("2026-05-01T12:30:00Z"));
    expect(saneInstant("placedAt").safeParse("2100-12-31T23:59:59Z").success).toBe(true);
    for (const value of ["0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2101-01-01T00:00:00Z", "2000-01-01T00:00:00+01:00"]) {
      const result = saneInstant("placedAt").safeParse(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0]?.message, value).toBe("placedAt must be between 2000 and 2100");
    }
    for (const value of ["+275760-09-13T00:00:00Z", "2026-05-01T14:30:00", "NaN", ""]) expect(saneInstant("occurredAt").safeParse(value).error?.issues[0]?.message, value).toContain("ISO 8601");
    expect(isSaneInstant(NaN)).toBe(false);
    expect(isSaneInstant(Infinity)).toBe(false);
    expect(isSaneInstant(new Date(8.64e15))).toBe(false);
  });
});
