import { describe, expect, it } from "vitest";
import { paymentStatuses } from "@/db/schema";
import { refundFor, refundTimelines } from "./refund";

describe("refundFor", () => {
  it("refunds a paid order's total within 5–10 business days", () => {
    expect(refundFor({ paymentStatus: "paid", totalCents: 4999 })).toEqual({ kind: "refund", cents: 4999, timeline: refundTimelines.refund });
  });

  it("releases an authorization (or a pending payment) within 1–3 business days: nothing was charged", () => {
    for (const paymentStatus of ["authorized", "pending"] as const) {
      expect(refundFor({ paymentStatus, totalCents: 2500 })).toEqual({ kind: "release", cents: 2500, timeline: refundTimelines.release });
    }
  });

  it("gives nothing back when nothing was taken, or all of it was already refunded", () => {
    for (const paymentStatus of ["failed", "refunded"] as const) {
      expect(refundFor({ paymentStatus, totalCents: 2500 })).toEqual({ kind: "none", cents: 0, timeline: null });
    }
  });

  it("leaves the amount of a partly refunded order to the payment system, but still says when", () => {
    expect(refundFor({ paymentStatus: "partially_refunded", totalCents: 2500 })).toEqual({ kind: "balance", cents: null, timeline: refundTimelines.refund });
  });

  it("refunds a part of the order (fewer items) by the same rules, and nothing for a change that costs no less", () => {
    expect(refundFor({ paymentStatus: "paid", totalCents: 9000 }, 1250)).toMatchObject({ kind: "refund", cents: 1250 });
    expect(refundFor({ paymentStatus: "authorized", totalCents: 9000 }, 1250)).toMatchObject({ kind: "release", cents: 1250 });
    for (const paymentStatus of paymentStatuses) {
      expect(refundFor({ paymentStatus, totalCents: 9000 }, 0)).toEqual({ kind: "none", cents: 0, timeline: null });
      expect(refundFor({ paymentStatus, totalCents: 9000 }, -500).kind).toBe("none");
    }
  });
});
