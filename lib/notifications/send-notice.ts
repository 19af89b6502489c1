import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, slaClocks, type CallOutcome, type Channel, type Message, type TemplateName } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { readSettings } from "@/lib/settings/read-settings";
import { clockMetByTemplate } from "@/lib/sla/clock-rules";
import { dayNumberFromIso, instantOfLocalTime } from "@/lib/sla/zoned-time";
import { loadNoticeFacts } from "./notice-facts";
import { smsSendAfter } from "./quiet-hours";
import { recordNotice } from "./record-notice";
import { renderNotice, type NoticeFacts, type RenderedNotice } from "./templates";

// The one way a customer notice is composed and sent, by a rep from the composer or by the system at a milestone:
// facts from the order, the template rendered, every gap refused, the channel checked, then the message written to
// the communication log and the outbox in the caller's transaction (recordNotice meets the clock it is for).

export type SendNoticeInput = {
  orderId: string | null;
  /** Needed only without an order (an inquiry answered to a customer with no order). */
  customerId?: string;
  template: TemplateName;
  channel: Channel;
  /** The free parts of the template (templateFields); the rest comes from the order. */
  fields: Record<string, string>;
  actor: Actor;
  /** SMS only: send now even inside the customer's quiet hours. */
  urgent?: boolean;
  /** Phone only: how the call went, and what was said. */
  call?: { outcome: CallOutcome; notes?: string | null };
  /** The request, inquiry or exception the notice answers; by default the one whose clock is most urgent. */
  subjectId?: string | null;
  /** Automatic milestones pass a key per milestone so the same one never notifies twice. */
  idempotencyKey?: string;
  at?: Date;
  /** Already loaded by the caller (automatic milestones), to save reading them twice. */
  facts?: NoticeFacts;
};

export type SendNoticeResult = { message: Message; duplicate: boolean; rendered: RenderedNotice | null };

/** Why this channel cannot reach the customer, or null. */
export function channelProblem(channel: Channel, facts: NoticeFacts): string | null {
  const { customer } = facts;
  if (channel === "email" && !customer.email) return "The customer has no email address on file.";
  if ((channel === "sms" || channel === "phone") && !customer.phone) return "The customer has no phone number on file.";
  if (channel === "sms" && !customer.smsConsent) return "The customer has not agreed to SMS; choose another channel.";
  if (channel === "portal" && !facts.order) return "Portal messages appear on an order's tracking page; this customer has no order here.";
  return null;
}

/** When a notice may go out: an SMS that is not urgent waits out the customer's quiet hours; the rest go at once. */
export async function noticeSendAfter(db: Db, input: { channel: Channel; urgent: boolean; timeZone: string; at: Date }): Promise<Date> {
  if (input.channel !== "sms" || input.urgent) return input.at;
  const { smsQuietHours } = (await readSettings(db)).notifications;
  return smsSendAfter(input.at, input.timeZone, smsQuietHours);
}

export async function sendNotice(db: Db, input: SendNoticeInput): Promise<SendNoticeResult> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      const [existing] = await tx.select().from(messages).where(eq(messages.idempotencyKey, input.idempotencyKey));
      if (existing) return { message: existing, duplicate: true, rendered: null };
    }
    const facts = input.facts ?? (await loadNoticeFacts(tx, { orderId: input.orderId, customerId: input.customerId }));
    const rendered = await renderNotice(input.template, facts, input.fields, { timeZone: facts.customer.timeZone });
    if (rendered.missing.length > 0) {
      throw new UserFacingError(`Fill in before sending: ${rendered.missing.map((m) => m.label).join(", ")}.`);
    }
    const problem = channelProblem(input.channel, facts);
    if (problem) throw new UserFacingError(problem);
    if (input.channel === "phone" && !input.call) throw new UserFacingError("Say how the call went (reached, voicemail or no answer).");

    const sendAfter = await noticeSendAfter(tx, { channel: input.channel, urgent: input.urgent ?? false, timeZone: facts.customer.timeZone, at });
    const subjectId = input.subjectId ?? (input.orderId ? await mostUrgentSubject(tx, input.orderId, input.template) : null);

    const body = bodyFor(input.channel, rendered, input.call?.notes);
    const message = await recordNotice(tx, {
      orderId: input.orderId,
      customerId: facts.customer.id,
      template: input.template,
      channel: input.channel,
      ...body,
      actor: input.actor,
      subjectId,
      updateExpectedBy: input.template === "processing_update" ? updateExpectedBy(input.fields.updateExpectedBy, facts.customer.timeZone) : null,
      callOutcome: input.call?.outcome ?? null,
      urgent: input.urgent ?? false,
      sendAfter,
      idempotencyKey: input.idempotencyKey,
      data: {
        ...rendered.data,
        fields: input.fields,
        callScript: rendered.callScript,
        ...(rendered.attachments.length > 0
          ? { attachments: rendered.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString("base64") })) }
          : {}),
      },
      at,
    });
    return { message, duplicate: false, rendered };
  });
}

// What the log keeps as "exactly what was sent" for each channel.
function bodyFor(channel: Channel, rendered: RenderedNotice, callNotes: string | null | undefined) {
  switch (channel) {
    case "email":
      return { subject: rendered.subject, bodyText: rendered.text, bodyHtml: rendered.html };
    case "sms":
      return { subject: null, bodyText: rendered.sms, bodyHtml: null };
    case "phone":
      return { subject: rendered.subject, bodyText: callNotes?.trim() ? callNotes.trim() : rendered.callScript, bodyHtml: null };
    case "portal":
      return { subject: rendered.subject, bodyText: rendered.text, bodyHtml: null };
  }
}

// The subject of the most urgent open clock this template meets: the delay, request or inquiry being answered.
async function mostUrgentSubject(tx: Db, orderId: string, template: TemplateName): Promise<string | null> {
  const kind = clockMetByTemplate[template];
  if (!kind) return null;
  const [clock] = await tx
    .select({ subjectId: slaClocks.subjectId })
    .from(slaClocks)
    .where(and(eq(slaClocks.orderId, orderId), eq(slaClocks.kind, kind), inArray(slaClocks.state, ["open", "paused"])))
    .orderBy(asc(slaClocks.dueAt))
    .limit(1);
  return clock?.subjectId ?? null;
}

// "Update expected by": a date means the end of that day in the customer's zone; a date-time is read in that zone.
function updateExpectedBy(value: string | undefined, timeZone: string): Date | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  return new Date(instantOfLocalTime(timeZone, dayNumberFromIso(match[1]!), match[2] ?? "24:00"));
}
