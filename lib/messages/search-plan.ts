import { and, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { messages, messageSearchDocument } from "@/db/schema";

// How a full-text search over the log runs. The GIN index (messages_search_idx) finds a word's messages at once,
// but then they must be sorted; walking the log newest first needs no sort but computes to_tsvector for every
// message it passes (~40 µs each), which PostgreSQL's cost model underrates ~15×. Measured on 4.2 M messages
// (docs/benchmarks.md): a word in 13 k messages took 2–3 s walking and 0.2 s from the index; a word in most
// messages takes 10 ms walking and seconds from the index. So we ask the planner how many messages the words
// match (its estimate, from the index's statistics: no scan) and pick the side ourselves.

export type SearchPlan = "inline" | "prefilter";

/** A page (51 rows): below this many estimated matches, collect the matches first. */
export const PAGE_PREFILTER_MAX_MATCHES = 20_000;
/** The export repeats its query per 2,000-row chunk, so collecting first stays cheaper up to more matches. */
export const EXPORT_PREFILTER_MAX_MATCHES = 150_000;

export function textSearchCondition(q: string): SQL {
  // websearch_to_tsquery never fails on user input ("a -b", unbalanced quotes…). The document expression is the
  // index's own, or the planner would not use the index.
  return sql`${messageSearchDocument} @@ websearch_to_tsquery('english'::regconfig, ${q})`;
}

type PlanNode = { "Plan Rows"?: number };

/** The planner's estimate of how many messages match these words. */
export async function estimatedSearchMatches(db: Db, q: string): Promise<number> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`explain (format json) select 1 from ${messages} where ${textSearchCondition(q)}`);
  const raw = row ? Object.values(row)[0] : undefined;
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: PlanNode }[] | undefined;
  return Number(plan?.[0]?.Plan?.["Plan Rows"] ?? Number.POSITIVE_INFINITY);
}

export async function chooseSearchPlan(db: Db, q: string | undefined, maxMatches: number): Promise<SearchPlan> {
  if (!q) return "inline";
  return (await estimatedSearchMatches(db, q)) <= maxMatches ? "prefilter" : "inline";
}

/**
 * The WHERE of a query that lists the filtered log newest first, at most `limit` rows. Inline: the conditions
 * themselves. Prefilter: the ids of the first `limit` matches, collected in a materialized CTE with no order to
 * keep (so the planner takes the full-text index) and then sorted; the outer query joins only those rows.
 */
export function logOrderCondition(conditions: SQL[], plan: SearchPlan, limit: number): SQL | undefined {
  if (plan === "inline" || conditions.length === 0) return and(...conditions);
  return sql`${messages.id} in (
    select id from (
      with hits as materialized (select ${messages.id} as id, ${messages.createdAt} as created_at, ${messages.seq} as seq from ${messages} where ${and(...conditions)})
      select id from hits order by created_at desc, seq desc limit ${limit}
    ) as page)`;
}
