import { z } from "zod";

// Every date and instant Orderline accepts lies in 2000–2100. ISO 8601 and JavaScript allow far more (year 0000,
// ±275760) and PostgreSQL refuses some of it (there is no year 0; JavaScript's six-digit years do not parse), so a
// value that passed validation failed in the database as a 500. No order, scan, delivery date or filter of this
// business falls outside these years (docs/decisions.md, "No 500 from any input").

export const EARLIEST_DATE = "2000-01-01";
export const LATEST_DATE = "2100-12-31";
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const END_MS = Date.UTC(2101, 0, 1);

export const DATE_RANGE_MESSAGE = "That is not a calendar date between 2000 and 2100.";

/** "YYYY-MM-DD" naming a real calendar day (not 2026-02-30) between 2000-01-01 and 2100-12-31. */
export function isSaneDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value < EARLIEST_DATE || value > LATEST_DATE) return false;
  // Date.parse accepts 2026-02-30 as March 2; a real date prints back as itself.
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
}

/** A valid Date (or epoch milliseconds) from 2000-01-01T00:00Z up to, not including, 2101-01-01T00:00Z. */
export function isSaneInstant(value: Date | number): boolean {
  const ms = typeof value === "number" ? value : value.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < END_MS;
}

/** A calendar date as "YYYY-MM-DD" in range; `message` for anything else. */
export function saneDate(message = DATE_RANGE_MESSAGE) {
  // One refinement, not a regex then a refinement: zod runs a refinement after a failed regex too.
  return z.string({ error: message }).refine(isSaneDate, { error: message });
}

/** An ISO calendar date for an API: `formatMessage` for the wrong form, `rangeMessage` (only then) for the wrong years. */
export function saneIsoDate(formatMessage: string, rangeMessage: string) {
  return z.iso.date({ error: formatMessage }).pipe(z.string().refine(isSaneDate, { error: rangeMessage }));
}

/**
 * An ISO 8601 date-time with a time zone ("2026-05-01T14:30:00Z", "2026-05-01T16:30:00+02:00") as a Date in range.
 * `label` names the field in the messages, for the developer reading an API answer.
 */
export function saneInstant(label: string) {
  return z.iso
    .datetime({ offset: true, error: `${label} must be an ISO 8601 date-time with a time zone, e.g. 2026-05-01T14:30:00Z` })
    .transform((value) => new Date(value))
    .refine(isSaneInstant, { error: `${label} must be between 2000 and 2100` });
}
