import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions/action";
import { MAX_NOTICE_FIELD_LENGTH, previewNoticeSchema, sendNoticeSchema } from "./notice-schemas";

const base = { orderId: "8b1c6a5e-0000-4000-8000-000000000001", template: "delay", channel: "email" } as const;

describe("the notice composer's input", () => {
  it("accepts a template, a channel and the free fields, with urgent off by default", () => {
    expect(previewNoticeSchema.parse({ ...base, fields: { cause: "Snow", revisedEta: "2026-12-03" } })).toEqual({
      ...base,
      fields: { cause: "Snow", revisedEta: "2026-12-03" },
      urgent: false,
    });
    expect(previewNoticeSchema.parse(base).fields).toEqual({});
  });

  it("refuses an unknown template or channel and a bad order reference", () => {
    const parsed = previewNoticeSchema.safeParse({ ...base, orderId: "OL-1", template: "newsletter", channel: "fax" });
    expect(Object.keys(fieldErrorsOf(parsed.error!)).sort()).toEqual(["channel", "orderId", "template"]);
  });

  it("bounds the fields: each at most 2000 characters, at most 20 of them, strings only", () => {
    const long = previewNoticeSchema.safeParse({ ...base, fields: { cause: "x".repeat(MAX_NOTICE_FIELD_LENGTH + 1) } });
    expect(fieldErrorsOf(long.error!)).toEqual({ "fields.cause": [`Keep each field under ${MAX_NOTICE_FIELD_LENGTH} characters.`] });
    expect(previewNoticeSchema.safeParse({ ...base, fields: { cause: "x".repeat(MAX_NOTICE_FIELD_LENGTH) } }).success).toBe(true);

    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, "v"]));
    expect(fieldErrorsOf(previewNoticeSchema.safeParse({ ...base, fields: many }).error!)).toEqual({ fields: ["A notice has at most 20 fields."] });
    expect(previewNoticeSchema.safeParse({ ...base, fields: Object.fromEntries(Object.entries(many).slice(1)) }).success).toBe(true);

    expect(previewNoticeSchema.safeParse({ ...base, fields: { cause: 42 } }).success).toBe(false);
  });

  it("asks a logged call how it went, and knows only reached, voicemail and no answer", () => {
    const noOutcome = sendNoticeSchema.safeParse({ ...base, channel: "phone" });
    expect(fieldErrorsOf(noOutcome.error!)).toEqual({ callOutcome: ["Say how the call went (reached, voicemail or no answer)."] });
    expect(sendNoticeSchema.safeParse({ ...base, channel: "phone", callOutcome: "busy" }).success).toBe(false);
    expect(sendNoticeSchema.parse({ ...base, channel: "phone", callOutcome: "voicemail", callNotes: "  Left details  " })).toMatchObject({
      callOutcome: "voicemail",
      callNotes: "Left details",
    });
    // Other channels need no outcome.
    expect(sendNoticeSchema.safeParse({ ...base, channel: "sms", urgent: true }).success).toBe(true);
  });

  it("takes a request id only as a UUID", () => {
    expect(sendNoticeSchema.safeParse({ ...base, requestId: "milestone:x" }).success).toBe(false);
    expect(sendNoticeSchema.safeParse({ ...base, requestId: "0f8fad5b-d9cb-469f-a165-70867728950e" }).success).toBe(true);
  });
});
