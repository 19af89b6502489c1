import { z } from "zod";
import { callOutcomes, channels, templates, type Role } from "@/db/schema";

// Shared by the notice composer on the order page and its server actions (preview and send).

/** design.md "People and roles": customer service talks to customers; supervisors can do what a rep does. */
export const noticeSenderRoles = ["rep", "supervisor"] as const satisfies readonly Role[];

export const MAX_NOTICE_FIELDS = 20;
export const MAX_NOTICE_FIELD_LENGTH = 2000;

// The free parts of a template, by field name. Limits keep a crafted request from making the server render (and
// the log store) an unbounded body; the template decides which names it reads.
export const noticeFieldsSchema = z
  .record(z.string().max(64), z.string().max(MAX_NOTICE_FIELD_LENGTH, `Keep each field under ${MAX_NOTICE_FIELD_LENGTH} characters.`))
  .refine((fields) => Object.keys(fields).length <= MAX_NOTICE_FIELDS, `A notice has at most ${MAX_NOTICE_FIELDS} fields.`);

export const previewNoticeSchema = z.object({
  orderId: z.string().uuid("This order reference is not valid."),
  template: z.enum(templates, { message: "Choose a template." }),
  channel: z.enum(channels, { message: "Choose a channel." }),
  fields: noticeFieldsSchema.default({}),
  urgent: z.boolean().default(false),
});

export const sendNoticeSchema = previewNoticeSchema
  .extend({
    callOutcome: z.enum(callOutcomes, { message: "Say how the call went." }).optional(),
    callNotes: z.string().trim().max(MAX_NOTICE_FIELD_LENGTH, `Keep the notes under ${MAX_NOTICE_FIELD_LENGTH} characters.`).optional(),
    // One per opening of the composer: a double-click or a retried request sends the notice once.
    requestId: z.string().uuid().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.channel === "phone" && !input.callOutcome) {
      ctx.addIssue({ code: "custom", path: ["callOutcome"], message: "Say how the call went (reached, voicemail or no answer)." });
    }
  });

export type PreviewNoticeInput = z.input<typeof previewNoticeSchema>;
export type SendNoticeFormInput = z.input<typeof sendNoticeSchema>;
