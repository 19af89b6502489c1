import { describe, expect, it } from "vitest";
import { orderStatuses, type OrderStatus } from "@/db/schema";
import { allowedNextStatuses, transitionRefusal } from "./lifecycle";

// Every (from → to) pair of design.md's lifecycle, written out by hand: what must be allowed, everything else refused.
const allowed: Record<Exclude<OrderStatus, "on_hold">, OrderStatus[]> = {
  received: ["confirmed", "on_hold", "cancelled"],
  confirmed: ["processing", "on_hold", "cancelled"],
  processing: ["shipped", "on_hold", "cancelled"],
  // From shipping on, carrier events may skip steps forward.
  shipped: ["in_transit", "out_for_delivery", "delivered"],
  in_transit: ["out_for_delivery", "delivered"],
  out_for_delivery: ["delivered"],
  delivered: ["closed"],
  closed: [],
  cancelled: [],
};

describe("order lifecycle", () => {
  for (const [from, expected] of Object.entries(allowed) as [Exclude<OrderStatus, "on_hold">, OrderStatus[]][]) {
    it(`from ${from}: allows exactly ${expected.join(", ") || "nothing"}`, () => {
      const order = { status: from, statusBeforeHold: null };
      for (const to of orderStatuses) {
        const refusal = transitionRefusal(order, to);
        if (expected.includes(to)) expect(refusal, `${from} → ${to}`).toBeNull();
        else expect(refusal, `${from} → ${to}`).toMatch(/\w/);
      }
      expect(allowedNextStatuses(order).sort()).toEqual([...expected].sort());
    });
  }

  it("an order on hold goes back only to where it was, or is cancelled", () => {
    for (const before of ["received", "confirmed", "processing"] as const) {
      const order = { status: "on_hold" as const, statusBeforeHold: before };
      expect(allowedNextStatuses(order).sort()).toEqual([before, "cancelled"].sort());
    }
  });

  it("says why, and what to do instead", () => {
    expect(transitionRefusal({ status: "shipped", statusBeforeHold: null }, "cancelled")).toBe(
      "Already shipped — it can no longer be cancelled; a return can be arranged instead.",
    );
    expect(transitionRefusal({ status: "delivered", statusBeforeHold: null }, "shipped")).toMatch(/never go backwards/);
    expect(transitionRefusal({ status: "received", statusBeforeHold: null }, "shipped")).toMatch(/Next comes confirmed/);
    expect(transitionRefusal({ status: "processing", statusBeforeHold: null }, "closed")).toMatch(/Only delivered orders can be closed/);
  });
});
