import type { Db } from "@/db/client";
import type { Channel, TemplateName } from "@/db/schema";
import { loadNoticeFacts } from "./notice-facts";
import { channelProblem, noticeSendAfter } from "./send-notice";
import { renderNotice, type RenderedNotice } from "./templates";

// What the composer shows before a rep sends: the same facts, rendering, channel check and quiet hours as
// sendNotice, so the preview cannot promise something the send would refuse or do differently.

export type NoticePreview = Pick<RenderedNotice, "subject" | "html" | "text" | "sms" | "smsSegments" | "callScript" | "missing"> & {
  /** ISO instant the SMS waits for (customer's quiet hours), or null when it goes out at once. */
  sendAfter: string | null;
  channelProblem: string | null;
};

export type PreviewNoticeInput = {
  orderId: string;
  template: TemplateName;
  channel: Channel;
  fields: Record<string, string>;
  urgent?: boolean;
  at?: Date;
};

export async function previewNotice(db: Db, input: PreviewNoticeInput): Promise<NoticePreview> {
  const at = input.at ?? new Date();
  const facts = await loadNoticeFacts(db, { orderId: input.orderId });
  const timeZone = facts.customer.timeZone;
  const [rendered, sendAfter] = await Promise.all([
    renderNotice(input.template, facts, input.fields, { timeZone }),
    noticeSendAfter(db, { channel: input.channel, urgent: input.urgent ?? false, timeZone, at }),
  ]);
  return {
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    sms: rendered.sms,
    smsSegments: rendered.smsSegments,
    callScript: rendered.callScript,
    missing: rendered.missing,
    sendAfter: sendAfter.getTime() > at.getTime() ? sendAfter.toISOString() : null,
    channelProblem: channelProblem(input.channel, facts),
  };
}
