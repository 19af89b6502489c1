import type { Db } from "@/db/client";
import type { Channel, Message, OrderStatus, TemplateName } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import type { NotificationStage } from "@/lib/settings/defaults";
import { readSettings } from "@/lib/settings/read-settings";
import { loadNoticeFacts } from "./notice-facts";
import { channelProblem, sendNotice } from "./send-notice";
import { defaultFields, type NoticeFacts } from "./templates";
import { log } from "@/lib/log";

// Automatic notices (SOP 000 "System"): at a milestone set to "automatic" the system sends the stage's template to
// the customer's preferred channel, inside the transaction of the event itself (the outbox row commits with it).
// A milestone set to "suggest" sends nothing: its open clock puts it in a rep's queue and the composer proposes it.

export const stageTemplates: Record<NotificationStage, TemplateName> = {
  confirmation: "order_confirmation",
  shipped: "shipped",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
  delay: "delay",
  request_received: "request_received",
};

const stageOfStatus: Partial<Record<OrderStatus, NotificationStage>> = {
  confirmed: "confirmation",
  shipped: "shipped",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
};

export function milestoneOfStatus(status: OrderStatus): NotificationStage | null {
  return stageOfStatus[status] ?? null;
}

/** The key that makes a milestone notify once, however many times its event arrives. */
export function milestoneKey(orderId: string, stage: NotificationStage, subjectId?: string | null): string {
  return `milestone:${orderId}:${stage}${subjectId ? `:${subjectId}` : ""}`;
}

// The system cannot make a phone call: a customer who prefers the phone gets the next channel that reaches them.
const fallbackOrder: Channel[] = ["email", "sms", "portal"];

export function automaticChannel(facts: NoticeFacts): Channel | null {
  const preferred = facts.customer.preferredChannel;
  const candidates = preferred === "phone" ? fallbackOrder : [preferred, ...fallbackOrder.filter((c) => c !== preferred)];
  return candidates.find((channel) => channelProblem(channel, facts) === null) ?? null;
}

export type MilestoneInput = {
  orderId: string;
  stage: NotificationStage;
  subjectId?: string | null;
  /** Another notice of the stage than its usual one (the shipped stage's "tracking updated"); same setting decides. */
  template?: TemplateName;
  /** Which occurrence of that other notice (a tracking correction's event id): once each, however often it arrives. */
  occurrence?: string;
  /** What the event itself knows beyond the order (a request's kind), over the template's defaults. */
  fields?: Record<string, string>;
  at: Date;
};

/**
 * Sends the milestone's notice when its stage is automatic. Returns the message, or null when the stage waits for a
 * rep, the customer cannot be reached, or the template has a gap only a person can fill (a delay's cause): the
 * clock then stays open and the order shows in the queue.
 */
export async function notifyMilestone(tx: Db, input: MilestoneInput): Promise<Message | null> {
  const { notifications } = await readSettings(tx);
  if (notifications.stages[input.stage] !== "automatic") return null;
  const facts = await loadNoticeFacts(tx, { orderId: input.orderId });
  const channel = automaticChannel(facts);
  if (!channel) return null;
  const template = input.template ?? stageTemplates[input.stage];
  try {
    const { message } = await sendNotice(tx, {
      orderId: input.orderId,
      template,
      channel,
      fields: { ...defaultFields(template, facts), ...input.fields },
      actor: { type: "system" },
      subjectId: input.subjectId ?? null,
      idempotencyKey: milestoneKey(input.orderId, input.stage, input.occurrence ? `${template}:${input.occurrence}` : input.subjectId),
      at: input.at,
      facts,
    });
    return message;
  } catch (error) {
    // A gap in the template or an unreachable channel: leave it to a rep rather than fail the event itself.
    if (error instanceof UserFacingError) return null;
    // Anything else (a template that failed to render) must not lose the status change or carrier scan either:
    // sendNotice ran in its own savepoint, so nothing of it remains; the open clock puts the order in the queue.
    log.error("automatic notice failed", { orderId: input.orderId, stage: input.stage, error });
    return null;
  }
}
