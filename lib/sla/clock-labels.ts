import type { ClockKind } from "@/db/schema";

/** Each clock in words, as the queue and the order page say it. */
export const clockDueLabels: Record<ClockKind, string> = {
  confirmation: "Confirmation due",
  processing_update: "Processing update due",
  delay_notice: "Delay notice due",
  shipping_notice: "Shipping notice due",
  out_for_delivery_notice: "Out-for-delivery notice due",
  delivery_notice: "Delivered notice due",
  request_ack: "Request acknowledgement due",
  request_outcome: "Request decision due",
  inquiry_ack: "Inquiry reply due",
  escalation_response: "Escalation response due",
  delivery_promise: "Delivery promised by",
  contact_failure: "Message undeliverable: reach the customer",
};
