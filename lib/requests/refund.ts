import type { Order } from "@/db/schema";

// What the customer gets back when a request takes money off the order (a cancellation, fewer items), and when —
// for the outcome notice (SOP 001 §5: "notify the customer of the outcome and next steps, e.g. refund processing").
// Orderline records the amount; the payment itself is refunded or released in the payment system.

export type Refund =
  /** Charged: the money goes back to the payment method. */
  | { kind: "refund"; cents: number; timeline: string }
  /** Only authorised (or still pending): nothing was taken, the hold on the funds is released. */
  | { kind: "release"; cents: number; timeline: string }
  /** Nothing was taken (payment failed, or already refunded in full). */
  | { kind: "none"; cents: 0; timeline: null }
  /** Partly refunded before: what is left is not known here, so the amount is for the payment system to settle. */
  | { kind: "balance"; cents: null; timeline: string };

export const refundTimelines = {
  refund: "within 5–10 business days",
  release: "released within 1–3 business days (the payment was authorized, not charged)",
} as const;

/** The refund for taking `cents` (by default the whole total) off this order, by what was paid. */
export function refundFor(order: Pick<Order, "paymentStatus" | "totalCents">, cents: number = order.totalCents): Refund {
  if (cents <= 0) return { kind: "none", cents: 0, timeline: null };
  switch (order.paymentStatus) {
    case "paid":
      return { kind: "refund", cents, timeline: refundTimelines.refund };
    case "pending":
    case "authorized":
      return { kind: "release", cents, timeline: refundTimelines.release };
    case "partially_refunded":
      return { kind: "balance", cents: null, timeline: refundTimelines.refund };
    case "failed":
    case "refunded":
      return { kind: "none", cents: 0, timeline: null };
  }
}
