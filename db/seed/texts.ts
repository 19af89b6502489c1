import type { Channel, TemplateName } from "@/db/schema";
import { shortDate } from "./time";

// Short, realistic texts for the communication log and the records beside an order.

export const carrierNames = { ups: "UPS", usps: "USPS", fedex: "FedEx", dhl: "DHL", other: "the carrier" } as const;

export type NoticeVars = {
  first: string;
  number: string;
  eta?: string;
  carrier?: keyof typeof carrierNames;
  tracking?: string;
  window?: string;
  cause?: string;
  revisedEta?: string;
  requestLabel?: string;
  outcome?: "approved" | "rejected";
  refundCents?: number;
  reason?: string;
  issue?: string;
  updateBy?: string;
  answer?: string;
};

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function parts(t: TemplateName, v: NoticeVars): [string, string, string] {
  const n = v.number;
  const eta = v.eta ? shortDate(v.eta) : "soon";
  const carrier = carrierNames[v.carrier ?? "other"];
  const updateBy = v.updateBy ? shortDate(v.updateBy) : "tomorrow";
  switch (t) {
    case "order_confirmation":
      return [`Order ${n} confirmed`, `we've confirmed your order ${n}. Estimated delivery: ${eta}. Questions? Just reply to this message.`, `Order ${n} confirmed, est. delivery ${eta}.`];
    case "processing_update":
      return [`An update on order ${n}`, `order ${n} is taking a little longer to prepare than usual. We'll send the next update by ${updateBy}.`, `Order ${n} needs a bit more time; next update by ${updateBy}.`];
    case "shipped":
      return [`Order ${n} has shipped`, `order ${n} is on its way with ${carrier}. Tracking number: ${v.tracking ?? "-"}. Estimated delivery: ${eta}.`, `Order ${n} shipped with ${carrier}, tracking ${v.tracking ?? "-"}.`];
    case "out_for_delivery":
      return [`Order ${n} is out for delivery`, `order ${n} is out for delivery today, expected ${v.window ?? "by 8 pm"}.`, `Order ${n} is out for delivery today, ${v.window ?? "by 8 pm"}.`];
    case "delivered":
      return [`Order ${n} was delivered`, `order ${n} was delivered${v.window ? ` (${v.window})` : ""}. How did we do? Rate your delivery from the link in your tracking page.`, `Order ${n} was delivered. Tell us how we did on your tracking page.`];
    case "delay":
      return [`Order ${n} is delayed`, `we're sorry: order ${n} is delayed. ${v.cause ?? ""} New estimated delivery: ${v.revisedEta ? shortDate(v.revisedEta) : "to be confirmed"}. We'll keep you posted.`, `Sorry, order ${n} is delayed. New est. delivery ${v.revisedEta ? shortDate(v.revisedEta) : "TBC"}.`];
    case "request_received":
      return [`We received your request for order ${n}`, `we received your request to ${v.requestLabel ?? "change"} order ${n}. We'll get back to you within 24 hours.`, `We got your request to ${v.requestLabel ?? "change"} order ${n}; answer within 24 h.`];
    case "request_outcome": {
      const refund = v.refundCents ? ` A refund of ${money(v.refundCents)} will reach your account in 5–10 business days.` : "";
      const text = v.outcome === "approved" ? `your request to ${v.requestLabel ?? "change"} order ${n} was approved.${refund}` : `we couldn't ${v.requestLabel ?? "change"} order ${n}: ${v.reason ?? ""}`;
      return [`Your request for order ${n}`, text, `Order ${n}: request ${v.outcome ?? "decided"}.${refund ? ` Refund ${money(v.refundCents ?? 0)}.` : ""}`];
    }
    case "order_complete":
      return [`Thank you for your order ${n}`, `thank you for shopping with us. Your receipt for order ${n} is attached.`, `Thanks for order ${n}! Receipt on your tracking page.`];
    case "issue":
      return [`Action needed on order ${n}`, `there is a problem with order ${n}: ${v.issue ?? "we need to check a detail"}. Please get in touch so we can ship it.`, `Order ${n}: ${v.issue ?? "we need a detail from you"}. Please contact us.`];
    case "tracking_updated":
      return [`New tracking details for order ${n}`, `the tracking details of order ${n} have changed: ${carrier}, tracking number ${v.tracking ?? "-"}.`, `New tracking for order ${n}: ${carrier} ${v.tracking ?? "-"}.`];
    case "inquiry_response":
      return [`Re: your question about order ${n}`, `thanks for your message about order ${n}. ${v.answer ?? ""}`, `Re order ${n}: ${v.answer ?? "thanks for your message."}`];
  }
}

/** Subject (null for SMS and calls) and plain text of a notice on a channel. */
export function noticeText(template: TemplateName, channel: Channel, v: NoticeVars): { subject: string | null; body: string } {
  const [subject, text, sms] = parts(template, v);
  if (channel === "sms") return { subject: null, body: `Northwind Goods: ${sms}` };
  if (channel === "phone") return { subject: null, body: `Call about order ${v.number}: ${sms}` };
  return { subject, body: `Hi ${v.first}, ${text}\n\n— Northwind Goods customer care` };
}

export const cancelReasons = {
  customer: ["Customer requested cancellation", "Customer ordered the wrong size", "Customer found a better delivery option", "Duplicate order placed by the customer"],
  payment: ["Payment declined by the card issuer", "Payment authorization expired"],
  stock: ["Item discontinued and out of stock"],
  fraud: ["Order flagged by fraud screening"],
} as const;

export const holdIssues = {
  payment: "your payment could not be authorized; please update your card on the tracking page",
  stock: "one item is out of stock; we can wait for the restock or ship the rest now",
  address: "the carrier could not validate the shipping address; please confirm it",
  other: "we need to confirm a detail before we ship",
} as const;

export const holdNotes = {
  payment: "Card authorization failed on capture",
  stock: "Waiting for restock of one line",
  address: "Address validation failed (unknown apartment number)",
  other: "Customer asked us to hold the order until further notice",
} as const;

export const exceptionTexts = {
  weather: ["Severe winter storm is delaying carrier operations in the region.", "Flooding closed the carrier's local hub."],
  carrier: ["The carrier missed the scheduled pickup from our warehouse.", "Parcel was held at the carrier's sort facility due to volume."],
  backorder: ["One item is backordered with our supplier.", "The supplier's shipment arrived later than planned."],
  stock: ["The warehouse count for one item was wrong; restock is on the way.", "Damaged stock found during picking; replacement unit ordered."],
  payment: ["Payment capture failed and had to be retried.", "The bank requested extra verification of the payment."],
  address: ["The carrier flagged the address as incomplete (missing unit number).", "Address could not be validated; waiting for the customer's confirmation."],
  damaged: ["The parcel was damaged in transit; a replacement is being sent.", "The carrier reported a damaged outer box; contents are being re-packed."],
  lost: ["The carrier reports the parcel as lost; we are shipping a replacement.", "No carrier scan for several days; a trace has been opened and a replacement sent."],
  other: ["Unexpected delay at the warehouse during inventory.", "System outage delayed the hand-over to the carrier."],
} as const;

export const exceptionResolutions = [
  "Shipped after the issue was cleared.",
  "Replacement shipped and delivered.",
  "Carrier resumed normal operations; parcel delivered.",
  "Customer confirmed the details; order released.",
  "Stock arrived and the order went out.",
] as const;

export const inquiryBodies = {
  early: ["Has my order shipped yet?", "Can you confirm the shipping address on my order?", "Can I still add an item to my order?", "When will my order ship?"],
  transit: ["Where is my order?", "The tracking hasn't updated in two days. Is everything OK?", "Can the carrier leave the parcel with my neighbour?", "Will my order arrive before the weekend?"],
  late: ["My package says delivered but I can't find it.", "Can I get an invoice for my order?", "One item arrived damaged. What should I do?", "How do I return one of the items?"],
} as const;

export const inquiryAnswers = [
  "Your order is on schedule and we'll send tracking as soon as it ships.",
  "I've checked with the carrier and your parcel is moving; the latest scan is on your tracking page.",
  "I've updated the note for the carrier as you asked.",
  "Your invoice is attached to this message.",
  "I've opened a trace with the carrier and will update you within 24 hours.",
  "We're sending a replacement for the damaged item at no cost.",
] as const;

export const requestRejections = {
  cancel: ["The order had already been packed and handed to the carrier.", "The order was already with the carrier when we reviewed the request."],
  change_address: ["The parcel had already left our warehouse.", "The new address is outside our delivery area."],
  change_items: ["Picking had already started for this order.", "The requested item is out of stock."],
  change_delivery_date: ["The carrier cannot hold the parcel that long.", "The requested date is a carrier holiday."],
} as const;

export const requestLabels = {
  cancel: "cancel",
  change_address: "change the delivery address of",
  change_items: "change the items in",
  change_delivery_date: "change the delivery date of",
} as const;

export const escalationReasons = [
  "Customer is upset about repeated delays",
  "Customer threatens a chargeback",
  "High-value order delayed past the promised date",
  "Customer reports the package as missing",
  "Second complaint about the same order",
  "Refund not received after approved cancellation",
] as const;

export const escalationOutcomes = [
  "Called the customer, offered a 15% voucher; accepted.",
  "Replacement shipped with express delivery.",
  "Refund confirmed with the payment provider; customer informed.",
  "Carrier trace closed, parcel found at the neighbour's.",
  "Explained the delay; customer happy to wait.",
] as const;

export const escalationComments = [
  "Looking into this now.",
  "Carrier trace opened, reference attached.",
  "Customer called again; told them we're on it.",
  "Finance confirms the refund went out yesterday.",
  "Warehouse confirms the replacement left today.",
] as const;

export const feedbackComments = {
  good: ["Fast delivery, thanks!", "Great quality and well packed.", "Exactly as described.", "Arrived earlier than expected.", "Love it, will order again."],
  mixed: ["Product is fine but shipping took a while.", "Box was a bit dented, contents OK.", "Took longer than the date you gave me."],
  bad: ["Arrived late and nobody told me.", "Wrong item in the box.", "Package was damaged.", "Had to chase you for updates."],
} as const;

export const reviewComments = ["Clear and friendly.", "Good tone, could mention the ETA.", "Missing the tracking link.", "Excellent, personal and precise.", "Too long for an SMS.", "Should apologise for the delay."] as const;

export const accuracyCauses = {
  address: [["address_typo", "Unit number missing in the shipping address; corrected before dispatch."], ["address_typo", "Street name misspelled at intake; corrected."], ["data_entry_error", "ZIP code entered wrong by the rep; corrected."]],
  items: [["picking_error", "Wrong colour picked; replacement sent."], ["wrong_variant", "Queen size ordered, King shipped."], ["quantity_mismatch", "Two units ordered, one packed."]],
} as const;
