// Queue benchmark: the rep's first page (default sort and filtered views) through the app's own listQueue, against
// the bare SQL that returns the same rows, timed in the same run, alternating, with EXPLAIN ANALYZE of each.
//
//   DATABASE_URL=postgres://…/orderline_bench npx tsx bench/queue.ts [--runs 200]
//
// Seed the database first: npm run db:seed -- --orders 1000000
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { users } from "../db/schema";
import { buildQueueQuery, listQueue, queueCounts } from "../lib/queue/list-queue";
import { parseQueueFilters, QUEUE_PAGE_SIZE } from "../lib/queue/queue-filters";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to a PostgreSQL database seeded with `npm run db:seed -- --orders 1000000`.");
  process.exit(1);
}
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
const WARMUP = 20;

const views: { name: string; params: Record<string, string> }[] = [
  { name: "default (all open, by due time)", params: {} },
  { name: "breached, unassigned", params: { band: "breached", assignee: "unassigned" } },
  { name: "mine, status processing", params: { assignee: "mine", status: "processing" } },
  { name: "at risk, delay notices", params: { band: "at_risk", kind: "delay_notice" } },
  { name: "search by customer name", params: { q: "sanchez" } },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main() {
  const handle = await openDatabase({ url: url!, maxConnections: 4 });
  const raw = postgres(url!, { max: 1, onnotice: () => {} });
  const [counted] = await raw<{ orders: number }[]>`select count(*)::int as orders from orders`;
  const orderCount = counted?.orders ?? 0;
  const [rep] = await handle.db.select().from(users).where(eq(users.email, "rep@orderline.test"));
  if (!rep) throw new Error("No demo rep: seed the database first.");
  console.log(`orders: ${orderCount.toLocaleString("en-US")}; runs per view: ${RUNS} (after ${WARMUP} warm-up)\n`);
  const report: string[] = ["| view | rows | listQueue p50 | p95 | p99 | bare SQL p50 | p95 | p95 ratio |", "|---|---|---|---|---|---|---|---|"];

  for (const view of views) {
    const filters = parseQueueFilters(view.params);
    const now = new Date();
    const { sql, params } = buildQueueQuery(handle.db, filters, rep.id, now, QUEUE_PAGE_SIZE + 1).toSQL();
    const app: number[] = [];
    const bare: number[] = [];
    let rows = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now();
      const page = await listQueue(handle.db, { filters, userId: rep.id, now });
      const t1 = performance.now();
      await raw.unsafe(sql, params as never[]);
      const t2 = performance.now();
      rows = page.rows.length;
      if (i >= WARMUP) {
        app.push(t1 - t0);
        bare.push(t2 - t1);
      }
    }
    app.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const ratio = percentile(app, 95) / percentile(bare, 95);
    report.push(
      `| ${view.name} | ${rows} | ${fmt(percentile(app, 50))} | ${fmt(percentile(app, 95))} | ${fmt(percentile(app, 99))} | ${fmt(percentile(bare, 50))} | ${fmt(percentile(bare, 95))} | ${ratio.toFixed(2)}× |`,
    );
    const plan = await raw.unsafe(`explain (analyze, buffers, costs off) ${sql}`, params as never[]);
    console.log(`## ${view.name}\n${plan.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n")}\n`);
  }

  const counts: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    await queueCounts(handle.db);
    if (i >= WARMUP) counts.push(performance.now() - t0);
  }
  counts.sort((a, b) => a - b);
  console.log(report.join("\n"));
  console.log(`\nqueue header counts: p50 ${fmt(percentile(counts, 50))}, p95 ${fmt(percentile(counts, 95))}`);
  await raw.end();
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
