import { z } from "zod";
import { carriers } from "@/db/schema/enums";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";
import { isSaneDate } from "@/lib/security/date-schemas";

// The fulfillment board's search and filters, as they appear in the URL (a view can be shared and reloaded), and
// the keyset cursor of a column's "Load more". One set of fields, two readings: the page drops what it does not
// understand (a stale bookmark still opens); the "Load more" action refuses it (the client sends back what the page
// parsed, so a bad value there is not a person's typing).

export const BOARD_PAGE_SIZE = 15;
/** The most cards a column loads at once (the refetch after a bulk change asks for everything shown). */
export const BOARD_MAX_LOAD = 200;

export const boardColumnIds = ["pick", "pack", "shipped", "transit"] as const;
export type BoardColumnId = (typeof boardColumnIds)[number];

export const promisedPresets = [
  { value: "overdue", label: "Overdue" },
  { value: "today", label: "Today" },
  { value: "tomorrow", label: "Tomorrow" },
  // This week from today on (the overdue have their own choice); on a Sunday, just today.
  { value: "week", label: "Today to Sunday" },
] as const;
export type PromisedPreset = (typeof promisedPresets)[number]["value"];

/** "Placed more than N days ago": the choices offered; the URL takes any whole number of days up to a year. */
export const ageChoices = [1, 2, 3, 7] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-24.")
  .refine(isSaneDate, "That is not a calendar date between 2000 and 2100.");

const fields = {
  q: z
    .string()
    .trim()
    .max(100, "Search with at most 100 characters.")
    .transform((s) => s || undefined),
  carrier: z.enum(carriers),
  promised: z.enum(promisedPresets.map((p) => p.value) as [PromisedPreset, ...PromisedPreset[]]),
  /** Promised on this one date. */
  on: isoDate,
  /** Placed more than this many days ago. */
  age: z.coerce.number().int().min(1).max(365),
};

/** As the "Load more" action receives them: every field checked, none dropped. */
export const boardFiltersSchema = z.object({
  q: fields.q.optional(),
  carrier: fields.carrier.optional(),
  promised: fields.promised.optional(),
  on: fields.on.optional(),
  age: fields.age.optional(),
});

export type BoardFilters = z.output<typeof boardFiltersSchema>;

/** As the page reads the URL: a value it does not understand is left out, the rest still applies. */
const urlSchema = z.object({
  q: fields.q.optional().catch(undefined),
  carrier: fields.carrier.optional().catch(undefined),
  promised: fields.promised.optional().catch(undefined),
  on: fields.on.optional().catch(undefined),
  age: fields.age.optional().catch(undefined),
});

export function parseBoardFilters(searchParams: PageSearchParams): BoardFilters {
  const parsed = urlSchema.parse(firstSearchParams(searchParams));
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as BoardFilters;
}

export function hasBoardFilters(filters: BoardFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}

// placed_at as PostgreSQL prints it (microseconds kept: a JavaScript Date would round them off, and a page would
// then repeat or skip the orders placed within that millisecond), and the id that breaks ties.
const cursorTime = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export const boardCursorSchema = z.string().transform((s, ctx) => {
  const [time, id] = s.split("|");
  if (time && id && cursorTime.test(time) && z.uuid().safeParse(id).success) return { time, id };
  ctx.addIssue({ code: "custom", message: "This page of the board is not valid; reload the board." });
  return z.NEVER;
});

export type BoardCursor = z.output<typeof boardCursorSchema>;

export function encodeBoardCursor(time: string, id: string): string {
  return `${time}|${id}`;
}

/** The "Load more" action's input: a column, where it left off (or nothing: its first page), the page's filters. */
export const boardPageSchema = z.object({
  column: z.enum(boardColumnIds, { message: "Unknown board column." }),
  after: boardCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(BOARD_MAX_LOAD).default(BOARD_PAGE_SIZE),
  filters: boardFiltersSchema.default({}),
});

export type BoardPageInput = z.input<typeof boardPageSchema>;
