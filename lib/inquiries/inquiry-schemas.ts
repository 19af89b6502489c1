import { z } from "zod";
import { channels, inquiryStatuses, type Channel } from "@/db/schema/enums";

// Customer inquiries (SOP 002 §4.3): the rep's forms — log, answer, wait on the customer, resolve — and the inbox's
// URL filters, shared by the forms and their server actions. Client-safe: no database here.

export type InquiryStatus = (typeof inquiryStatuses)[number];

export const INQUIRY_TEXT_MAX = 4000;
export const INQUIRY_NOTE_MAX = 1000;

export const inquiryStatusLabels: Record<InquiryStatus, string> = {
  open: "Open",
  answered: "Answered",
  waiting_customer: "Waiting on customer",
  resolved: "Resolved",
};

/** How a question reached us, in the rep's words. */
export const inquiryChannelLabels: Record<Channel, string> = {
  email: "Email",
  sms: "SMS",
  phone: "Phone call",
  portal: "Tracking page",
};

const absent = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);
const optionalText = (label: string, max: number) =>
  z.preprocess(absent, z.string().trim().max(max, `Keep the ${label} under ${max.toLocaleString("en-US")} characters.`).optional());
const requiredText = (empty: string, label: string, max: number) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(max, `Keep the ${label} under ${max.toLocaleString("en-US")} characters.`);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const inquiryId = z.string().uuid("This inquiry reference is not valid.");

/**
 * A question a rep logs from a call, an email or a text. The customer is found by email, or by the order number
 * (the order's customer); at least one of the two. The tracking page's questions come in on their own form.
 */
export const logInquirySchema = z
  .object({
    customerEmail: z.preprocess(absent, z.string().trim().toLowerCase().email("Enter the customer's email address, e.g. ada@example.com.").max(320).optional()),
    orderNumber: z.preprocess(
      absent,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^OL-\d{1,12}$/, "Enter an order number like OL-104823.")
        .optional(),
    ),
    channel: z.enum(["phone", "email", "sms"], { message: "Say how the question came in." }),
    body: requiredText("Write down the customer's question.", "question", INQUIRY_TEXT_MAX),
  })
  .refine((v) => Boolean(v.customerEmail || v.orderNumber), { message: "Enter the customer's email or the order number.", path: ["customerEmail"] });
export type LogInquiryForm = z.input<typeof logInquirySchema>;

export const answerInquirySchema = z.object({
  inquiryId,
  answer: requiredText("Write the answer the customer will read.", "answer", INQUIRY_TEXT_MAX),
  /** Empty: the customer's preferred channel that can reach them (as for automatic notices). */
  channel: z.preprocess(absent, z.enum(channels).optional()),
  quoteQuestion: checkbox.default(true),
});
export type AnswerInquiryForm = z.input<typeof answerInquirySchema>;

export const waitOnCustomerSchema = z.object({ inquiryId, note: optionalText("note", INQUIRY_NOTE_MAX) });
export const resumeInquirySchema = z.object({ inquiryId, note: optionalText("note", INQUIRY_NOTE_MAX) });
export const resolveInquirySchema = z.object({ inquiryId, resolution: optionalText("resolution", INQUIRY_NOTE_MAX) });

// The inbox's filters, as they appear in the URL; bad values are dropped so a stale link still opens. "active" is
// everything not resolved.
export const inquiryListStatuses = ["active", ...inquiryStatuses] as const;
export const inquiryListFiltersSchema = z.object({
  status: z.enum(inquiryListStatuses).catch("active").default("active"),
});
export type InquiryListFilters = z.output<typeof inquiryListFiltersSchema>;
