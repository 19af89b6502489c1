// Query plans of the communication log on a large database: EXPLAIN (ANALYZE, BUFFERS) of the log page's own
// statement (first page and the page after its cursor), the export's count and one export chunk, for typical
// filters. Read-only.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/orderline_bench npx tsx bench/message-log-plans.ts [--verbose] [--only "q=parcel"]
//
// "now" is the newest message's time, so presets ("Last 7 days") mean the same as on the day the data was seeded.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows } from "../db/client";
import { EXPORT_CHUNK_SIZE, messageExportChunkQuery } from "../lib/messages/export";
import { parseMessageLogFiltersStrict } from "../lib/messages/log-filters";
import { messageCountQuery, messageLogPageQuery, MESSAGE_PAGE_SIZE } from "../lib/messages/message-log";
import { resolvePeriod } from "../lib/messages/period";
import { chooseSearchPlan, EXPORT_PREFILTER_MAX_MATCHES, estimatedSearchMatches, PAGE_PREFILTER_MAX_MATCHES } from "../lib/messages/search-plan";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL database to explain against (e.g. orderline_bench).");
  process.exit(1);
}
const verbose = process.argv.includes("--verbose");
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;

type Built = { toSQL(): { sql: string; params: unknown[] } };

async function main() {
  const handle = await openDatabase({ url: url!, maxConnections: 1 });
  const raw = postgres(url!, { max: 1, onnotice: () => {} });
  try {
    const [latest] = await queryRows<{ at: string; rep: string | null; email: string | null; number: string | null }>(
      handle.db,
      sql`select (select max(created_at) from messages)::text as at,
                 (select id::text from users where role = 'rep' order by name limit 1) as rep,
                 (select email from customers order by id limit 1) as email,
                 (select number from orders order by placed_at desc limit 1 offset 500) as number`,
    );
    const now = new Date(latest!.at);
    const context = { timeZone: "America/New_York", now };
    const scenarios = [
      "",
      "range=7d",
      "channel=sms&status=bounced",
      "reviewed=no",
      "reviewed=yes",
      "reviewed=low",
      "template=delay&range=30d",
      `sender=${latest!.rep}`,
      `sender=${latest!.rep}&reviewed=no&range=30d`,
      "sender=system&reviewed=yes",
      `order=${latest!.number}`,
      `customer=${latest!.email}`,
      "customer=ramirez",
      "q=snowstorm",
      "q=delayed",
      "q=order",
      "q=refund&channel=email&range=30d",
      "status=complained&range=today",
    ].filter((s) => only === undefined || s === only);

    const explain = async (label: string, built: Built) => {
      const { sql: text, params } = built.toSQL();
      const lines = (await raw.unsafe(`explain (analyze, buffers) ${text}`, params as never[])).map((r) => String(Object.values(r)[0]));
      const time = lines.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
      // The plan's shape in one line: the scan and join nodes, top-down.
      const nodes = lines
        .map((l) => /(?:->\s+)?((?:Parallel )?(?:Index Only Scan|Index Scan Backward|Index Scan|Bitmap Heap Scan|Bitmap Index Scan|Seq Scan|Nested Loop|Hash Join|Merge Join|Sort|Incremental Sort|Limit|Aggregate|Hash Semi Join|Hash)(?: using \S+)?(?: on \S+)?)/.exec(l)?.[1])
        .filter(Boolean);
      console.log(`  ${label.padEnd(10)} ${time.padStart(12)}  ${nodes.slice(0, 7).join(" > ")}`);
      if (verbose) console.log(lines.map((l) => `      ${l}`).join("\n"));
    };

    console.log(`now = ${now.toISOString()}; zone ${context.timeZone}; page ${MESSAGE_PAGE_SIZE} rows, export chunk ${EXPORT_CHUNK_SIZE}`);
    for (const query of scenarios) {
      const parsed = parseMessageLogFiltersStrict(new URLSearchParams(query));
      if (!parsed.ok) throw new Error(`${query}: ${parsed.message}`);
      const filters = parsed.filters;
      const period = resolvePeriod(filters, context.timeZone, now);
      const pagePlan = await chooseSearchPlan(handle.db, filters.q, PAGE_PREFILTER_MAX_MATCHES);
      const exportPlan = await chooseSearchPlan(handle.db, filters.q, EXPORT_PREFILTER_MAX_MATCHES);
      const estimate = filters.q ? `; ~${Math.round(await estimatedSearchMatches(handle.db, filters.q)).toLocaleString("en-US")} matches: page ${pagePlan}, export ${exportPlan}` : "";
      console.log(`${query || "(no filters)"}${estimate}`);
      await explain("page 1", messageLogPageQuery(handle.db, filters, period, pagePlan));
      const first = await messageLogPageQuery(handle.db, filters, period, pagePlan);
      const last = first[MESSAGE_PAGE_SIZE - 1];
      if (first.length > MESSAGE_PAGE_SIZE && last) await explain("page 2", messageLogPageQuery(handle.db, { ...filters, before: { time: last.cursorTime, seq: String(last.seq) } }, period, pagePlan));
      await explain("count", messageCountQuery(handle.db, filters, period, now));
      await explain("chunk 1", messageExportChunkQuery(handle.db, filters, context, { asOf: now, limit: EXPORT_CHUNK_SIZE, plan: exportPlan }));
    }
  } finally {
    await raw.end();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
