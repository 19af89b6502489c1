import { z } from "zod";
import { clockKinds } from "@/db/schema/enums";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";
import { rangeParamsSchema, rangeQuery, type KpiRange } from "./range";

// A drill-down's URL: the dashboard's range, plus what to list. Bad values are dropped, so a stale link still opens.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const drillParamsSchema = rangeParamsSchema.extend({
  /** A clock kind (SLA compliance) or milestone (notification coverage). */
  kind: optional(z.enum(clockKinds)),
  /** A rep's user id, or "none" for rows without one. */
  rep: optional(z.union([z.uuid(), z.literal("none")])),
  /** Only the bad ones: breached, late, with errors, rated 1–3, not sent. */
  only: optional(z.literal("1")),
  /** sla-compliance: "open" lists open breaches now; delay-resolution: "notify" lists notification times. */
  view: optional(z.enum(["open", "notify"])),
  /** first-response: inquiries or requests only. */
  subject: optional(z.enum(["inquiry", "request"])),
  /** Keyset cursor: "<sort value>|<id>" of the last row shown. */
  after: optional(z.string().max(120).regex(/^[^|]+\|[0-9a-f-]{36}$/)),
});
export type DrillParams = z.output<typeof drillParamsSchema>;

export function parseDrillParams(searchParams: PageSearchParams): DrillParams {
  return drillParamsSchema.parse(firstSearchParams(searchParams));
}

export type DrillFilters = Pick<DrillParams, "kind" | "rep" | "only" | "view" | "subject">;

/** The drill-down's URL for a range and filters (and a cursor for the next page). */
export function drillHref(kpi: string, range: Pick<KpiRange, "preset" | "from" | "to" | "granularity">, filters: DrillFilters, after?: string | null): string {
  return `/kpis/${kpi}${rangeQuery(range, { kind: filters.kind, rep: filters.rep, only: filters.only, view: filters.view, subject: filters.subject, after: after ?? undefined })}`;
}
