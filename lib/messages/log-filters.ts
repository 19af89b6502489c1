import { z } from "zod";
import { actorTypes, channels, messageStatuses, templates } from "@/db/schema/enums";
import { LOCAL_OUTBOX } from "@/lib/delivery/providers";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";
import { withoutNul } from "@/lib/security/nul-characters";
import { periodPresetValues, type PeriodPreset } from "./period";
import { isSaneDate } from "@/lib/security/date-schemas";

// The communication log's filters, as they appear in the URL (so a view can be shared, reloaded and exported).
// One schema, two readings: the page drops what it does not understand (a stale bookmark still opens, and says
// what it ignored); the CSV export refuses it with a 400 (a script should hear that its filter was wrong, not get
// the whole log).

export const messageProviders = [
  { value: "resend", label: "Resend (email)" },
  { value: "twilio", label: "Twilio (SMS)" },
  { value: LOCAL_OUTBOX, label: "Local outbox" },
] as const;

/** Senders that are not a person: the filter names them by kind. */
export const nonUserSenders = actorTypes.filter((t) => t !== "user") as Exclude<(typeof actorTypes)[number], "user">[];

export const reviewStates = [
  { value: "no", label: "Not yet reviewed" },
  { value: "yes", label: "Reviewed" },
  { value: "low", label: "Reviewed, low score (1–2)" },
] as const;
export type ReviewState = (typeof reviewStates)[number]["value"];

/** Free-text messages (a logged call, a typed note) have no template. */
export const NO_TEMPLATE = "none";

// created_at as PostgreSQL prints it (microseconds kept: a JavaScript Date would round them off and skip rows).
const cursorTime = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-24.")
  .refine(isSaneDate, "That is not a calendar date between 2000 and 2100.");

/** "OL-100123", "ol-100123" or "100123" → "OL-100123". */
function normaliseOrderNumber(value: string): string {
  const upper = value.toUpperCase();
  return /^\d+$/.test(upper) ? `OL-${upper}` : upper;
}

const fields = {
  // "custom" is the period control's "Custom dates" choice: the dates decide (it is dropped once read).
  range: z.enum([...periodPresetValues, "custom"]),
  from: isoDate,
  to: isoDate,
  channel: z.enum(channels),
  template: z.enum([...templates, NO_TEMPLATE]),
  sender: z.union([z.enum(nonUserSenders as [string, ...string[]]), z.uuid()], { error: "Choose System or one of the people in the list." }),
  status: z.enum(messageStatuses),
  provider: z.enum(messageProviders.map((p) => p.value) as [string, ...string[]]),
  order: z
    .string()
    .max(40, "An order number is at most 40 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "An order number has letters, digits and dashes only.")
    .transform(normaliseOrderNumber),
  customer: z.string().max(200, "Search for a customer with at most 200 characters."),
  q: z.string().max(200, "Search with at most 200 characters."),
  reviewed: z.enum(reviewStates.map((s) => s.value) as [ReviewState, ...ReviewState[]]),
  before: z.string().transform((s, ctx) => {
    const [time, seq] = s.split("|");
    if (time && seq && cursorTime.test(time) && /^\d{1,18}$/.test(seq)) return { time, seq };
    ctx.addIssue({ code: "custom", message: "This page link is not valid." });
    return z.NEVER;
  }),
};

type FieldKey = keyof typeof fields;
const fieldKeys = Object.keys(fields) as FieldKey[];

/** The filters once read ("custom" never survives parsing: see withOnePeriod). */
export type MessageLogFilters = { [K in Exclude<FieldKey, "range">]?: z.output<(typeof fields)[K]> } & { range?: PeriodPreset };

/** What each filter is called on screen (for messages about it). */
export const filterLabels: Record<FieldKey, string> = {
  range: "Period",
  from: "From",
  to: "To",
  channel: "Channel",
  template: "Template",
  sender: "Sent by",
  status: "Delivery status",
  provider: "Delivered by",
  order: "Order",
  customer: "Customer",
  q: "Search",
  reviewed: "Review",
  before: "Page",
};

/** The URL's values for our keys, trimmed; empty ones (a GET form sends every field) count as absent. */
function presentValues(params: PageSearchParams | URLSearchParams): Partial<Record<FieldKey, string>> {
  const flat = params instanceof URLSearchParams ? Object.fromEntries(fieldKeys.map((k) => [k, withoutNul(params.get(k) ?? "") || undefined])) : firstSearchParams(params);
  const out: Partial<Record<FieldKey, string>> = {};
  for (const key of fieldKeys) {
    const value = flat[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

function parseField<K extends FieldKey>(key: K, value: string) {
  return fields[key].safeParse(value) as z.ZodSafeParseResult<z.output<(typeof fields)[K]>>;
}

/** Explicit dates win over a preset (the period control never sends both with JavaScript; without, it might). */
function withOnePeriod(read: Record<string, unknown>): MessageLogFilters {
  if (read.range === "custom" || (read.range && (read.from || read.to))) delete read.range;
  return read as MessageLogFilters;
}

/** The page's reading: bad values are dropped and named in `ignored`; reversed dates are swapped. */
export function parseMessageLogFilters(params: PageSearchParams | URLSearchParams): { filters: MessageLogFilters; ignored: string[] } {
  const filters: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(presentValues(params)) as [FieldKey, string][]) {
    const parsed = parseField(key, value);
    if (parsed.success) filters[key] = parsed.data;
    else if (key !== "before") ignored.push(filterLabels[key]);
  }
  const result = withOnePeriod(filters);
  if (result.from && result.to && result.from > result.to) [result.from, result.to] = [result.to, result.from];
  return { filters: result, ignored };
}

/** The export's reading: the first bad value is refused with a message that names the filter. */
export function parseMessageLogFiltersStrict(
  params: PageSearchParams | URLSearchParams,
): { ok: true; filters: MessageLogFilters } | { ok: false; message: string } {
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(presentValues(params)) as [FieldKey, string][]) {
    // The export always covers the whole filtered log, whatever page the list was on.
    if (key === "before") continue;
    const parsed = parseField(key, value);
    if (!parsed.success) return { ok: false, message: `The ${filterLabels[key]} filter is not valid: ${parsed.error.issues[0]?.message ?? "unknown value"}` };
    filters[key] = parsed.data;
  }
  const result = withOnePeriod(filters);
  if (result.from && result.to && result.from > result.to) return { ok: false, message: "The From date is after the To date." };
  return { ok: true, filters: result };
}

const queryOrder: Exclude<FieldKey, "before">[] = ["range", "from", "to", "channel", "template", "sender", "status", "provider", "order", "customer", "q", "reviewed"];

/** The query string for these filters (and a page cursor); empty values left out. Starts with "?" unless empty. */
export function messageLogQuery(filters: MessageLogFilters, before?: string | null): string {
  const params = new URLSearchParams();
  for (const key of queryOrder) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (before) params.set("before", before);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** How many filters narrow the log (a period counts once, whether preset or dates). */
export function activeFilterCount(filters: MessageLogFilters): number {
  const period = filters.range || filters.from || filters.to ? 1 : 0;
  return period + queryOrder.filter((k) => k !== "range" && k !== "from" && k !== "to" && filters[k]).length;
}
