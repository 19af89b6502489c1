import type { TemplateName } from "@/db/schema";
import type { NoticeFacts } from "./templates";

// The parts of each template a person fills in (the composer's form), and their prefilled values. No rendering here:
// a client component may import this module.

/** The wording used when a rep leaves the optional parts of a delay empty (and prefilled for them to edit). */
export const standardText = {
  apology: "We're sorry: your order will arrive later than we told you.",
  nextSteps: "We are keeping a close eye on your order and will let you know as soon as anything changes.",
};

export type TemplateField = {
  name: string;
  label: string;
  kind: "text" | "textarea" | "date" | "datetime" | "money";
  required: boolean;
  help?: string;
  /** A closed choice (shown as a select); any other value is refused. */
  options?: { value: string; label: string }[];
};

const estimatedDelivery = (required: boolean): TemplateField => ({
  name: "estimatedDelivery",
  label: "Estimated delivery date",
  kind: "date",
  required,
  help: "Prefilled with the order's revised or promised delivery date.",
});

/** The parts of each template a person fills in; everything else comes from the order. */
export const templateFields: Record<TemplateName, TemplateField[]> = {
  // SOP 001 §2 lists the estimated delivery date among what a confirmation "must include".
  order_confirmation: [estimatedDelivery(true)],
  processing_update: [
    { name: "updateExpectedBy", label: "Update expected by", kind: "datetime", required: true, help: "In the customer's local time. The next processing-update clock falls due then." },
    { name: "reason", label: "What is taking longer", kind: "textarea", required: false },
  ],
  shipped: [estimatedDelivery(false)],
  tracking_updated: [estimatedDelivery(false)],
  out_for_delivery: [
    { name: "timeWindow", label: "Delivery time window", kind: "text", required: false, help: 'As the carrier gives it, e.g. "between 2 pm and 6 pm". Left empty, the notice says "today".' },
  ],
  delivered: [],
  delay: [
    { name: "cause", label: "Cause of the delay", kind: "textarea", required: true, help: 'In words the customer understands; it follows "delayed due to".' },
    { name: "revisedEta", label: "Revised delivery date", kind: "date", required: true },
    { name: "nextSteps", label: "Next steps", kind: "textarea", required: false, help: "What we are doing about it." },
    { name: "apology", label: "Apology", kind: "textarea", required: false },
  ],
  request_received: [
    { name: "request", label: "Request", kind: "text", required: false, options: [{ value: "modify", label: "Modify the order" }, { value: "cancel", label: "Cancel the order" }] },
    { name: "details", label: "Details", kind: "textarea", required: false, help: "What was asked, in the customer's terms." },
  ],
  request_outcome: [
    { name: "decision", label: "Decision", kind: "text", required: true, options: [{ value: "approved", label: "Approved" }, { value: "rejected", label: "Rejected" }] },
    { name: "whatChanges", label: "What changes (or why not)", kind: "textarea", required: true },
    { name: "refundAmount", label: "Refund amount", kind: "money", required: false },
    { name: "refundTimeline", label: "Refund timeline", kind: "text", required: false, help: 'Required with a refund, e.g. "within 5–10 business days".' },
  ],
  order_complete: [],
  issue: [
    { name: "issueKind", label: "Kind of problem", kind: "text", required: false, options: ["payment", "stock", "address", "other"].map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) })) },
    { name: "problem", label: "The problem", kind: "textarea", required: true },
    { name: "customerAction", label: "What the customer must do", kind: "textarea", required: true },
  ],
  inquiry_response: [
    { name: "question", label: "Their question (quoted back)", kind: "textarea", required: false },
    { name: "answer", label: "Answer", kind: "textarea", required: true },
  ],
};

/** Every field of the template, prefilled from the order where it can be (empty strings otherwise). */
export function defaultFields(template: TemplateName, facts: NoticeFacts): Record<string, string> {
  const values: Record<string, string> = Object.fromEntries(templateFields[template].map((f) => [f.name, ""]));
  const eta = facts.order?.revisedDeliveryDate ?? facts.order?.promisedDeliveryDate ?? "";
  if ("estimatedDelivery" in values) values.estimatedDelivery = eta;
  if (template === "delay") {
    values.revisedEta = facts.order?.revisedDeliveryDate ?? "";
    values.apology = standardText.apology;
    values.nextSteps = standardText.nextSteps;
  }
  return values;
}
