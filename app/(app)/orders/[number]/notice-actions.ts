"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { noticeSenderRoles, previewNoticeSchema, sendNoticeSchema } from "@/lib/notifications/notice-schemas";
import { previewNotice } from "@/lib/notifications/preview-notice";
import { sendNotice } from "@/lib/notifications/send-notice";

// The notice composer: a live preview while the rep types, then the send (or the logged call). Both render through
// the same facts and template as the automatic notices.

export const previewNoticeAction = defineAction(noticeSenderRoles, previewNoticeSchema, async (input, { db }) =>
  previewNotice(db, { orderId: input.orderId, template: input.template, channel: input.channel, fields: input.fields, urgent: input.urgent }),
);

export const sendNoticeAction = defineAction(noticeSenderRoles, sendNoticeSchema, async (input, { db, user }) => {
  const { message } = await sendNotice(db, {
    orderId: input.orderId,
    template: input.template,
    channel: input.channel,
    fields: input.fields,
    actor: { type: "user", userId: user.id },
    urgent: input.channel === "sms" && input.urgent,
    call: input.channel === "phone" && input.callOutcome ? { outcome: input.callOutcome, notes: input.callNotes ?? null } : undefined,
    // Scoped to the user so a key from the browser can never match a milestone's or another rep's.
    idempotencyKey: input.requestId ? `composer:${user.id}:${input.requestId}` : undefined,
  });
  revalidatePath("/orders/[number]", "page");
  return {
    messageId: message.id,
    status: message.status,
    sendAfter: message.sendAfter.toISOString(),
    callOutcome: message.callOutcome,
  };
});
