import { channelLabels, formatDateTime, humanize } from "@/lib/format";
import type { Carrier, UntrackedReason } from "@/db/schema";
import { escalationEventText } from "@/lib/escalations/escalation-history";
import { requestEventText } from "@/lib/requests/request-history";
import { correctionText } from "./corrections";
import { carrierLabels, untrackedReasonLabels } from "./tracking";
import type { OrderDetail } from "./order-detail";

// One history of the order: status events, messages, exceptions, requests, inquiries and escalations, merged
// in time order, each saying who did it.

export type TimelineEntry = {
  key: string;
  at: Date;
  /** The entry's place in the order's history (history_seq): the timeline's order, whatever the times say. */
  seq: number;
  kind: "event" | "message" | "exception" | "request" | "inquiry" | "escalation";
  title: string;
  detail?: string | null;
  actor: string;
};

const systemActors = { system: "System", carrier: "Carrier", customer: "Customer", api: "Shop integration" } as const;

// Events whose type alone reads badly as a title.
const eventTitles: Record<string, string> = {
  proof_of_delivery: "Proof of delivery recorded",
  feedback_received: "Customer rated the delivery",
  shipped_untracked: "Ships without a tracking number",
};
// A customer inquiry's steps (lib/inquiries): their own kind, so the history groups them with the question.
const inquiryEventTitles: Record<string, string> = {
  inquiry_answered: "Inquiry answered",
  inquiry_waiting: "Inquiry waiting on the customer",
  inquiry_resumed: "Customer replied to the inquiry",
  inquiry_resolved: "Inquiry resolved",
};
const correctedTracking = (type: string, data: Record<string, unknown> | null) => type === "tracking_set" && Boolean(data?.previousTrackingNumber);

function eventDetail(type: string, data: Record<string, unknown> | null, timeZone: string): string | null {
  if (type === "received" && data?.source === "phone") return "Taken by phone";
  if (type === "feedback_received" && data) return `${String(data.rating)} of 5${data.comment ? `: ${String(data.comment)}` : ""}${data.replaced ? " (replaces the earlier rating)" : ""}`;
  if (type === "tracking_set" && data) {
    const set = trackingText(data.carrier, data.carrierName, data.trackingNumber);
    return data.previousTrackingNumber ? `${set} (was ${trackingText(data.previousCarrier, data.previousCarrierName, data.previousTrackingNumber)})` : set;
  }
  if (type === "shipped_untracked" && data) {
    const reason = untrackedReasonLabels[data.untrackedReason as UntrackedReason] ?? String(data.untrackedReason ?? "");
    return data.note ? `${reason}: ${String(data.note)}` : reason;
  }
  if (type === "proof_of_delivery" && data) {
    const received = `Received by ${String(data.recipientName ?? "")} at ${formatDateTime(String(data.receivedAt ?? ""), timeZone)}`;
    return `${received}${data.photo ? ", with photo" : ""}${data.replaced ? " (replaces the earlier record)" : ""}`;
  }
  return null;
}

function trackingText(carrier: unknown, carrierName: unknown, trackingNumber: unknown): string {
  const name = carrier === "other" ? String(carrierName ?? carrierLabels.other) : (carrierLabels[carrier as Carrier] ?? String(carrier ?? ""));
  return `${name} ${String(trackingNumber ?? "")}`;
}

/** `timeZone` formats times quoted inside details (a proof of delivery's receipt); entries' own times stay Dates. */
export function buildTimeline(detail: OrderDetail, timeZone = "UTC"): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  // Exceptions appear once, from their own records below (with kind and resolution), in the places of their events.
  const exceptionSeq = new Map<string, number>();
  for (const { event, actorName } of detail.events) {
    if (event.type === "exception_opened" || event.type === "exception_resolved") {
      exceptionSeq.set(`${event.type}:${String(event.data?.exceptionId)}`, event.seq);
      continue;
    }
    if (event.type === "correction") {
      const actor = event.actorType === "user" ? (actorName ?? "A user") : systemActors[event.actorType];
      entries.push({ key: `event-${event.id}`, at: event.createdAt, seq: event.seq, kind: "event", ...correctionText(event.data, event.reason), actor });
      continue;
    }
    const request = requestEventText(event.type, event.data, event.reason, { requests: detail.requests, items: detail.items, currency: detail.order.currency });
    if (request) {
      const actor = event.actorType === "user" ? (actorName ?? "A user") : systemActors[event.actorType];
      entries.push({ key: `event-${event.id}`, at: event.createdAt, seq: event.seq, kind: "request", ...request, actor });
      continue;
    }
    // An escalation's steps (lib/escalations): raised (by whom, or the system), acknowledged, assigned, commented, resolved.
    const escalation = escalationEventText(event.type, event.data, event.reason);
    if (escalation) {
      const actor = event.actorType === "user" ? (actorName ?? "A user") : systemActors[event.actorType];
      entries.push({ key: `event-${event.id}`, at: event.createdAt, seq: event.seq, kind: "escalation", ...escalation, actor });
      continue;
    }
    const inquiryTitle = inquiryEventTitles[event.type];
    if (inquiryTitle) {
      const channel = event.data?.channel as keyof typeof channelLabels | undefined;
      entries.push({
        key: `event-${event.id}`,
        at: event.createdAt,
        seq: event.seq,
        kind: "inquiry",
        title: inquiryTitle,
        detail: event.reason ?? (channel && channelLabels[channel] ? `By ${channelLabels[channel]}` : null),
        actor: event.actorType === "user" ? (actorName ?? "A user") : systemActors[event.actorType],
      });
      continue;
    }
    const title =
      event.fromStatus && event.toStatus
        ? `Status ${humanize(event.fromStatus)} → ${humanize(event.toStatus)}`
        : event.toStatus
          ? `${humanize(event.type)}: ${humanize(event.toStatus)}`
          : correctedTracking(event.type, event.data)
            ? "Tracking corrected"
            : event.type === "tracking_set" && event.data?.previousUntrackedReason
              ? "Tracking added"
            : (eventTitles[event.type] ?? humanize(event.type));
    entries.push({
      key: `event-${event.id}`,
      at: event.createdAt,
      seq: event.seq,
      kind: "event",
      title,
      detail: event.reason ?? eventDetail(event.type, event.data, timeZone),
      actor: event.actorType === "user" ? (actorName ?? "A user") : systemActors[event.actorType],
    });
  }
  for (const { message, senderName } of detail.messages) {
    entries.push({
      key: `message-${message.id}`,
      at: message.createdAt,
      seq: message.seq,
      kind: "message",
      title: `${channelLabels[message.channel]}${message.template ? ` · ${humanize(message.template)}` : ""} — ${humanize(message.status)}`,
      detail: message.subject ?? message.bodyText.slice(0, 140),
      actor: message.senderType === "user" ? (senderName ?? "A user") : systemActors[message.senderType],
    });
  }
  for (const exception of detail.exceptions) {
    entries.push({
      key: `exception-${exception.id}`,
      at: exception.openedAt,
      seq: exceptionSeq.get(`exception_opened:${exception.id}`) ?? 0,
      kind: "exception",
      title: `Exception opened: ${humanize(exception.kind)}`,
      detail: exception.revisedEta ? `${exception.explanation} (revised delivery ${exception.revisedEta})` : exception.explanation,
      actor: (exception.openedBy && detail.userNames.get(exception.openedBy)) || "System",
    });
    if (exception.resolvedAt) {
      entries.push({
        key: `exception-resolved-${exception.id}`,
        at: exception.resolvedAt,
        seq: exceptionSeq.get(`exception_resolved:${exception.id}`) ?? 0,
        kind: "exception",
        title: `Exception resolved: ${humanize(exception.kind)}`,
        detail: exception.resolution,
        actor: (exception.resolvedBy && detail.userNames.get(exception.resolvedBy)) || "System",
      });
    }
  }
  // Requests appear through their events above (received, approved, rejected), each with who and when.
  for (const inquiry of detail.inquiries) {
    entries.push({
      key: `inquiry-${inquiry.id}`,
      at: inquiry.createdAt,
      seq: inquiry.seq,
      kind: "inquiry",
      title: `Inquiry via ${channelLabels[inquiry.channel]} (${humanize(inquiry.status)})`,
      detail: inquiry.body,
      // A question a rep logged from a call or an email was still the customer's; the rep only wrote it down.
      actor: inquiry.createdBy ? "Customer (logged by customer service)" : "Customer",
    });
  }
  // Escalations appear through their events above (escalated, acknowledged, assigned, commented, resolved).
  // Newest first, in the order things happened: a proof of delivery typed as 14:30 after a 14:31 scan still follows it.
  return entries.sort((a, b) => b.seq - a.seq);
}
