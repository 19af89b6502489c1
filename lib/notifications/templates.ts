import { toPlainText, render } from "@react-email/render";
import type { Channel, ClockKind, OrderStatus, TemplateName } from "@/db/schema";
import type { Address } from "@/db/schema/orders";
import { FALLBACK_TIME_ZONE, isValidTimeZone } from "@/lib/format";
import { parseAmountToCents } from "@/lib/money";
import type { Branding } from "@/lib/settings/defaults";
import { clockMetByTemplate } from "@/lib/sla/clock-rules";
import { receiptFilename, receiptPdf } from "./receipt-pdf";
import { gsmFriendly, smsSegments } from "./sms-segments";
import { templateFields, type TemplateField } from "./template-fields";
import { templateBuilders, type PropsContext } from "./template-props";
import { isSaneDate } from "@/lib/security/date-schemas";

// THE registry of customer notices and the one place that renders them: every channel (email, SMS, phone script,
// portal) and every sender (a rep's composer, an automatic milestone) comes through renderNotice, so the preview a
// rep sees is what the customer gets, and a notice with a gap is refused by the same code that marks it.

export type NoticeFacts = {
  customer: {
    id: string;
    name: string;
    firstName: string;
    email: string | null;
    phone: string | null;
    preferredChannel: Channel;
    smsConsent: boolean;
    timeZone: string;
  };
  order: {
    id: string;
    number: string;
    status: OrderStatus;
    placedAt: Date;
    currency: string;
    items: { sku: string; name: string; quantity: number; unitPriceCents: number }[];
    subtotalCents: number;
    shippingCents: number;
    taxCents: number;
    totalCents: number;
    paymentMethod: string;
    shippingAddress: Address;
    billingAddress: Address;
    promisedDeliveryDate: string | null;
    revisedDeliveryDate: string | null;
    carrierLabel: string | null;
    trackingNumber: string | null;
    trackingLink: string | null;
    /** Shipped without a tracking number: how it travels, in the customer's words ("with a local courier"). */
    travelsBy: string | null;
    deliveredAt: Date | null;
  } | null; // null for a customer-only inquiry answer
  proofOfDelivery: { recipientName: string; receivedAt: Date } | null;
  /** `${APP_URL}/track/${order.trackingToken}` — the token, never the order number. */
  trackingPageUrl: string | null;
  branding: Branding;
};

// The fields live in their own light module so a client component (the composer's form) can import them without
// pulling the renderer and pdf-lib into the browser bundle; they are part of this module's API all the same.
export { defaultFields, templateFields, type TemplateField } from "./template-fields";

export type RenderedNotice = {
  template: TemplateName;
  subject: string;
  preview: string;
  html: string;
  text: string;
  sms: string;
  smsSegments: ReturnType<typeof smsSegments>;
  callScript: string;
  /** Required fields and facts that are empty (or not valid); while any is listed the notice must not be sent. */
  missing: { name: string; label: string }[];
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** The facts and fields the notice was made of (JSON-safe), stored on the message row. */
  data: Record<string, unknown>;
};

// A gap travels through the components as a private-use token and becomes a marked placeholder at the end; the
// components stay plain typed props and cannot forget to mark one.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const TOKEN = /\uE000([\w.]+)\uE001/g;
const DELIMITERS = /[\uE000\uE001]/g;

export async function renderNotice(
  template: TemplateName,
  facts: NoticeFacts,
  fields: Record<string, string>,
  options?: { timeZone?: string },
): Promise<RenderedNotice> {
  const zone = [options?.timeZone, facts.customer.timeZone].find(isValidTimeZone) ?? FALLBACK_TIME_ZONE;
  const missing: { name: string; label: string }[] = [];
  const gap = (name: string, label: string) => {
    if (!missing.some((m) => m.name === name)) missing.push({ name, label });
    return `${OPEN}${name}${CLOSE}`;
  };
  const values = readFields(template, fields, gap);
  const ctx: PropsContext = {
    facts,
    zone,
    field: (name) => values.get(name) ?? null,
    need: (name, label, value) => (value?.trim() ? value : gap(name, label)),
    gap,
  };
  const { element, copy, props } = templateBuilders[template](ctx);

  const labels = new Map(missing.map((m) => [m.name, m.label]));
  const fill = (text: string, mark: (name: string, label: string) => string) =>
    text.replace(TOKEN, (token, name: string) => (labels.has(name) ? mark(name, labels.get(name)!) : "")).replace(DELIMITERS, "");
  const asText = (text: string) => fill(text, (_name, label) => `[${label}]`);
  const asHtml = (html: string) =>
    fill(html, (name, label) => `<span data-missing="${name}" style="background-color:#fff3bf;color:#c92a2a;font-weight:600">[${escapeHtml(label)}]</span>`);

  const rawHtml = await render(element);
  const sms = asText(gsmFriendly(copy.sms)).replace(/\s+/g, " ").trim();
  const attachments =
    template === "order_complete" && facts.order
      ? [{ filename: receiptFilename(facts.order.number), contentType: "application/pdf", content: await receiptPdf(facts, { timeZone: zone }) }]
      : [];

  return {
    template,
    // A subject is a header line: typed line breaks must not reach it.
    subject: asText(copy.subject).replace(/\s+/g, " ").trim(),
    preview: asText(copy.preview),
    html: asHtml(rawHtml),
    // The same conversion render(el, { plainText: true }) applies, without rendering the tree a second time.
    text: asText(toPlainText(rawHtml)),
    sms,
    smsSegments: smsSegments(sms),
    callScript: asText(copy.callScript),
    missing,
    attachments,
    data: {
      template,
      timeZone: zone,
      customer: { id: facts.customer.id, name: facts.customer.name },
      order: facts.order ? { id: facts.order.id, number: facts.order.number, status: facts.order.status } : null,
      trackingPageUrl: facts.trackingPageUrl,
      props: JSON.parse(asText(JSON.stringify(props))) as unknown,
      missing,
    },
  };
}

/**
 * The template's fields, trimmed and checked: a required one left empty, or any value of the wrong form (a date
 * that is no date, an amount that is no amount, a choice not offered), becomes a gap rather than reaching a customer.
 */
function readFields(template: TemplateName, fields: Record<string, string>, gap: (name: string, label: string) => string): Map<string, string> {
  const values = new Map<string, string>();
  for (const field of templateFields[template]) {
    const raw = fields[field.name];
    const value = typeof raw === "string" ? raw.replace(DELIMITERS, "").trim() : "";
    if (!value) {
      if (field.required) values.set(field.name, gap(field.name, field.label));
      continue;
    }
    const problem = valueProblem(field, value);
    values.set(field.name, problem ? gap(field.name, `${field.label} (${problem})`) : value);
  }
  return values;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;

// 2000–2100 only: "Update expected by" becomes a clock's due time, and PostgreSQL has no year 0.
const isCalendarDate = isSaneDate;

function valueProblem(field: TemplateField, value: string): string | null {
  if (field.options && !field.options.some((o) => o.value === value)) return `choose ${field.options.map((o) => o.label).join(" or ")}`;
  switch (field.kind) {
    case "date":
      return isCalendarDate(value) ? null : "not a date";
    case "datetime": {
      const m = ISO_DATE_TIME.exec(value);
      return (m && isCalendarDate(m[1]!)) || isCalendarDate(value) ? null : "not a date and time";
    }
    case "money":
      return parseAmountToCents(value) === null ? "not an amount" : null;
    default:
      return null;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const templateByClock = new Map<ClockKind, TemplateName>(
  Object.entries(clockMetByTemplate).map(([template, kind]) => [kind, template as TemplateName]),
);

/**
 * The template that meets the most urgent open clock a notice can meet (kinds arrive most urgent first); clocks no
 * notice meets — the delivery promise, an escalation, a failed contact — are passed over.
 */
export function suggestedTemplate(openClockKinds: ClockKind[]): TemplateName | null {
  for (const kind of openClockKinds) {
    const template = templateByClock.get(kind);
    if (template) return template;
  }
  return null;
}
