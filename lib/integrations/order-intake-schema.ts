import { z } from "zod";
import { channels } from "@/db/schema/enums";
import { saneInstant, saneIsoDate } from "@/lib/security/date-schemas";
import { loneSurrogatePaths, nulPaths } from "@/lib/security/nul-characters";
import { canonicalTimeZone } from "@/lib/settings/settings-schemas";

// The body of POST /api/v1/orders. Shops and OMSs send JSON written by other programs, so optional fields may
// arrive as null or "" as well as missing; all three mean "not given". Messages name the field, because the
// reader is a developer looking at a log line on the other side.

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_CENTS = 100_000_000;
// orders.*_cents are PostgreSQL integers; a larger total would fail in the database instead of here.
export const MAX_TOTAL_CENTS = 2_000_000_000;
// Clocks open at placedAt: a time far ahead would open them in the future. A few minutes covers clock skew.
const MAX_PLACED_AT_SKEW_MS = 5 * 60 * 1000;

const absent = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);

/** Required text, trimmed; its messages name the field. Shared with the tracking-event schema. */
export function text(label: string, max: number) {
  const required = `${label} is required`;
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? required : `${label} must be text`) })
    .trim()
    .min(1, { error: required })
    .max(max, { error: `${label} must be at most ${max} characters` });
}

/** null, "" and missing all mean "not given". */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(absent, schema.optional());
}

export function cents(label: string) {
  const message = `${label} must be a whole number of cents from 0 to ${MAX_CENTS}`;
  return z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(MAX_CENTS, { error: message });
}

const timeZone = z.string({ error: "Time zone must be text" }).transform((zone, ctx) => {
  const canonical = canonicalTimeZone(zone.trim());
  if (canonical) return canonical;
  ctx.issues.push({ code: "custom", input: zone, message: `Time zone "${zone}" is not an IANA time zone such as America/New_York` });
  return z.NEVER;
});

const customerSchema = z
  .object(
    {
      name: text("Customer name", 200),
      email: optional(text("Customer email", 254).pipe(z.email({ error: "Customer email is not a valid email address" }))),
      phone: optional(
        text("Customer phone", 32).regex(E164, { error: "Customer phone must be in E.164 form, e.g. +14155550123" }),
      ),
      preferredChannel: z.preprocess(
        absent,
        z.enum(channels, { error: `Preferred channel must be one of ${channels.join(", ")}` }).default("email"),
      ),
      smsConsent: optional(z.boolean({ error: "SMS consent must be true or false" })),
      timeZone: optional(timeZone),
    },
    { error: "Customer is required" },
  )
  .superRefine((customer, ctx) => {
    if (!customer.email && !customer.phone) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "Give the customer's email or phone number (or both)" });
    }
    if ((customer.preferredChannel === "sms" || customer.preferredChannel === "phone") && !customer.phone) {
      ctx.addIssue({
        code: "custom",
        path: ["phone"],
        message: `Customer phone is required when the preferred channel is ${customer.preferredChannel}`,
      });
    }
  });

const itemSchema = z.object(
  {
    sku: text("SKU", 100),
    name: text("Item name", 300),
    quantity: z
      .number({ error: "Quantity must be a whole number from 1 to 10000" })
      .int({ error: "Quantity must be a whole number from 1 to 10000" })
      .min(1, { error: "Quantity must be a whole number from 1 to 10000" })
      .max(10_000, { error: "Quantity must be a whole number from 1 to 10000" }),
    unitPriceCents: cents("Unit price"),
  },
  { error: "Each item must be an object with sku, name, quantity and unitPriceCents" },
);

export const addressSchema = z.object(
  {
    name: text("Address name", 200),
    line1: text("Address line 1", 200),
    line2: optional(text("Address line 2", 200)),
    city: text("City", 100),
    region: optional(text("Region", 100)),
    postalCode: text("Postal code", 20),
    country: text("Country", 10).regex(/^[A-Z]{2}$/, { error: "Country must be an ISO 3166-1 alpha-2 code in capitals, e.g. US" }),
  },
  { error: "Address is required" },
);

export const itemsSchema = z
  .array(itemSchema, { error: "Items must be a list of 1 to 200 items" })
  .min(1, { error: "An order needs at least one item" })
  .max(200, { error: "An order may have at most 200 items" });

/**
 * What an order contains, whoever enters it: the API adds the sender's id and its times (below), a rep's phone
 * order a payment method (lib/orders/phone-order-schema.ts). One definition, so both validate alike.
 */
export const orderContentFields = {
  customer: customerSchema,
  items: itemsSchema,
  shippingAddress: addressSchema,
  billingAddress: optional(addressSchema),
  shippingCents: optional(cents("Shipping")),
  taxCents: optional(cents("Tax")),
  currency: optional(text("Currency", 10).regex(/^[A-Z]{3}$/, { error: "Currency must be an ISO 4217 code in capitals, e.g. USD" })),
};

export function refineOrderTotal(
  order: { items: { quantity: number; unitPriceCents: number }[]; shippingCents?: number; taxCents?: number },
  ctx: z.RefinementCtx,
) {
  const subtotal = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  if (subtotal + (order.shippingCents ?? 0) + (order.taxCents ?? 0) > MAX_TOTAL_CENTS) {
    ctx.addIssue({ code: "custom", path: ["items"], message: `The order total may be at most ${MAX_TOTAL_CENTS} cents` });
  }
}

export const orderIntakeSchema = z
  .object(
    {
      externalId: text("externalId", 100),
      ...orderContentFields,
      promisedDeliveryDate: optional(saneIsoDate("Promised delivery date must be a date as YYYY-MM-DD", "Promised delivery date must be between 2000 and 2100")),
      placedAt: optional(saneInstant("placedAt").refine((at) => at.getTime() <= Date.now() + MAX_PLACED_AT_SKEW_MS, { error: "placedAt cannot be in the future" })),
    },
    { error: "Body must be a JSON object" },
  )
  .superRefine(refineOrderTotal);

export type OrderIntake = z.output<typeof orderIntakeSchema>;

/** The issues of a failed parse as the API reports them: a dotted path ("items.0.quantity") and a message. */
export function intakeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** The JSON's strings that PostgreSQL cannot store (a NUL in text, a lone surrogate in jsonb), as issues; null when there are none. */
export function unstorableTextIssues(raw: unknown): { path: string; message: string }[] | null {
  const issues = [
    ...nulPaths(raw).map((path) => ({ path, message: `${path || "Body"} must not contain NUL characters (\\u0000)` })),
    ...loneSurrogatePaths(raw).map((path) => ({ path, message: `${path || "Body"} must not contain half of a surrogate pair (a \\uD800–\\uDFFF escape without its partner)` })),
  ];
  return issues.length > 0 ? issues : null;
}
