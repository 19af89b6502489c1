import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, messages, users } from "@/db/schema";
import { messageReviewRoles } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";

// Marking a message reviewed. A re-review replaces the score and comment and records the new reviewer and time;
// the audit row keeps what it replaced, so earlier reviews are never lost. The reviewer's role is checked here as
// well as by the action: a review is a supervisor's judgement whoever calls this (SOP 002 §6).

export type ReviewMessageArgs = { messageId: string; score: number; comment: string | null; reviewerId: string; now?: Date };
export type MessageReview = { reviewedAt: Date; reviewedBy: string; reviewScore: number; reviewComment: string | null };

export async function reviewMessage(db: Db, args: ReviewMessageArgs): Promise<MessageReview> {
  if (!Number.isInteger(args.score) || args.score < 1 || args.score > 5) throw new UserFacingError("Choose a score from 1 to 5.");
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    const [reviewer] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, args.reviewerId));
    if (!reviewer?.active || !messageReviewRoles.includes(reviewer.role)) throw new UserFacingError("Only supervisors review messages.");
    // Locked so two supervisors reviewing at once each record the review they actually replaced.
    const [previous] = await tx
      .select({ reviewedAt: messages.reviewedAt, reviewedBy: messages.reviewedBy, reviewScore: messages.reviewScore, reviewComment: messages.reviewComment })
      .from(messages)
      .where(eq(messages.id, args.messageId))
      .for("update");
    if (!previous) throw new UserFacingError("That message does not exist.");
    const review: MessageReview = { reviewedAt: now, reviewedBy: args.reviewerId, reviewScore: args.score, reviewComment: args.comment };
    await tx.update(messages).set(review).where(eq(messages.id, args.messageId));
    await tx.insert(auditLog).values({
      actorType: "user",
      actorUserId: args.reviewerId,
      action: previous.reviewedAt ? "message.re_review" : "message.review",
      entityType: "message",
      entityId: args.messageId,
      before: previous.reviewedAt ? previous : null,
      after: review,
      createdAt: now,
    });
    return review;
  });
}
