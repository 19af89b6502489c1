import { z } from "zod";
import { exceptionKinds, holdReasons, orderStatuses } from "@/db/schema";
import { addressSchema, itemsSchema, orderContentFields } from "@/lib/integrations/order-intake-schema";
import { correctionCauses } from "./corrections";
import { shipmentWith, trackingSchema } from "./ship-schemas";
import { isSaneDate } from "@/lib/security/date-schemas";

// Shared by the order page's forms and its server actions.

const orderRef = {
  orderId: z.string().uuid("This order reference is not valid."),
  expectedVersion: z.coerce.number().int().positive(),
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
  // zod runs this after a failed regex too: one message per problem.
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isSaneDate(s), "Enter a real date between 2000 and 2100.");

// SOP 001 §1 / 003 §3.1: confirmation verifies these five things first.
export const confirmationChecks = [
  { id: "details", label: "Customer details are complete and correct" },
  { id: "items", label: "Items and quantities match what was ordered" },
  { id: "payment", label: "Payment is authorised" },
  { id: "stock", label: "Every item is in stock" },
  { id: "address", label: "The shipping address is deliverable" },
] as const;

const checked = z.preprocess((v) => v === "on" || v === "true" || v === true, z.literal(true, { message: "Check this before confirming." }));

export const confirmOrderSchema = z.object({
  ...orderRef,
  promisedDeliveryDate: isoDate,
  details: checked,
  items: checked,
  payment: checked,
  stock: checked,
  address: checked,
});

export const changeStatusSchema = z.object({
  ...orderRef,
  to: z.enum(orderStatuses, { message: "Pick a status." }),
  reason: z
    .string()
    .trim()
    .max(2000, "Keep the reason under 2,000 characters.")
    .optional()
    .transform((s) => s || undefined),
  holdReason: z.enum(holdReasons).optional(),
});

export const addNoteSchema = z.object({
  orderId: z.string().uuid("This order reference is not valid."),
  body: z.string().trim().min(1, "Write the note first.").max(5000, "Keep notes under 5,000 characters."),
});

export const flagExceptionSchema = z.object({
  ...orderRef,
  kind: z.enum(exceptionKinds, { message: "Pick what went wrong." }),
  explanation: z.string().trim().min(3, "Explain the delay in a few words the customer will understand.").max(2000),
  revisedEta: isoDate.optional().or(z.literal("").transform(() => undefined)),
});

export const resolveExceptionSchema = z.object({
  exceptionId: z.string().uuid(),
  expectedVersion: z.coerce.number().int().positive(),
  resolution: z.string().trim().min(3, "Say how it was resolved.").max(2000),
});

// Corrections (lib/orders/correct-order.ts): the address and items are held to the order-intake rules. The cause
// may be left empty before confirmation; after it the domain function requires one.
const correction = {
  ...orderRef,
  cause: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(correctionCauses, { message: "Pick what caused the correction." }).optional()),
  note: z
    .string()
    .trim()
    .max(2000, "Keep the note under 2,000 characters.")
    .optional()
    .transform((s) => s || undefined),
};

function noteWhenOther(value: { cause?: string; note?: string }, ctx: z.RefinementCtx) {
  if (value.cause === "other" && !value.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Say what happened when the cause is “other”." });
}

export const correctAddressSchema = z.object({ ...correction, address: addressSchema }).superRefine(noteWhenOther);

export const correctItemsSchema = z
  .object({ ...correction, items: itemsSchema, shippingCents: orderContentFields.shippingCents, taxCents: orderContentFields.taxCents })
  .superRefine(noteWhenOther);

/** Ship from the order page: with its tracking, or with the reason it has none. */
export const shipOrderSchema = shipmentWith(orderRef);

/** Add or correct the tracking of an order the carrier has. */
export const setTrackingSchema = trackingSchema.and(z.object(orderRef));
