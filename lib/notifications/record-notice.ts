import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, messageEvents, messages, orderExceptions, type CallOutcome, type Channel, type Message, type TemplateName } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { noteInquiryAnswered } from "@/lib/inquiries/inquiry-events";
import { clockMetByTemplate } from "@/lib/sla/clock-rules";
import { applyClockEvent } from "@/lib/sla/clocks";

export type RecordNoticeInput = {
  orderId: string | null;
  customerId: string;
  template: TemplateName | null;
  channel: Channel;
  subject?: string | null;
  bodyText: string;
  bodyHtml?: string | null;
  actor: Actor;
  /** The request, inquiry or exception the notice answers, when it is about one. */
  subjectId?: string | null;
  /** A processing update promises the next one by this time. */
  updateExpectedBy?: Date | null;
  callOutcome?: CallOutcome | null;
  urgent?: boolean;
  sendAfter?: Date;
  idempotencyKey?: string;
  data?: Record<string, unknown>;
  at?: Date;
};

/**
 * A notice to the customer enters the communication log — and, for email and SMS, the outbox — and meets the clock
 * it is for, in one transaction. Phone calls and portal posts are logged as done; a call meets its clock only when
 * the customer was reached or a voicemail was left.
 */
export async function recordNotice(db: Db, input: RecordNoticeInput): Promise<Message> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw new UserFacingError("This customer does not exist.");
    const toAddress = input.channel === "email" ? customer.email : input.channel === "sms" || input.channel === "phone" ? customer.phone : null;
    if ((input.channel === "email" || input.channel === "sms") && !toAddress) {
      throw new UserFacingError(`The customer has no ${input.channel === "email" ? "email address" : "phone number"} on file.`);
    }
    const delivered = input.channel === "phone" || input.channel === "portal";
    const [message] = await tx
      .insert(messages)
      .values({
        orderId: input.orderId,
        customerId: customer.id,
        channel: input.channel,
        template: input.template,
        toAddress,
        subject: input.subject ?? null,
        bodyText: input.bodyText,
        bodyHtml: input.bodyHtml ?? null,
        status: delivered ? "logged" : "queued",
        senderType: input.actor.type,
        senderUserId: input.actor.type === "user" ? input.actor.userId : null,
        callOutcome: input.callOutcome ?? null,
        urgent: input.urgent ?? false,
        sendAfter: input.sendAfter ?? at,
        idempotencyKey: input.idempotencyKey ?? randomUUID(),
        // What it answers, so an inquiry (or a request) can list every message about it.
        data: input.subjectId ? { ...input.data, subjectId: input.subjectId } : (input.data ?? null),
        sentAt: delivered ? at : null,
        createdAt: at,
      })
      .returning();
    await tx.insert(messageEvents).values({ messageId: message!.id, status: message!.status, occurredAt: at });

    // A call that got through (or left a voicemail) settles the order's "could not reach the customer" task, whatever
    // the call was about. Only with an order: without one the rule would match every order's open task.
    if (input.orderId && input.channel === "phone" && (input.callOutcome === "reached" || input.callOutcome === "voicemail")) {
      await applyClockEvent(tx, { orderId: input.orderId, event: { type: "customer_reached" }, at });
    }

    const metClock = input.template ? clockMetByTemplate[input.template] : undefined;
    const reachedCustomer = input.channel !== "phone" || input.callOutcome === "reached" || input.callOutcome === "voicemail";
    if (metClock && reachedCustomer) {
      await applyClockEvent(tx, {
        orderId: input.orderId,
        event: { type: "notice_sent", template: input.template!, messageId: message!.id, subjectId: input.subjectId, updateExpectedBy: input.updateExpectedBy },
        at,
      });
      // The one place an answer marks its inquiry answered, whichever screen sent it.
      if (input.template === "inquiry_response" && input.subjectId) {
        await noteInquiryAnswered(tx, { inquiryId: input.subjectId, messageId: message!.id, channel: input.channel, actor: input.actor, at });
      }
      if (input.template === "delay" && input.subjectId) {
        await tx
          .update(orderExceptions)
          .set({ customerNotifiedAt: at })
          .where(and(eq(orderExceptions.id, input.subjectId), isNull(orderExceptions.customerNotifiedAt)));
      }
    }
    return message!;
  });
}
