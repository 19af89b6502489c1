import { z } from "zod";
import { orderStatuses } from "@/db/schema/enums";
import { trackingOutcomes } from "./tracking-event-schema";

// What /api/v1 answers, as zod schemas: the handlers type their answers with these, the tests check real answers
// against them, and the OpenAPI document is generated from them, so the reference cannot drift from the code.

export const apiErrorSchema = z.object({ error: z.string() }).meta({ description: "What went wrong, written for the developer of the sending system." });

export const validationErrorSchema = z
  .object({
    error: z.string(),
    issues: z.array(
      z.object({
        path: z.string().meta({ description: 'The field, dotted ("items.0.quantity"); empty for the body itself.' }),
        message: z.string(),
      }),
    ),
  })
  .meta({ description: "The body is JSON but not a valid request: every problem found, by field. Nothing was saved." });

export const intakeAnswerSchema = z.object({
  order: z.object({
    id: z.uuid(),
    number: z.string().meta({ description: "The human order number, e.g. OL-100001." }),
    status: z.enum(orderStatuses),
    trackingToken: z.string().meta({ description: "The customer's tracking page is /track/<trackingToken>." }),
  }),
});

export const trackingEventAnswerSchema = z.object({
  outcome: z.enum(trackingOutcomes).meta({
    description: "applied: the order changed. ignored: nothing changed (the order is already there or further on, cancelled, or already has an open exception of that kind).",
  }),
  orderNumber: z.string().nullable(),
  duplicate: z.boolean().meta({ description: "true when this eventId was received before: the first answer is repeated and nothing changes." }),
  detail: z.string().nullable().meta({ description: 'What happened, e.g. "shipped → in transit → out for delivery → delivered".' }),
});

export type TrackingEventAnswer = z.infer<typeof trackingEventAnswerSchema>;
