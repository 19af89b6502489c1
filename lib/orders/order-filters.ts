import { z } from "zod";
import { channels, orderStatuses } from "@/db/schema";
import { firstSearchParams } from "@/lib/search-params";
import { isSaneDate } from "@/lib/security/date-schemas";

// The order list's filters, as they appear in the URL (so a view can be shared and reloaded). Bad values are
// dropped rather than failing the page: a stale bookmark still opens.

export const ORDER_PAGE_SIZE = 25;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // Out of 2000–2100 is dropped like any other bad date: PostgreSQL has no year 0.
  .refine(isSaneDate)
  .optional()
  .catch(undefined);

export const orderFiltersSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((s) => (s ? s : undefined))
    .catch(undefined),
  status: optionalEnum(orderStatuses),
  channel: optionalEnum(channels),
  from: isoDate,
  to: isoDate,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type OrderFilters = z.output<typeof orderFiltersSchema>;

export function parseOrderFilters(searchParams: Record<string, string | string[] | undefined>): OrderFilters {
  const flat = firstSearchParams(searchParams);
  return orderFiltersSchema.parse(flat);
}

/** The query string for these filters, with `page` replaced; empty values left out. */
export function orderFiltersToQuery(filters: OrderFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["q", "status", "channel", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}
