import { describe, expect, it } from "vitest";
import { normaliseTrackingNumber, trackingLink, trackingNumberProblem } from "./tracking";

describe("tracking numbers", () => {
  it("accepts each carrier's real formats and refuses others with an example", () => {
    expect(trackingNumberProblem("ups", "1Z999AA10123456784")).toBeNull();
    expect(trackingNumberProblem("usps", "9400111899223100012345")).toBeNull();
    expect(trackingNumberProblem("usps", "EA123456789US")).toBeNull();
    expect(trackingNumberProblem("fedex", "123456789012")).toBeNull();
    expect(trackingNumberProblem("dhl", "1234567890")).toBeNull();
    expect(trackingNumberProblem("ups", "123456789012")).toBe("This is not a UPS tracking number (for example 1Z999AA10123456784).");
    expect(trackingNumberProblem("fedex", "1Z999AA10123456784")).toMatch(/not a FedEx/);
    expect(trackingNumberProblem("dhl", "")).toBe("Enter the tracking number.");
  });

  it("needs a https link template with {tracking} for other carriers", () => {
    expect(trackingNumberProblem("other", "AB12345", "https://track.example/{tracking}")).toBeNull();
    expect(trackingNumberProblem("other", "AB12345", null)).toMatch(/Give the carrier's tracking link/);
    expect(trackingNumberProblem("other", "AB12345", "https://track.example/")).toMatch(/must contain \{tracking\}/);
    expect(trackingNumberProblem("other", "AB12345", "http://track.example/{tracking}")).toMatch(/https/);
    expect(trackingNumberProblem("other", "<script>", "https://track.example/{tracking}")).toMatch(/letters and digits/);
  });

  it("normalises what people paste, and builds the link with the number escaped", () => {
    expect(normaliseTrackingNumber(" 1z 999-aa1 0123456784 ")).toBe("1Z999AA10123456784");
    expect(trackingLink("ups", "1Z999AA10123456784")).toBe("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(trackingLink("other", "A&B", "https://t.example/?n={tracking}")).toBe("https://t.example/?n=A%26B");
    expect(trackingLink(null, "X")).toBeNull();
  });
});
