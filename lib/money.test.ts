import { describe, expect, it } from "vitest";
import { centsToAmount, parseAmountToCents } from "./money";

describe("typed amounts to cents", () => {
  it("reads major units exactly, without float rounding", () => {
    expect(parseAmountToCents("19.99")).toBe(1999);
    expect(parseAmountToCents("0.1")).toBe(10);
    expect(parseAmountToCents("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(parseAmountToCents("1.005")).toBeNull();
    expect(parseAmountToCents(" 12 ")).toBe(1200);
    expect(parseAmountToCents("$1,234.5")).toBe(123450);
    expect(parseAmountToCents("1000000.00")).toBe(100_000_000);
    expect(parseAmountToCents("0")).toBe(0);
    expect(parseAmountToCents(".5")).toBe(50);
  });

  it("refuses what is not a plain amount, including a decimal comma", () => {
    for (const text of ["", "abc", "-1", "1.", ".", "12,50", "1,23,456", "1e3", "12.5.0", "1 000", "9999999999999"]) {
      expect(parseAmountToCents(text), text).toBeNull();
    }
  });

  it("writes cents back as an editable amount", () => {
    expect(centsToAmount(1999)).toBe("19.99");
    expect(centsToAmount(5)).toBe("0.05");
    expect(centsToAmount(120_000)).toBe("1200.00");
    for (const cents of [0, 1, 29, 1005, 123456789]) expect(parseAmountToCents(centsToAmount(cents))).toBe(cents);
  });
});
