import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { changeRequests, orderEvents, users, type ChangeRequest, type Order } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import type { ItemLine } from "@/lib/orders/corrections";
import { lockOrder } from "@/lib/orders/order-lock";
import { applyRequest, type RequestCause } from "./apply-request";
import { sendOutcomeNotice, type OutcomeNotice } from "./outcome-notice";
import type { Refund } from "./refund";
import { requestRefusal } from "./receive-request";

// Deciding a modification or cancellation request (design.md "Requests"): approval applies the change to the order
// in the same transaction as the decision, its event and the outcome notice. The request row is locked first, so of
// two people deciding at once exactly one decides; the other is told who did, and nothing is applied twice.

export type ApproveRequestInput = {
  requestId: string;
  /** The status the rep saw: only an open request can be decided. */
  expectedStatus?: "open";
  actor: Actor;
  /** "our_error" when the request fixes a mistake of ours: an address or items correction then counts against accuracy. */
  cause?: RequestCause;
  /** change_items only: the list the rep settled on (needed when the customer described the change in words). */
  items?: ItemLine[];
  note?: string | null;
  /** Send the request_outcome notice (default true). */
  notify?: boolean;
  at?: Date;
};

export type RejectRequestInput = { requestId: string; reason: string; actor: Actor; notify?: boolean; at?: Date };

export type Decision = OutcomeNotice & { request: ChangeRequest; order: Order | null };

const decidedWords = { approved: "approved", rejected: "rejected", withdrawn: "withdrawn" } as const;

/** Locks the request; refuses one that is no longer open, naming who decided it and when. */
async function lockOpenRequest(tx: Db, requestId: string): Promise<ChangeRequest> {
  const [request] = await tx.select().from(changeRequests).where(eq(changeRequests.id, requestId)).for("update");
  if (!request) throw new UserFacingError("This request does not exist.");
  if (request.status === "open") return request;
  const [decider] = request.decidedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, request.decidedBy)) : [];
  const who = decider?.name ?? (request.status === "withdrawn" ? "the customer" : "someone else");
  const when = request.decidedAt ? ` at ${formatDateTime(request.decidedAt, "UTC")}` : "";
  throw new UserFacingError(`Already ${decidedWords[request.status]} by ${who}${when}. Nothing was changed.`);
}

async function recordDecision(
  tx: Db,
  request: ChangeRequest,
  decision: { status: "approved" | "rejected"; reason: string | null; refund: Refund | null; cause?: RequestCause; actor: Actor; at: Date },
): Promise<ChangeRequest> {
  const refundCents = decision.refund ? decision.refund.cents : null;
  const [decided] = await tx
    .update(changeRequests)
    .set({
      status: decision.status,
      decidedBy: decision.actor.type === "user" ? decision.actor.userId : null,
      decidedAt: decision.at,
      decisionReason: decision.reason,
      refundCents,
    })
    .where(and(eq(changeRequests.id, request.id), eq(changeRequests.status, "open")))
    .returning();
  await tx.insert(orderEvents).values({
    orderId: request.orderId,
    type: `request_${decision.status}`,
    reason: decision.reason,
    data: { requestId: request.id, kind: request.kind, ...(decision.cause ? { cause: decision.cause } : {}), ...(decision.refund ? { refundCents, refundKind: decision.refund.kind } : {}) },
    createdAt: decision.at,
    ...actorColumns(decision.actor),
  });
  await writeAudit(tx, {
    actor: decision.actor,
    action: `request.${decision.status}`,
    entityType: "change_request",
    entityId: request.id,
    before: { status: request.status },
    after: { status: decided!.status, reason: decision.reason, refundCents, orderId: request.orderId },
    at: decision.at,
  });
  return decided!;
}

export async function approveRequest(db: Db, input: ApproveRequestInput): Promise<Decision> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const request = await lockOpenRequest(tx, input.requestId);
    const order = await lockOrder(tx, request.orderId);
    // The order may have moved on since the request came in (shipped, cancelled): the same rule, checked again now.
    const refusal = requestRefusal(order.status, request.kind);
    if (refusal) throw new UserFacingError(`${refusal} Reject the request with this reason.`);
    const cause = input.cause ?? "customer_request";
    const applied = await applyRequest(tx, request, order, { actor: input.actor, cause, items: input.items, at });
    const decided = await recordDecision(tx, request, { status: "approved", reason: input.note?.trim() || null, refund: applied.refund, cause, actor: input.actor, at });
    const outcome =
      input.notify === false
        ? { notice: null, problem: null }
        : await sendOutcomeNotice(tx, { request: decided, decision: "approved", whatChanges: applied.whatChanges, refund: applied.refund, actor: input.actor, at });
    return { request: decided, order: applied.order, ...outcome };
  });
}

export async function rejectRequest(db: Db, input: RejectRequestInput): Promise<Decision> {
  const at = input.at ?? new Date();
  const reason = input.reason.trim();
  if (!reason) throw new UserFacingError("Say why the request is rejected: the customer is told.");
  return db.transaction(async (tx) => {
    const request = await lockOpenRequest(tx, input.requestId);
    const decided = await recordDecision(tx, request, { status: "rejected", reason, refund: null, actor: input.actor, at });
    const outcome =
      input.notify === false
        ? { notice: null, problem: null }
        : await sendOutcomeNotice(tx, { request: decided, decision: "rejected", whatChanges: reason, refund: null, actor: input.actor, at });
    return { request: decided, order: null, ...outcome };
  });
}
