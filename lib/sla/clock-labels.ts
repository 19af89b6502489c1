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

/** Each clock's name, as a KPI row, a drill-down title and an automatic escalation's reason say it. */
export const clockKindNames: Record<ClockKind, string> = {
  confirmation: "Confirmation",
  processing_update: "Processing update",
  delay_notice: "Delay notice",
  shipping_notice: "Shipping notice",
  out_for_delivery_notice: "Out-for-delivery notice",
  delivery_notice: "Delivered notice",
  request_ack: "Request acknowledgement",
  request_outcome: "Request decision",
  inquiry_ack: "Inquiry reply",
  escalation_response: "Escalation response",
  delivery_promise: "Delivery promise",
  contact_failure: "Reaching the customer after an undeliverable message",
};
