import type { Db } from "@/db/client";
import type { ChangeRequest, Message } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { centsToAmount } from "@/lib/money";
import { automaticChannel } from "@/lib/notifications/milestones";
import { loadNoticeFacts } from "@/lib/notifications/notice-facts";
import { sendNotice } from "@/lib/notifications/send-notice";
import type { Refund } from "./refund";
import { log } from "@/lib/log";

// The request_outcome notice sent with a decision (SOP 001 §5: the outcome and next steps within 24 hours). It goes
// out as the deciding rep, to the channel an automatic notice would use (the rep can still call the customer).

export type OutcomeNotice = { notice: Message | null; problem: string | null };

export function outcomeIdempotencyKey(requestId: string): string {
  return `request-outcome:${requestId}`;
}

/**
 * Sends the outcome in a savepoint of the decision's transaction. When it cannot go (a gap, nobody reachable, a
 * template that fails), the savepoint is rolled back, the decision stands, and the request_outcome clock stays
 * open so the order stays in the queue until someone tells the customer.
 */
export async function sendOutcomeNotice(
  tx: Db,
  input: { request: ChangeRequest; decision: "approved" | "rejected"; whatChanges: string; refund: Refund | null; actor: Actor; at: Date },
): Promise<OutcomeNotice> {
  try {
    const notice = await tx.transaction(async (sp) => {
      const facts = await loadNoticeFacts(sp, { orderId: input.request.orderId });
      const channel = automaticChannel(facts);
      if (!channel) throw new UserFacingError("The customer has no email address, phone number or tracking page to reach.");
      const { refund } = input;
      const { message } = await sendNotice(sp, {
        orderId: input.request.orderId,
        template: "request_outcome",
        channel,
        fields: {
          decision: input.decision,
          whatChanges: input.whatChanges,
          refundAmount: refund?.cents ? centsToAmount(refund.cents) : "",
          refundTimeline: refund?.cents ? (refund.timeline ?? "") : "",
        },
        actor: input.actor,
        subjectId: input.request.id,
        idempotencyKey: outcomeIdempotencyKey(input.request.id),
        at: input.at,
        facts,
      });
      return message;
    });
    return { notice, problem: null };
  } catch (error) {
    if (error instanceof UserFacingError) return { notice: null, problem: error.message };
    log.error("request outcome notice failed", { requestId: input.request.id, error });
    return { notice: null, problem: "The outcome notice could not be prepared." };
  }
}
