import { z } from "zod";
import { clockKinds, orderStatuses } from "@/db/schema";
import { riskBands } from "@/lib/sla/risk";
import { firstSearchParams } from "@/lib/search-params";
import { withoutNul } from "@/lib/security/nul-characters";

// The queue's filters as they appear in the URL, so a view can be shared and reloaded. Bad values are dropped.

export const QUEUE_PAGE_SIZE = 50;
export const assigneeFilters = ["anyone", "mine", "unassigned"] as const;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const queueFiltersSchema = z.object({
  band: optional(z.enum(riskBands)),
  kind: optional(z.enum(clockKinds)),
  status: optional(z.enum(orderStatuses)),
  assignee: z.enum(assigneeFilters).catch("anyone").default("anyone"),
  q: optional(
    z
      .string()
      .trim()
      .max(200)
      .transform((s) => s || undefined),
  ),
  // Keyset cursor: the due time and id of the last row of the previous page.
  after: optional(z.string().regex(/^\d{13}_[0-9a-f-]{36}$/)),
});

export type QueueFilters = z.output<typeof queueFiltersSchema>;

export function parseQueueFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): QueueFilters {
  const entries = params instanceof URLSearchParams ? [...params.entries()].map(([k, v]) => [k, withoutNul(v)]) : Object.entries(firstSearchParams(params));
  return queueFiltersSchema.parse(Object.fromEntries(entries));
}

export function queueFiltersToSearch(filters: QueueFilters, overrides: Partial<QueueFilters> = {}): string {
  const merged = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const key of ["band", "kind", "status", "q", "after"] as const) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  if (merged.assignee !== "anyone") params.set("assignee", merged.assignee);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function encodeCursor(dueAt: Date, orderId: string): string {
  return `${dueAt.getTime()}_${orderId}`;
}

export function decodeCursor(cursor: string): { dueAt: Date; orderId: string } {
  const [ms, id] = cursor.split("_");
  return { dueAt: new Date(Number(ms)), orderId: id! };
}
