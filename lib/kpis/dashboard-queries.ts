import { sql, type SQL } from "drizzle-orm";
import type { Granularity } from "./range";

// The dashboard's query set, over the rollups only (plus one live count of open breaches). Each count query covers
// the range and the previous period at once: GROUPING SETS returns the period totals, the trend buckets and the
// per-rep split in one pass, and `grp` tells the sets apart (the GROUPING() bits of the optional columns). Medians and
// p90 come from the duration histograms (kpi_duration_bins). bench/kpis.ts times these same queries.

export type RollupView = "kpi_delivered_daily" | "kpi_feedback_daily" | "kpi_clocks_due_daily" | "kpi_milestones_daily" | "kpi_duration_bins";

export type QueryWindow = {
  from: string;
  to: string;
  previousFrom: string;
  granularity: Granularity;
  /**
   * bench/kpis.ts only: each rollup's defining query over the base tables, so the same statements compute the KPIs
   * by plain aggregates (the view's name then names a CTE of that query).
   */
  plain?: Partial<Record<RollupView, string>>;
};

/** The statement with its CTEs, preceded (in plain mode) by the definitions of the rollups it reads. */
function over(w: QueryWindow, views: RollupView[], body: SQL, ctes: SQL[] = []): SQL {
  const all = [...(w.plain ? views.map((v) => sql.raw(`${v} as materialized (${w.plain![v]})`)) : []), ...ctes];
  return all.length > 0 ? sql`with ${sql.join(all, sql`, `)} ${body}` : body;
}

/**
 * The value at fraction p of each group's distribution, read from its histogram rows (bin, n, lo, hi, and the count
 * `before` the bin), the way percentile_cont reads sorted values: the values at ranks floor(p·(N−1)) and the next,
 * interpolated. Within a bin the values are taken as evenly spread from its smallest to its largest, so a bin of
 * one or two values gives them exactly.
 */
function histogramPercentile(p: number): SQL {
  const pos = sql.raw(`(${p} * (total - 1))`);
  const valueAt = (rank: SQL) => sql`max(case when ${rank} >= before and ${rank} < before + n then lo + (hi - lo) * (${rank} - before) / greatest(n - 1, 1) end)`;
  const a = sql`floor(${pos})`;
  const b = sql`least(floor(${pos}) + 1, total - 1)`;
  return sql`${valueAt(a)} + max(${pos} - floor(${pos})) * (${valueAt(b)} - ${valueAt(a)})`;
}

/** The rows of the two periods ("cur" = the range itself, else the previous period) of a rollup. */
function periodRows(view: RollupView, columns: string, w: QueryWindow): SQL {
  return sql`select day >= ${w.from}::date as cur, date_trunc(${w.granularity}, day::timestamp)::date as bucket, ${sql.raw(columns)}
    from ${sql.raw(view)} where day between ${w.previousFrom}::date and ${w.to}::date`;
}


export const dashboardQueries = {
  delivered: (w: QueryWindow): SQL =>
    over(w, ["kpi_delivered_daily"], sql`
    select cur, grouping(bucket, rep_id) as grp, bucket::text as bucket, rep_id::text as rep_id,
      sum(delivered)::int as delivered, sum(with_error)::int as with_error, sum(promised)::int as promised, sum(on_time)::int as on_time
    from (${periodRows("kpi_delivered_daily", "rep_id, delivered, with_error, promised, on_time", w)}) s
    group by grouping sets ((cur), (cur, bucket), (cur, rep_id))`),

  feedback: (w: QueryWindow): SQL =>
    over(w, ["kpi_feedback_daily"], sql`
    select cur, grouping(bucket, rep_id) as grp, bucket::text as bucket, rep_id::text as rep_id,
      sum(responses)::int as responses, sum(rating_sum)::int as rating_sum, sum(satisfied)::int as satisfied
    from (${periodRows("kpi_feedback_daily", "rep_id, responses, rating_sum, satisfied", w)}) s
    group by grouping sets ((cur), (cur, bucket), (cur, rep_id))`),

  clocks: (w: QueryWindow): SQL =>
    over(w, ["kpi_clocks_due_daily"], sql`
    select cur, grouping(bucket, rep_id, kind) as grp, bucket::text as bucket, rep_id::text as rep_id, kind::text as kind,
      sum(due)::int as due, sum(met_on_time)::int as met_on_time
    from (${periodRows("kpi_clocks_due_daily", "kind, rep_id, due, met_on_time", w)}) s
    group by grouping sets ((cur), (cur, bucket), (cur, rep_id), (cur, kind))`),

  milestones: (w: QueryWindow): SQL =>
    over(w, ["kpi_milestones_daily"], sql`
    select cur, grouping(bucket, rep_id, kind) as grp, bucket::text as bucket, rep_id::text as rep_id, kind::text as kind,
      sum(reached)::int as reached, sum(sent)::int as sent
    from (${periodRows("kpi_milestones_daily", "kind, rep_id, reached, sent", w)}) s
    group by grouping sets ((cur), (cur, bucket), (cur, rep_id), (cur, kind))`),

  // Medians and p90 of the durations from their histograms, in four groupings: per metric and period, first
  // responses of both kinds per period, the two headline trends per bucket, and first responses per sender.
  durations: (w: QueryWindow): SQL =>
    over(
      w,
      ["kpi_duration_bins"],
      sql`select grp, family, cur, bucket::text as bucket, rep_id::text as rep_id, max(total)::int as n,
        ${histogramPercentile(0.5)} as p50, ${histogramPercentile(0.9)} as p90
      from k group by grp, family, cur, bucket, rep_id`,
      [
        sql`h as materialized (
          select metric, day >= ${w.from}::date as cur, date_trunc(${w.granularity}, day::timestamp)::date as bucket, rep_id, bin, n, lo, hi
          from kpi_duration_bins where day between ${w.previousFrom}::date and ${w.to}::date)`,
        sql`g as (
          select 'metric' as grp, metric as family, cur, null::date as bucket, null::uuid as rep_id, bin, sum(n) as n, min(lo) as lo, max(hi) as hi
          from h group by metric, cur, bin
          union all
          select 'metric', 'first_response', cur, null, null, bin, sum(n), min(lo), max(hi)
          from h where metric in ('first_response_inquiry', 'first_response_request') group by cur, bin
          union all
          select 'bucket', case when metric = 'delay_resolution' then metric else 'first_response' end, true, bucket, null, bin, sum(n), min(lo), max(hi)
          from h where cur and metric in ('delay_resolution', 'first_response_inquiry', 'first_response_request') group by 2, bucket, bin
          union all
          select 'rep', 'first_response', true, null, rep_id, bin, sum(n), min(lo), max(hi)
          from h where cur and metric in ('first_response_inquiry', 'first_response_request') group by rep_id, bin)`,
        sql`k as (
          select *, sum(n) over (partition by grp, family, cur, bucket, rep_id order by bin) - n as before,
            sum(n) over (partition by grp, family, cur, bucket, rep_id) as total
          from g)`,
      ],
    ),

  // Live, not rolled up: "open breaches now" must not wait for the next refresh (kpi_open_breaches() in 0008).
  openBreaches: (): SQL => sql`select kind::text as kind, n from kpi_open_breaches()`,

  reps: (): SQL => sql`select id::text as id, name from users`,
} as const;

export type DashboardQueryName = keyof typeof dashboardQueries;

// GROUPING() bit patterns of the sets above (a 1 bit: that column is aggregated away in this row).
export const sets2 = { total: 0b11, bucket: 0b01, rep: 0b10 } as const; // grouping(bucket, rep_id)
export const sets3 = { total: 0b111, bucket: 0b011, rep: 0b101, kind: 0b110 } as const; // grouping(bucket, rep_id, kind)

export type DeliveredRow = { cur: boolean; grp: number; bucket: string | null; rep_id: string | null; delivered: number; with_error: number; promised: number; on_time: number };
export type FeedbackRow = { cur: boolean; grp: number; bucket: string | null; rep_id: string | null; responses: number; rating_sum: number; satisfied: number };
export type ClockRow = { cur: boolean; grp: number; bucket: string | null; rep_id: string | null; kind: string | null; due: number; met_on_time: number };
export type MilestoneRow = { cur: boolean; grp: number; bucket: string | null; rep_id: string | null; kind: string | null; reached: number; sent: number };
/** grp "metric": family is a metric or first_response (both kinds), per period; "bucket" and "rep": the range only. */
export type DurationRow = { grp: "metric" | "bucket" | "rep"; family: string; cur: boolean; bucket: string | null; rep_id: string | null; n: number; p50: number | null; p90: number | null };
