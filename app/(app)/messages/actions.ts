"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { messageReviewRoles } from "@/lib/auth/access";
import { reviewMessage } from "@/lib/messages/review";
import { reviewMessageSchema } from "@/lib/messages/review-schema";

// Quality review of the communication log (SOP 002 §6): supervisors mark a message reviewed with a score.

export const reviewMessageAction = defineAction(messageReviewRoles, reviewMessageSchema, async (input, { db, user }) => {
  await reviewMessage(db, { ...input, reviewerId: user.id });
  revalidatePath("/messages");
  revalidatePath("/messages/[id]", "page");
  revalidatePath("/messages/quality");
});
