import { z } from "zod";

// A supervisor's quality review of one message (SOP 002 §6: quality, accuracy and timeliness). Shared by the
// review form and its action.

export const REVIEW_COMMENT_MAX = 2000;
export const LOW_REVIEW_SCORE = 2;

export const reviewMessageSchema = z.object({
  messageId: z.uuid({ error: "That message does not exist." }),
  score: z.coerce
    .number({ error: "Choose a score from 1 to 5." })
    .int("Choose a score from 1 to 5.")
    .min(1, "Choose a score from 1 to 5.")
    .max(5, "Choose a score from 1 to 5."),
  comment: z
    .string()
    .trim()
    .max(REVIEW_COMMENT_MAX, `Keep the comment under ${REVIEW_COMMENT_MAX} characters.`)
    .optional()
    .transform((s) => (s ? s : null)),
});

export type ReviewMessageInput = z.input<typeof reviewMessageSchema>;

/** What each score means, so two supervisors score alike. */
export const reviewScoreLabels: Record<number, string> = {
  1: "1 — wrong or harmful",
  2: "2 — poor",
  3: "3 — acceptable",
  4: "4 — good",
  5: "5 — exemplary",
};
