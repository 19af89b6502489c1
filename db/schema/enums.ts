import { pgEnum } from "drizzle-orm/pg-core";

export const roles = ["rep", "fulfillment", "supervisor", "admin"] as const;
export const roleEnum = pgEnum("role", roles);

export const channels = ["email", "sms", "phone", "portal"] as const;
export const channelEnum = pgEnum("channel", channels);

// design.md "Order lifecycle"; on_hold and cancelled sit beside the main line.
export const orderStatuses = [
  "received",
  "confirmed",
  "processing",
  "shipped",
  "in_transit",
  "out_for_delivery",
  "delivered",
  "closed",
  "on_hold",
  "cancelled",
] as const;
export const orderStatusEnum = pgEnum("order_status", orderStatuses);

export const holdReasons = ["payment", "stock", "address", "other"] as const;
export const holdReasonEnum = pgEnum("hold_reason", holdReasons);

// Who caused a recorded change: a signed-in user, the system itself, a carrier feed, the customer on the
// tracking page, or another system through the API.
export const actorTypes = ["user", "system", "carrier", "customer", "api"] as const;
export const actorTypeEnum = pgEnum("actor_type", actorTypes);

export const carriers = ["ups", "usps", "fedex", "dhl", "other"] as const;
export const carrierEnum = pgEnum("carrier", carriers);

// What an API key may do (issue 15): send orders, send carrier events, or both. Chosen when the key is made and
// fixed for its life; keys made before purposes existed became "both", which is what they could do.
export const apiKeyPurposes = ["order_intake", "carrier_events", "both"] as const;
export const apiKeyPurposeEnum = pgEnum("api_key_purpose", apiKeyPurposes);

// Why an order ships without a carrier tracking number (design.md: shipping assigns one unless there is none to give).
export const untrackedReasons = ["hand_delivery", "local_courier", "other"] as const;
export const untrackedReasonEnum = pgEnum("untracked_reason", untrackedReasons);

export const paymentStatuses = ["pending", "authorized", "paid", "failed", "refunded", "partially_refunded"] as const;
export const paymentStatusEnum = pgEnum("payment_status", paymentStatuses);

export const exceptionKinds = [
  "weather",
  "carrier",
  "backorder",
  "stock",
  "payment",
  "address",
  "damaged",
  "lost",
  "other",
] as const;
export const exceptionKindEnum = pgEnum("exception_kind", exceptionKinds);

export const clockKinds = [
  "confirmation",
  "processing_update",
  "delay_notice",
  "shipping_notice",
  "out_for_delivery_notice",
  "delivery_notice",
  "request_ack",
  "request_outcome",
  "inquiry_ack",
  "escalation_response",
  "delivery_promise",
  // A message could not be delivered (failed after its last try, bounced, complained): a rep must reach the
  // customer another way. Opened by the outbox worker and the provider webhook; met by a call that got through.
  "contact_failure",
] as const;
export const clockKindEnum = pgEnum("clock_kind", clockKinds);

// open: counting; paused: waiting on the customer; met: obligation fulfilled (breached tells if late);
// cancelled: the obligation fell away (e.g. the order was cancelled before it shipped).
export const clockStates = ["open", "paused", "met", "cancelled"] as const;
export const clockStateEnum = pgEnum("clock_state", clockStates);

export const timeBases = ["business", "calendar"] as const;
export const timeBaseEnum = pgEnum("time_base", timeBases);

export const templates = [
  "order_confirmation",
  "processing_update",
  "shipped",
  "out_for_delivery",
  "delivered",
  "delay",
  "request_received",
  "request_outcome",
  "order_complete",
  "issue",
  "inquiry_response",
  // The carrier or tracking number changed after the shipped notice went out (lib/orders/ship-order.ts).
  "tracking_updated",
] as const;
export const templateEnum = pgEnum("template", templates);

export const messageStatuses = [
  "queued", // in the outbox, waiting for the worker (or for quiet hours to end)
  "sending",
  "sent", // accepted by the provider
  "delivered",
  "bounced",
  "complained",
  "failed", // gave up after the last retry
  "logged", // phone calls and portal posts: recorded, nothing to deliver
] as const;
export const messageStatusEnum = pgEnum("message_status", messageStatuses);

export const callOutcomes = ["reached", "voicemail", "no_answer"] as const;
export const callOutcomeEnum = pgEnum("call_outcome", callOutcomes);

export const requestKinds = ["change_address", "change_items", "change_delivery_date", "cancel"] as const;
export const requestKindEnum = pgEnum("request_kind", requestKinds);

export const requestStatuses = ["open", "approved", "rejected", "withdrawn"] as const;
export const requestStatusEnum = pgEnum("request_status", requestStatuses);

export const requestSources = ["rep", "customer"] as const;
export const requestSourceEnum = pgEnum("request_source", requestSources);

export const inquiryStatuses = ["open", "answered", "waiting_customer", "resolved"] as const;
export const inquiryStatusEnum = pgEnum("inquiry_status", inquiryStatuses);

export const escalationStatuses = ["open", "acknowledged", "resolved"] as const;
export const escalationStatusEnum = pgEnum("escalation_status", escalationStatuses);

export const severities = ["low", "medium", "high", "critical"] as const;
export const severityEnum = pgEnum("severity", severities);

export type Role = (typeof roles)[number];
export type Channel = (typeof channels)[number];
export type OrderStatus = (typeof orderStatuses)[number];
export type HoldReason = (typeof holdReasons)[number];
export type Carrier = (typeof carriers)[number];
export type ApiKeyPurpose = (typeof apiKeyPurposes)[number];
export type UntrackedReason = (typeof untrackedReasons)[number];
export type CallOutcome = (typeof callOutcomes)[number];
export type ExceptionKind = (typeof exceptionKinds)[number];
export type RequestKind = (typeof requestKinds)[number];
export type Severity = (typeof severities)[number];
export type ActorType = (typeof actorTypes)[number];
export type ClockKind = (typeof clockKinds)[number];
export type TemplateName = (typeof templates)[number];
export type MessageStatus = (typeof messageStatuses)[number];
