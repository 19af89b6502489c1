import { describe, expect, it } from "vitest";
import { smsSendAfter } from "./quiet-hours";

const quiet = { start: "21:00", end: "08:00" };

describe("SMS quiet hours in the customer's zone", () => {
  it("sends at once during the day", () => {
    const noonNewYork = new Date("2026-11-24T17:00:00Z");
    expect(smsSendAfter(noonNewYork, "America/New_York", quiet)).toEqual(noonNewYork);
  });

  it("holds a late-evening text until 08:00 the next morning", () => {
    // 22:30 in New York on Tuesday → 08:00 Wednesday (EST, UTC−5).
    expect(smsSendAfter(new Date("2026-11-25T03:30:00Z"), "America/New_York", quiet)).toEqual(new Date("2026-11-25T13:00:00Z"));
  });

  it("holds an early-morning text until 08:00 the same day", () => {
    // 05:10 in Berlin (CET, UTC+1) → 08:00 Berlin.
    expect(smsSendAfter(new Date("2026-11-24T04:10:00Z"), "Europe/Berlin", quiet)).toEqual(new Date("2026-11-24T07:00:00Z"));
  });

  it("quiet starts exactly at 21:00 and ends exactly at 08:00", () => {
    expect(smsSendAfter(new Date("2026-11-25T02:00:00Z"), "America/New_York", quiet)).toEqual(new Date("2026-11-25T13:00:00Z"));
    expect(smsSendAfter(new Date("2026-11-24T13:00:00Z"), "America/New_York", quiet)).toEqual(new Date("2026-11-24T13:00:00Z"));
    expect(smsSendAfter(new Date("2026-11-25T01:59:00Z"), "America/New_York", quiet)).toEqual(new Date("2026-11-25T01:59:00Z"));
  });

  it("lands on the right instant across a DST change (New York springs forward on 2026-03-08)", () => {
    // 23:00 EST on Saturday 7 March → 08:00 EDT (UTC−4) on Sunday.
    expect(smsSendAfter(new Date("2026-03-08T04:00:00Z"), "America/New_York", quiet)).toEqual(new Date("2026-03-08T12:00:00Z"));
  });

  it("handles a quiet period that does not wrap midnight, and no quiet hours at all", () => {
    const lunch = { start: "12:00", end: "13:30" };
    expect(smsSendAfter(new Date("2026-11-24T12:15:00Z"), "UTC", lunch)).toEqual(new Date("2026-11-24T13:30:00Z"));
    expect(smsSendAfter(new Date("2026-11-24T14:00:00Z"), "UTC", lunch)).toEqual(new Date("2026-11-24T14:00:00Z"));
    const at = new Date("2026-11-24T23:00:00Z");
    expect(smsSendAfter(at, "UTC", { start: "00:00", end: "00:00" })).toEqual(at);
  });
});
