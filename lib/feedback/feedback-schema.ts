import { z } from "zod";

export const COMMENT_MAX = 2000;

// CSAT (design.md "KPIs"): a rating 1–5 and an optional comment; the tracking page's form and the domain share it.
export const feedbackSchema = z.object({
  rating: z.coerce
    .number({ error: "Choose a rating from 1 to 5." })
    .int({ error: "Choose a rating from 1 to 5." })
    .min(1, { error: "Choose a rating from 1 to 5." })
    .max(5, { error: "Choose a rating from 1 to 5." }),
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX, { error: `Keep the comment to ${COMMENT_MAX} characters.` })
    .nullish()
    .transform((value) => (value ? value : null)),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;
