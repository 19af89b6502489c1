import { z } from "zod";
import { requestKinds, type RequestKind } from "@/db/schema/enums";
import { addressSchema, itemsSchema } from "@/lib/integrations/order-intake-schema";
import { dayNumberOf, isoFromDayNumber } from "@/lib/sla/zoned-time";
import { isSaneDate } from "@/lib/security/date-schemas";

// What each kind of modification/cancellation request carries (SOP 001 §5), shared by the rep's "Log a request"
// form, the customer's tracking page and receiveChangeRequest itself, so a request is the same whoever logs it.
// Client-safe: no database here.

export const requestKindLabels: Record<RequestKind, string> = {
  change_address: "Change the shipping address",
  change_items: "Change items or quantities",
  change_delivery_date: "Change the delivery date",
  cancel: "Cancel the order",
};

const absent = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);
const optionalText = (label: string, max: number) =>
  z.preprocess(absent, z.string().trim().max(max, `Keep the ${label} under ${max.toLocaleString("en-US")} characters.`).optional());

export const REQUEST_NOTE_MAX = 1000;

const isoDate = z
  .string({ error: "Enter a date as YYYY-MM-DD." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isSaneDate(s), "Enter a real date between 2000 and 2100.");

/** A quantity change to a line the order already has; 0 removes the line (the tracking page sends these). */
const lineChangeSchema = z.object({
  sku: z.string().trim().min(1).max(100),
  quantity: z.number().int().min(0, "A quantity cannot be negative.").max(10_000),
});

/**
 * change_items comes in two shapes: a rep types the complete new list (`items`, with names and prices, so a new SKU
 * can be added), a customer changes quantities of what they ordered (`lines`); either may carry a `note` ("the sage
 * one instead"), and a note alone is allowed — the rep then settles the list when approving.
 */
const changeItemsSchema = z
  .object({
    items: z.preprocess(absent, itemsSchema.optional()),
    lines: z.preprocess(absent, z.array(lineChangeSchema).max(200).optional()),
    note: optionalText("note", REQUEST_NOTE_MAX),
  })
  .refine((p) => (p.items?.length ?? 0) > 0 || (p.lines?.length ?? 0) > 0 || Boolean(p.note), {
    message: "Say which items or quantities should change.",
    path: ["items"],
  });

export const requestPayloadSchemas = {
  change_address: z.object({ shippingAddress: addressSchema }),
  change_items: changeItemsSchema,
  change_delivery_date: z.object({ deliveryDate: isoDate }),
  // A customer need not justify a cancellation; the reason is kept when given.
  cancel: z.object({ reason: optionalText("reason", 500) }),
} satisfies Record<RequestKind, z.ZodType>;

export type RequestPayloads = { [K in RequestKind]: z.output<(typeof requestPayloadSchemas)[K]> };
export type RequestPayload = RequestPayloads[RequestKind];

/** The payload of a kind, validated and normalised, or the first problem as a sentence. */
export function parseRequestPayload<K extends RequestKind>(kind: K, payload: unknown): { ok: true; payload: RequestPayloads[K] } | { ok: false; message: string } {
  const parsed = requestPayloadSchemas[kind].safeParse(payload ?? {});
  if (parsed.success) return { ok: true, payload: parsed.data as RequestPayloads[K] };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue?.message ?? "The request is incomplete." };
}

/** A date the customer asks delivery on may not be in the past where they live (today is still possible). */
export function deliveryDateProblem(date: string, timeZone: string, now: Date): string | null {
  const today = isoFromDayNumber(dayNumberOf(timeZone, now.getTime()));
  return date < today ? "The requested delivery date is in the past." : null;
}

// The order page's forms and their server actions.

const reasonText = z.string().trim().max(2000, "Keep the reason under 2,000 characters.");
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const logged = {
  orderId: z.string().uuid("This order reference is not valid."),
  channel: z.enum(["phone", "email"], { message: "Say how the request came in." }),
  note: optionalText("note", REQUEST_NOTE_MAX),
};

/** A rep logging a call or an email: the kind's own payload schema, so its messages land on the form's fields. */
export const logRequestSchema = z.discriminatedUnion("kind", [
  z.object({ ...logged, kind: z.literal("change_address"), payload: requestPayloadSchemas.change_address }),
  z.object({ ...logged, kind: z.literal("change_items"), payload: requestPayloadSchemas.change_items }),
  z.object({ ...logged, kind: z.literal("change_delivery_date"), payload: requestPayloadSchemas.change_delivery_date }),
  z.object({ ...logged, kind: z.literal("cancel"), payload: requestPayloadSchemas.cancel }),
]);
export type LogRequestInput = z.input<typeof logRequestSchema>;

export const approveRequestSchema = z.object({
  requestId: z.string().uuid(),
  ourError: checkbox.default(false),
  notify: checkbox.default(true),
  /** change_items only: the list the rep settles on, when it differs from what the request computes. */
  items: itemsSchema.optional(),
});

export const rejectRequestSchema = z.object({
  requestId: z.string().uuid(),
  reason: reasonText.min(3, "Say why, in words the customer will read."),
  notify: checkbox.default(true),
});

// The inbox's filters, as they appear in the URL; bad values are dropped so a stale link still opens.
export const requestListFiltersSchema = z.object({
  kind: z.enum(requestKinds).optional().catch(undefined),
  status: z.enum(["open", "decided"]).catch("open").default("open"),
});
export type RequestListFilters = z.output<typeof requestListFiltersSchema>;
