import { z } from "zod";
import { MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from "./retention-policy";

// Inputs of the records actions (legal holds, erasure, the retention setting) and the export route.

export const legalHoldSchema = z.object({
  target: z.enum(["order", "customer"]),
  id: z.uuid({ error: "That record id is not valid." }),
  reason: z.string().trim().min(3, { error: "Say why the records are held." }).max(500, { error: "Keep the reason under 500 characters." }),
});

export const releaseLegalHoldSchema = legalHoldSchema.pick({ target: true, id: true });

export const eraseCustomerSchema = z.object({
  customerId: z.uuid({ error: "That customer id is not valid." }),
  confirmEmail: z.string().trim().min(1, { error: "Type the customer's email address to confirm." }).max(320),
});

export const customerIdSchema = z.uuid({ error: "That customer id is not valid." });

export const retentionPolicySchema = z.object({
  months: z.coerce
    .number({ error: "Enter a number of months." })
    .int({ error: "Enter a whole number of months." })
    .min(MIN_RETENTION_MONTHS, { error: `Records are kept at least ${MIN_RETENTION_MONTHS} months (SOP 001, 004).` })
    .max(MAX_RETENTION_MONTHS, { error: `At most ${MAX_RETENTION_MONTHS} months.` }),
});

export const runRetentionSchema = z.object({});
