import type { Channel, MessageStatus, NewMessage, TemplateName } from "@/db/schema";
import type { OrderCtx } from "./context";
import { noticeText, reviewComments, type NoticeVars } from "./texts";
import { DAY, HOUR, MINUTE } from "./time";

// The communication log: one message per notice sent, with its delivery history (message_events).

export type NoticeInput = {
  template: TemplateName;
  /** When the notice was queued. */
  at: number;
  senderType: "system" | "user";
  senderUserId?: string | null;
  clockId?: string | null;
  vars: Omit<NoticeVars, "first" | "number">;
  channel?: Channel;
};

export type SentNotice = { id: string; sentAt: number };

/** The channel a notice goes out on: mostly the customer's preferred one; SMS only with consent. */
function chooseChannel(o: OrderCtx, byUser: boolean): Channel {
  const c = o.customer;
  const r = o.rng.next();
  if (r < 0.07) return "email";
  if (r < 0.1 && c.smsConsent && c.phone) return "sms";
  switch (c.preferredChannel) {
    case "sms":
      return c.smsConsent && c.phone ? "sms" : "email";
    case "phone":
      // Milestone notices cannot call anyone: they go by email; a rep calls for everything else.
      return byUser && c.phone ? "phone" : "email";
    case "portal":
      return "portal";
    default:
      return "email";
  }
}

function statusFor(o: OrderCtx, channel: Channel): MessageStatus {
  const rng = o.rng;
  if (channel === "phone" || channel === "portal") return "logged";
  // Carriers report some handsets unreachable after accepting the text: the log's "bounced SMS" to review.
  if (channel === "sms") return rng.weighted<MessageStatus>([["delivered", 94.5], ["sent", 2], ["bounced", 2], ["failed", 1.5]]);
  return rng.weighted<MessageStatus>([["delivered", 94.7], ["sent", 1.5], ["bounced", 2], ["failed", 1.2], ["complained", 0.6]]);
}

/** One message row plus its history. Returns the message and, unless it failed or is still queued, its sentAt. */
function writeMessage(o: OrderCtx, n: NoticeInput, channel: Channel, retry = false): { id: string; sentAt: number | null; failedAt: number | null } {
  const { rng, customer } = o;
  const now = o.ctx.now;
  const id = rng.uuid();
  const queuedAt = n.at;
  let status = statusFor(o, channel);
  if (retry && status === "failed") status = "delivered";
  const logged = status === "logged";
  let sentAt: number | null = logged ? queuedAt : queuedAt + rng.int(1, 20) * 1000;
  let deliveredAt: number | null = null;
  let failedAt: number | null = null;
  if (sentAt > now) {
    status = "queued";
    sentAt = null;
  } else if (status === "failed") {
    failedAt = queuedAt + rng.int(3, 9) * MINUTE;
    if (failedAt > now) status = "sending";
    sentAt = null;
  } else if (status === "delivered" || status === "bounced" || status === "complained") {
    const at = (sentAt ?? queuedAt) + rng.int(2, status === "complained" ? 7200 : 60) * 1000;
    if (at > now) status = "sent";
    else if (status === "delivered") deliveredAt = at;
    else failedAt = at; // when the bounce / complaint came back
  }
  const text = noticeText(n.template, channel, { ...n.vars, first: customer.first, number: o.number });
  const toAddress = channel === "email" ? customer.email : channel === "portal" ? null : customer.phone;
  const row: NewMessage = {
    id,
    orderId: o.orderId,
    customerId: customer.id,
    channel,
    template: n.template,
    toAddress,
    subject: text.subject,
    bodyText: text.body,
    status,
    senderType: n.senderType,
    senderUserId: n.senderType === "user" ? (n.senderUserId ?? null) : null,
    clockId: n.clockId ?? null,
    callOutcome: channel === "phone" ? rng.weighted([["reached", 70], ["voicemail", 20], ["no_answer", 10]] as const) : null,
    sendAfter: new Date(queuedAt),
    attempts: status === "queued" ? 0 : status === "failed" ? 3 : 1,
    lastError: status === "failed" ? (channel === "sms" ? "Carrier rejected: unreachable handset" : "Provider timeout after 3 attempts") : null,
    provider: channel === "email" ? "resend" : channel === "sms" ? "sms-http" : null,
    providerMessageId: sentAt === null || logged ? null : channel === "email" ? rng.uuid() : `SM${rng.hex(32)}`,
    idempotencyKey: `seed-${o.number}-${++o.messageSeq}`,
    data: { orderNumber: o.number, ...n.vars },
    sentAt: sentAt === null ? null : new Date(sentAt),
    deliveredAt: deliveredAt === null ? null : new Date(deliveredAt),
    createdAt: new Date(queuedAt),
  };
  // Supervisors review a sample of the log, mostly what reps wrote.
  if (sentAt !== null && rng.chance(n.senderType === "user" ? 0.2 : 0.015)) {
    const reviewedAt = sentAt + rng.float(1 * HOUR, 5 * DAY);
    if (reviewedAt <= now) {
      row.reviewedAt = new Date(reviewedAt);
      row.reviewedBy = o.ctx.users.supervisor;
      row.reviewScore = rng.weighted([[5, 40], [4, 35], [3, 15], [2, 7], [1, 3]] as const);
      row.reviewComment = rng.chance(0.6) ? rng.pick(reviewComments) : null;
    }
  }
  o.rows.messages.push(row);
  const events = o.rows.messageEvents;
  if (logged) {
    events.push({ messageId: id, status: "logged", detail: row.callOutcome ? `Call ${row.callOutcome}` : "Posted to the tracking page", occurredAt: new Date(queuedAt) });
  } else {
    events.push({ messageId: id, status: "queued", detail: null, occurredAt: new Date(queuedAt) });
    if (sentAt !== null) events.push({ messageId: id, status: "sent", detail: `Accepted by ${row.provider}`, occurredAt: new Date(sentAt) });
    if (deliveredAt !== null) events.push({ messageId: id, status: "delivered", detail: null, occurredAt: new Date(deliveredAt) });
    if (failedAt !== null && status === "bounced") {
      const detail = channel === "sms" ? "Undelivered: the carrier reports the handset unreachable" : "550 5.1.1 Mailbox unavailable";
      events.push({ messageId: id, status: "bounced", detail, occurredAt: new Date(failedAt) });
    }
    if (failedAt !== null && status === "complained") events.push({ messageId: id, status: "complained", detail: "Recipient marked the message as spam", occurredAt: new Date(failedAt) });
    if (failedAt !== null && status === "failed") events.push({ messageId: id, status: "failed", detail: row.lastError, occurredAt: new Date(failedAt) });
  }
  return { id, sentAt: status === "failed" || status === "sending" ? null : sentAt, failedAt: status === "failed" ? failedAt : null };
}

/**
 * Sends a notice at `n.at` (if that is not after now). A notice that failed on its channel is retried once on
 * another one a few minutes later. Returns the message that went out, or null if none has (yet).
 */
export function sendNotice(o: OrderCtx, n: NoticeInput): SentNotice | null {
  if (n.at > o.ctx.now) return null;
  const channel = n.channel ?? chooseChannel(o, n.senderType === "user");
  const first = writeMessage(o, n, channel);
  if (first.sentAt !== null) return { id: first.id, sentAt: first.sentAt };
  if (first.failedAt === null) return null;
  const retryAt = first.failedAt + o.rng.int(5, 20) * MINUTE;
  if (retryAt > o.ctx.now) return null;
  const fallback: Channel = channel === "email" ? (o.customer.smsConsent && o.customer.phone ? "sms" : "portal") : "email";
  const second = writeMessage(o, { ...n, at: retryAt, senderType: "system" }, fallback, true);
  return second.sentAt === null ? null : { id: second.id, sentAt: second.sentAt };
}
