// Status change round trip on the server: the action's domain call (lock, version check, update, event row, clocks,
// queue head — one transaction) and then the order page's own load showing the new status. Measured against a bare
// UPDATE of the status in the same run, for scale.
//
//   DATABASE_URL=postgres://…/orderline_bench npx tsx bench/status-change.ts [--runs 200]
//
// It moves `runs` confirmed orders to processing (and leaves them there): run it on a benchmark database only.
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { orders, users } from "../db/schema";
import { changeOrderStatus } from "../lib/orders/change-status";
import { getOrderDetail } from "../lib/orders/order-detail";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to a PostgreSQL benchmark database (npm run db:seed -- --orders 1000000).");
  process.exit(1);
}
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
const WARMUP = 10;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const handle = await openDatabase({ url: url!, maxConnections: 4 });
  const raw = postgres(url!, { max: 1, onnotice: () => {} });
  const [rep] = await handle.db.select().from(users).where(eq(users.email, "rep@orderline.test"));
  const candidates = await handle.db
    .select({ id: orders.id, number: orders.number, version: orders.version })
    .from(orders)
    .where(and(eq(orders.status, "confirmed")))
    .orderBy(sql`random()`)
    .limit((WARMUP + RUNS) * 2);
  if (!rep || candidates.length < (WARMUP + RUNS) * 2) throw new Error("Seed a large benchmark database first.");
  const roundTrip: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const order = candidates[2 * i]!;
    const t0 = performance.now();
    await changeOrderStatus(handle.db, { orderId: order.id, expectedVersion: order.version, to: "processing", actor: { type: "user", userId: rep.id } });
    const detail = await getOrderDetail(handle.db, order.number);
    const t1 = performance.now();
    if (detail?.order.status !== "processing") throw new Error("the page did not show the change");
    const other = candidates[2 * i + 1]!;
    const t2 = performance.now();
    await raw`update orders set status = 'processing', version = version + 1 where id = ${other.id}`;
    const t3 = performance.now();
    if (i >= WARMUP) {
      roundTrip.push(t1 - t0);
      bare.push(t3 - t2);
    }
  }
  roundTrip.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  const [counted] = await raw<{ n: number }[]>`select count(*)::int as n from orders`;
  console.log(`orders: ${(counted?.n ?? 0).toLocaleString("en-US")}; runs: ${RUNS} (after ${WARMUP} warm-up)`);
  console.log("| measure | p50 | p95 | p99 |\n|---|---|---|---|");
  console.log(`| status change + page load (server) | ${pct(roundTrip, 50).toFixed(2)} ms | ${pct(roundTrip, 95).toFixed(2)} ms | ${pct(roundTrip, 99).toFixed(2)} ms |`);
  console.log(`| bare UPDATE of one order | ${pct(bare, 50).toFixed(2)} ms | ${pct(bare, 95).toFixed(2)} ms | ${pct(bare, 99).toFixed(2)} ms |`);
  await raw.end();
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
