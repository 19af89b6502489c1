import { z } from "zod";
import { exceptionKinds } from "@/db/schema/enums";
import { saneInstant, saneIsoDate } from "@/lib/security/date-schemas";
import { optional, text } from "./order-intake-schema";

// The body of POST /api/v1/tracking-events: one carrier scan or exception. Like order intake, optional fields may
// arrive as null or "" as well as missing, and every message names its field for the developer on the other side.

export const trackingEventTypes = ["in_transit", "out_for_delivery", "delivered", "exception"] as const;
export type TrackingEventType = (typeof trackingEventTypes)[number];

/** What an event did, repeated on a retry: applied changed the order; ignored changed nothing (stale, superseded). */
export const trackingOutcomes = ["applied", "ignored"] as const;
export type TrackingOutcome = (typeof trackingOutcomes)[number];

/** A carrier exception without a kind is a carrier delay. */
export const DEFAULT_EXCEPTION_KIND = "carrier" satisfies (typeof exceptionKinds)[number];

// A scan time far ahead would move the order (and its clocks) into the future; a few minutes cover clock skew.
const MAX_OCCURRED_AT_SKEW_MS = 5 * 60 * 1000;

const exceptionSchema = z.object(
  {
    kind: z.preprocess(
      (value) => (value === null || value === "" ? undefined : value),
      z.enum(exceptionKinds, { error: `exception.kind must be one of ${exceptionKinds.join(", ")}` }).default(DEFAULT_EXCEPTION_KIND),
    ),
    revisedEta: optional(saneIsoDate("exception.revisedEta must be a date as YYYY-MM-DD", "exception.revisedEta must be between 2000 and 2100")),
  },
  { error: "exception must be an object with kind and revisedEta" },
);

export const trackingEventSchema = z
  .object(
    {
      eventId: text("eventId", 200),
      orderNumber: optional(text("orderNumber", 50).toUpperCase()),
      trackingNumber: optional(text("trackingNumber", 100)),
      type: z.enum(trackingEventTypes, { error: `type must be one of ${trackingEventTypes.join(", ")}` }),
      occurredAt: saneInstant("occurredAt").refine((at) => at.getTime() <= Date.now() + MAX_OCCURRED_AT_SKEW_MS, { error: "occurredAt cannot be in the future" }),
      description: optional(text("description", 500)),
      exception: optional(exceptionSchema),
    },
    { error: "Body must be a JSON object" },
  )
  .superRefine((event, ctx) => {
    if (!event.orderNumber && !event.trackingNumber) {
      ctx.addIssue({ code: "custom", path: ["orderNumber"], message: "Give the orderNumber or the trackingNumber (or both)" });
    }
    if (event.exception && event.type !== "exception") {
      ctx.addIssue({ code: "custom", path: ["exception"], message: 'exception is only allowed when type is "exception"' });
    }
  })
  // The refinement above is code, which JSON Schema cannot see; this says the same for the API reference.
  .meta({ anyOf: [{ required: ["orderNumber"] }, { required: ["trackingNumber"] }] });

export type TrackingEvent = z.output<typeof trackingEventSchema>;
