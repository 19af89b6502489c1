// KPI dashboard benchmark: the page's whole query set (lib/kpis/dashboard-queries.ts) for a range and its previous
// period, read from the rollups, against the same statements computed by plain aggregates over the base tables (each
// rollup replaced by a CTE of its own defining query, from pg_get_viewdef), in the same run, alternating. Then one full
// refresh of the rollups, timed.
//
//   DATABASE_URL=postgres://…/orderline_bench npx tsx bench/kpis.ts [--runs 20] [--warmup 3] [--plain-runs 3] [--range 12m] [--no-refresh]
//
// The plain aggregates scan millions of rows (about a minute per set on the 1M-order seed), so they run in the first
// --plain-runs measured runs only, each alternating with a rollup run; the remaining runs time the rollups alone.
//
// Seed the database first (npm run db:seed -- --orders 1000000), migrate, VACUUM ANALYZE.
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import { openDatabase, queryRows, type Db } from "../db/client";
import { dashboardQueries, type QueryWindow, type RollupView } from "../lib/kpis/dashboard-queries";
import { queryWindow } from "../lib/kpis/dashboard";
import { rangePresets, resolveRange, type RangePreset } from "../lib/kpis/range";
import { readRollupFreshness, refreshKpiRollups } from "../lib/kpis/rollups";
import { todayIn } from "../lib/kpis/today";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to a PostgreSQL database (seeded with `npm run db:seed -- --orders 1000000`).");
  process.exit(1);
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg("--runs", "20"));
const WARMUP = Number(arg("--warmup", "3"));
const PLAIN_RUNS = Math.min(RUNS, Number(arg("--plain-runs", "3")));
const PRESET = arg("--range", "12m") as RangePreset;
const REFRESH = !process.argv.includes("--no-refresh");
if (!rangePresets.includes(PRESET)) throw new Error(`--range must be one of ${rangePresets.join(", ")}`);

const views: RollupView[] = ["kpi_delivered_daily", "kpi_feedback_daily", "kpi_clocks_due_daily", "kpi_milestones_daily", "kpi_duration_bins"];
type Named = { name: string; query: SQL };

function querySet(w: QueryWindow): Named[] {
  return [
    { name: "freshness", query: sql`select refreshed_at, zone from kpi_rollup_meta` },
    { name: "delivered", query: dashboardQueries.delivered(w) },
    { name: "feedback", query: dashboardQueries.feedback(w) },
    { name: "clocks", query: dashboardQueries.clocks(w) },
    { name: "milestones", query: dashboardQueries.milestones(w) },
    { name: "durations", query: dashboardQueries.durations(w) },
    { name: "openBreaches", query: dashboardQueries.openBreaches() },
    { name: "reps", query: dashboardQueries.reps() },
  ];
}

/** Runs the set one query after another; the per-query times and their sum. */
async function timeSet(db: Db, set: Named[]): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  let total = 0;
  for (const { name, query } of set) {
    const t0 = performance.now();
    await queryRows(db, query);
    times[name] = performance.now() - t0;
    total += times[name];
  }
  times.total = total;
  return times;
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

async function main() {
  const handle = await openDatabase({ url: url!, maxConnections: 2 });
  const db = handle.db;
  try {
    const [counts] = await queryRows<{ orders: number; clocks: number; messages: number }>(
      db,
      sql`select (select count(*) from orders)::int as orders, (select count(*) from sla_clocks)::int as clocks, (select count(*) from messages)::int as messages`,
    );
    const freshness = await readRollupFreshness(db);
    const range = resolveRange({ range: PRESET }, todayIn(freshness.zone));
    const w = queryWindow(range);
    // The plain-aggregate twin: every rollup read from its defining query instead of its stored rows.
    const defs: Partial<Record<RollupView, string>> = {};
    for (const view of views) {
      const [row] = await queryRows<{ def: string }>(db, sql`select pg_get_viewdef(${view}::regclass, true) as def`);
      defs[view] = row!.def.trim().replace(/;$/, "");
    }
    const plainW: QueryWindow = { ...w, plain: defs };
    const rollupSet = querySet(w);
    const plainSet = querySet(plainW);

    console.log(`orders ${counts!.orders.toLocaleString("en-US")}, clocks ${counts!.clocks.toLocaleString("en-US")}, messages ${counts!.messages.toLocaleString("en-US")}`);
    console.log(`range ${range.from} … ${range.to} (${range.days} days, by ${range.granularity}) and previous ${range.previousFrom} … ${range.previousTo}`);
    console.log(`rollups as of ${freshness.refreshedAt.toISOString()}; ${RUNS} runs of the rollup set after ${WARMUP} warm-up, ${PLAIN_RUNS} of them alternating with the plain set\n`);

    const rollup: Record<string, number>[] = [];
    const plain: Record<string, number>[] = [];
    for (let i = 0; i < WARMUP; i++) await timeSet(db, rollupSet);
    for (let i = 0; i < RUNS; i++) {
      if (i < PLAIN_RUNS) {
        // Alternate which goes first, so neither always finds the other's pages in the cache.
        const first = i % 2 === 0;
        const a = await timeSet(db, first ? rollupSet : plainSet);
        const b = await timeSet(db, first ? plainSet : rollupSet);
        rollup.push(first ? a : b);
        plain.push(first ? b : a);
      } else {
        rollup.push(await timeSet(db, rollupSet));
      }
      process.stdout.write(".");
    }
    console.log("\n");

    const names = [...rollupSet.map((q) => q.name), "total"];
    const rows = ["| query | rollups p50 | p95 | plain aggregates p50 | p95 | p50 ratio |", "|---|---|---|---|---|---|"];
    for (const name of names) {
      const r = rollup.map((t) => t[name]!);
      const p = plain.map((t) => t[name]!);
      const [r50, r95, p50, p95] = [pct(r, 50), pct(r, 95), pct(p, 50), pct(p, 95)];
      rows.push(`| ${name === "total" ? "**total**" : name} | ${ms(r50)} | ${ms(r95)} | ${ms(p50)} | ${ms(p95)} | ${(p50 / r50).toFixed(0)}× |`);
    }
    console.log(rows.join("\n"));

    // The page itself runs the set concurrently on the pool; its wall time is below the sum above.
    const wall: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await Promise.all(rollupSet.map((q) => queryRows(db, q.query)));
      wall.push(performance.now() - t0);
    }
    console.log(`\nrollup set run concurrently (2 connections): p50 ${ms(pct(wall, 50))}, p95 ${ms(pct(wall, 95))}`);

    if (REFRESH) {
      const t0 = performance.now();
      const result = await refreshKpiRollups(db);
      console.log(`full refresh of the rollups (one transaction, CONCURRENTLY): ${result.refreshed ? ms(performance.now() - t0) : "skipped, another refresh was running"}`);
      for (const view of [...views, "kpi_rollup_meta"]) {
        const [size] = await queryRows<{ rows: number; bytes: string }>(
          db,
          sql`select (select count(*) from ${sql.raw(view)})::int as rows, pg_size_pretty(pg_total_relation_size(${view}::regclass)) as bytes`,
        );
        console.log(`  ${view}: ${size!.rows.toLocaleString("en-US")} rows, ${size!.bytes}`);
      }
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
