import { describe, expect, it } from "vitest";
import { clockTransitions } from "./clock-rules";

describe("request clock rules", () => {
  it("the acknowledgement meets request_ack only; the outcome meets request_outcome and, if still open, request_ack", () => {
    const ack = clockTransitions({ type: "notice_sent", template: "request_received", messageId: "m1", subjectId: "r1" });
    expect(ack.meet).toEqual([{ kinds: ["request_ack"], subjectId: "r1" }]);
    const outcome = clockTransitions({ type: "notice_sent", template: "request_outcome", messageId: "m2", subjectId: "r1" });
    expect(outcome.meet).toEqual([{ kinds: ["request_outcome", "request_ack"], subjectId: "r1" }]);
    // Other notices meet their own clock alone.
    expect(clockTransitions({ type: "notice_sent", template: "inquiry_response", messageId: "m3", subjectId: "i1" }).meet).toEqual([{ kinds: ["inquiry_ack"], subjectId: "i1" }]);
  });

  it("an agreed delivery date replaces the delivery promise", () => {
    const t = clockTransitions({ type: "delivery_date_agreed", promisedDate: "2026-12-04", customerTimeZone: "America/New_York" });
    expect(t.cancel).toEqual([{ kinds: ["delivery_promise"] }]);
    expect(t.open).toEqual([{ kind: "delivery_promise", promisedDate: "2026-12-04", customerTimeZone: "America/New_York" }]);
  });
});
