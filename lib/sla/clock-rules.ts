import type { ClockKind, TemplateName } from "@/db/schema";

// Which clocks each domain event opens, meets, cancels, pauses or resumes (design.md "SLA clocks"). The one table
// of clock rules: the database path (lib/sla/clocks.ts applyClockEvent) and the seed's in-memory path both read it.

export type ClockEvent =
  | { type: "order_received" }
  | { type: "order_confirmed"; promisedDate: string | null; customerTimeZone: string }
  | { type: "order_shipped" }
  | { type: "order_out_for_delivery" }
  | { type: "order_delivered" }
  | { type: "order_cancelled" }
  | { type: "order_held" }
  | { type: "order_released" }
  | { type: "exception_opened"; exceptionId: string }
  | { type: "exception_resolved"; exceptionId: string }
  | { type: "notice_sent"; template: TemplateName; messageId: string; subjectId?: string | null; updateExpectedBy?: Date | null }
  | { type: "request_received"; requestId: string }
  | { type: "request_withdrawn"; requestId: string }
  | { type: "delivery_date_agreed"; promisedDate: string; customerTimeZone: string }
  | { type: "inquiry_received"; inquiryId: string }
  | { type: "inquiry_waiting"; inquiryId: string }
  | { type: "inquiry_resumed"; inquiryId: string }
  | { type: "escalation_opened"; escalationId: string }
  | { type: "escalation_acknowledged"; escalationId: string }
  | { type: "message_undeliverable"; messageId: string }
  | { type: "customer_reached" };

/** A clock to open; `subjectId` ties it to a request, inquiry, escalation or exception. */
export type OpenSpec =
  | { kind: ClockKind; subjectId?: string }
  | { kind: "delivery_promise"; promisedDate: string; customerTimeZone: string }
  | { kind: "processing_update"; dueAt: Date };

/** Which open clocks an event acts on: every open clock of these kinds on the order, or only the subject's. */
export type ClockMatch = { kinds: readonly ClockKind[]; subjectId?: string };

export type ClockTransitions = {
  open: OpenSpec[];
  meet: ClockMatch[];
  cancel: ClockMatch[];
  pause: ClockMatch[];
  resume: ClockMatch[];
};

/** The clock each notice template meets (design.md "Notifications"); order_complete and issue meet none. */
export const clockMetByTemplate: Partial<Record<TemplateName, ClockKind>> = {
  order_confirmation: "confirmation",
  processing_update: "processing_update",
  shipped: "shipping_notice",
  out_for_delivery: "out_for_delivery_notice",
  delivered: "delivery_notice",
  delay: "delay_notice",
  request_received: "request_ack",
  request_outcome: "request_outcome",
  inquiry_response: "inquiry_ack",
};

// Clocks about the order's own progress: they fall away when the order is cancelled and wait while it is on hold.
// Requests, inquiries and escalations keep running — the customer is still owed an answer.
const orderProgressClocks: readonly ClockKind[] = [
  "confirmation",
  "processing_update",
  "delay_notice",
  "shipping_notice",
  "out_for_delivery_notice",
  "delivery_notice",
  "delivery_promise",
];

const none = (): ClockTransitions => ({ open: [], meet: [], cancel: [], pause: [], resume: [] });

export function clockTransitions(event: ClockEvent): ClockTransitions {
  const t = none();
  switch (event.type) {
    case "order_received":
      t.open.push({ kind: "confirmation" });
      break;
    case "order_confirmed":
      t.open.push({ kind: "processing_update" });
      if (event.promisedDate) t.open.push({ kind: "delivery_promise", promisedDate: event.promisedDate, customerTimeZone: event.customerTimeZone });
      break;
    case "order_shipped":
      t.meet.push({ kinds: ["processing_update"] });
      t.open.push({ kind: "shipping_notice" });
      break;
    case "order_out_for_delivery":
      t.meet.push({ kinds: ["processing_update"] });
      t.open.push({ kind: "out_for_delivery_notice" });
      break;
    case "order_delivered":
      t.meet.push({ kinds: ["processing_update", "delivery_promise"] });
      // Delivered before the customer was told it was out for delivery (or a carrier skipped through that step):
      // the delivered notice replaces the out-for-delivery one, which is owed no more.
      t.cancel.push({ kinds: ["out_for_delivery_notice"] });
      t.open.push({ kind: "delivery_notice" });
      break;
    case "order_cancelled":
      t.cancel.push({ kinds: orderProgressClocks });
      break;
    case "order_held":
      t.pause.push({ kinds: orderProgressClocks });
      break;
    case "order_released":
      t.resume.push({ kinds: orderProgressClocks });
      break;
    case "exception_opened":
      t.open.push({ kind: "delay_notice", subjectId: event.exceptionId });
      break;
    case "exception_resolved":
      // A delay that resolved before the customer was told needs no notice any more.
      t.cancel.push({ kinds: ["delay_notice"], subjectId: event.exceptionId });
      break;
    case "notice_sent": {
      const kind = clockMetByTemplate[event.template];
      if (!kind) break;
      // An outcome sent before any acknowledgement also tells the customer the request was received (SOP 001 §5).
      const kinds: ClockKind[] = kind === "request_outcome" ? [kind, "request_ack"] : [kind];
      t.meet.push(event.subjectId ? { kinds, subjectId: event.subjectId } : { kinds });
      // A processing update promises the next one: "update expected by".
      if (kind === "processing_update" && event.updateExpectedBy) t.open.push({ kind: "processing_update", dueAt: event.updateExpectedBy });
      break;
    }
    case "request_received":
      t.open.push({ kind: "request_ack", subjectId: event.requestId }, { kind: "request_outcome", subjectId: event.requestId });
      break;
    case "request_withdrawn":
      t.cancel.push({ kinds: ["request_ack", "request_outcome"], subjectId: event.requestId });
      break;
    case "delivery_date_agreed":
      // The customer asked for another day and we agreed: the old promise falls away, the new day is promised.
      t.cancel.push({ kinds: ["delivery_promise"] });
      t.open.push({ kind: "delivery_promise", promisedDate: event.promisedDate, customerTimeZone: event.customerTimeZone });
      break;
    case "inquiry_received":
      t.open.push({ kind: "inquiry_ack", subjectId: event.inquiryId });
      break;
    case "inquiry_waiting":
      // Waiting on the customer (a photo, an order number): their time does not count against us. Only a running
      // clock pauses; once the first response met it there is nothing left to pause.
      t.pause.push({ kinds: ["inquiry_ack"], subjectId: event.inquiryId });
      break;
    case "inquiry_resumed":
      t.resume.push({ kinds: ["inquiry_ack"], subjectId: event.inquiryId });
      break;
    case "escalation_opened":
      t.open.push({ kind: "escalation_response", subjectId: event.escalationId });
      break;
    case "escalation_acknowledged":
      t.meet.push({ kinds: ["escalation_response"], subjectId: event.escalationId });
      break;
    case "message_undeliverable":
      // Failed after its last try, bounced or complained: the customer did not get it; a rep must reach them.
      t.open.push({ kind: "contact_failure", subjectId: event.messageId });
      break;
    case "customer_reached":
      // A call that reached the customer (or left a voicemail) settles every open "could not reach" task.
      t.meet.push({ kinds: ["contact_failure"] });
      break;
  }
  return t;
}
