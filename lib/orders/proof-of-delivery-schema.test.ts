import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions/action";
import { localDateTimeNow, MAX_PHOTO_BYTES, recordProofSchema } from "./proof-of-delivery-schema";

const base = { orderId: "8b1c6a5e-0000-4000-8000-000000000001", expectedVersion: "3", recipientName: " Ada ", timeZone: "America/New_York" };

describe("the proof-of-delivery form", () => {
  it("reads the time received as a wall time in the viewer's zone, across DST", () => {
    expect(recordProofSchema.parse({ ...base, receivedAt: "2026-11-27T15:30" }).receivedAt).toEqual(new Date("2026-11-27T20:30:00Z"));
    expect(recordProofSchema.parse({ ...base, receivedAt: "2026-07-01T15:30" }).receivedAt).toEqual(new Date("2026-07-01T19:30:00Z"));
    // In the spring-forward gap the "compatible" rule moves forward by the gap.
    expect(recordProofSchema.parse({ ...base, receivedAt: "2026-03-08T02:30" }).receivedAt).toEqual(new Date("2026-03-08T07:30:00Z"));
    expect(localDateTimeNow("America/New_York", Date.parse("2026-11-27T20:30:45Z"))).toBe("2026-11-27T15:30");
  });

  it("treats an empty file input as no photo and refuses one over 8 MB", () => {
    const parsed = recordProofSchema.parse({ ...base, receivedAt: "2026-11-27T15:30", photo: new File([], "", { type: "application/octet-stream" }) });
    expect(parsed).toMatchObject({ recipientName: "Ada", expectedVersion: 3, photo: undefined });
    const big = recordProofSchema.safeParse({ ...base, receivedAt: "2026-11-27T15:30", photo: new File([new Uint8Array(MAX_PHOTO_BYTES + 1)], "big.jpg") });
    expect(fieldErrorsOf(big.error!)).toEqual({ photo: ["The photo is larger than 8 MB."] });
  });

  it("names each field that needs attention", () => {
    const parsed = recordProofSchema.safeParse({ ...base, recipientName: " ", receivedAt: "2026-02-30T10:00", timeZone: "Mars/Olympus" });
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      recipientName: ["Enter who received the parcel."],
      receivedAt: ["Enter the date and time it was received."],
      timeZone: ["Unknown time zone."],
    });
  });
});
