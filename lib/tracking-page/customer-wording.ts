import type { CallOutcome, ExceptionKind, HoldReason, OrderStatus, RequestKind } from "@/db/schema";
import { formatDuration } from "@/lib/format";

// How the tracking page words the order's states for the customer: plain words, nothing internal.

export const customerStatusLabels: Record<OrderStatus, string> = {
  received: "Order received",
  confirmed: "Order confirmed",
  processing: "Being prepared",
  shipped: "Shipped",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  closed: "Delivered",
  on_hold: "On hold",
  cancelled: "Cancelled",
};

export const holdExplanations: Record<HoldReason, string> = {
  payment: "We are waiting for your payment to go through.",
  stock: "We are waiting for an item to come back into stock.",
  address: "We need to check the delivery address with you.",
  other: "We have paused your order for a moment and will be in touch.",
};

export const delayLabels: Record<ExceptionKind, string> = {
  weather: "Weather delay",
  carrier: "Delay at the carrier",
  backorder: "An item is on backorder",
  stock: "Waiting for stock",
  payment: "Payment problem",
  address: "Address problem",
  damaged: "Damaged in transit",
  lost: "Lost in transit",
  other: "Delay",
};

export const requestKindLabels: Record<RequestKind, string> = {
  change_address: "Change the delivery address",
  change_items: "Change items or quantities",
  change_delivery_date: "Change the delivery date",
  cancel: "Cancel the order",
};

export const requestStatusLabels = { open: "Waiting for our answer", approved: "Approved", rejected: "Declined", withdrawn: "Withdrawn" } as const;

/** Where a question asked on this page stands, as the customer reads it. */
export const questionStateLabels = {
  waiting: "Waiting for our answer",
  answered: "Answered",
  waiting_customer: "Waiting for your reply",
  closed: "Closed",
} as const;
export type QuestionState = keyof typeof questionStateLabels;

/**
 * The reply allowance of a question's own clock, in words: "24 h", "8 business hours". The clock keeps the policy in
 * force when the question arrived, so an edit to the policy later does not change what this question was promised.
 */
export function answerWithinWords(allowance: { seconds: number; timeBase: "business" | "calendar" }): string {
  const { seconds, timeBase } = allowance;
  if (seconds > 0 && seconds % 3600 === 0) {
    const hours = seconds / 3600;
    return timeBase === "business" ? `${hours} business ${hours === 1 ? "hour" : "hours"}` : `${hours} h`;
  }
  return timeBase === "business" ? `${formatDuration(seconds)} of business time` : formatDuration(seconds);
}

export const callOutcomeLabels: Record<CallOutcome, string> = {
  reached: "We spoke with you.",
  voicemail: "We left you a voicemail.",
  no_answer: "We could not reach you.",
};

export const channelWords = { email: "Email", sms: "Text message", phone: "Phone call", portal: "Message on this page" } as const;

/** The first word of the customer's name: the page greets, it does not identify. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

export function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}
