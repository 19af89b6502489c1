// Message export benchmark: a year of the communication log through the same streaming function the export route
// uses (lib/messages/export.ts), read as fast as the reader takes it, with rows/s and the process's peak RSS.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/orderline_bench npx tsx bench/message-export.ts [--days 365] [--chunk 2000] [--out /tmp/messages.csv] [--filters "channel=sms&status=bounced"]
//
// Read-only: it counts and selects, nothing else. Without --out the bytes are counted and dropped (the database and
// CSV side alone); with --out they go to a file through a write stream that honours backpressure, as a download would.
import { createWriteStream } from "node:fs";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../db/client";
import { EXPORT_CHUNK_SIZE, messageExportStream } from "../lib/messages/export";
import { parseMessageLogFiltersStrict } from "../lib/messages/log-filters";
import { countMessages } from "../lib/messages/message-log";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL database to export from (e.g. orderline_bench).");
  process.exit(1);
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const DAYS = Number(arg("days", "365"));
const CHUNK = Number(arg("chunk", String(EXPORT_CHUNK_SIZE)));
const OUT = arg("out", "");
const TIME_ZONE = "UTC";

const MB = 1024 * 1024;
let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);

async function main() {
  const handle = await openDatabase({ url: url!, maxConnections: 2 });
  try {
    const now = new Date();
    const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const query = new URLSearchParams(arg("filters", ""));
    query.set("from", day(DAYS - 1));
    query.set("to", day(0));
    const parsed = parseMessageLogFiltersStrict(query);
    if (!parsed.ok) throw new Error(parsed.message);
    const context = { timeZone: TIME_ZONE, now };
    console.log(`filters: ${query.toString()}; chunk ${CHUNK} rows; ${OUT ? `writing ${OUT}` : "bytes dropped"}`);

    const countStart = performance.now();
    const total = await countMessages(handle.db, parsed.filters, context, now);
    const countMs = performance.now() - countStart;
    console.log(`count: ${total.toLocaleString("en-US")} rows in ${countMs.toFixed(0)} ms (the route sends this first)`);

    const start = performance.now();
    let bytes = 0;
    let lineEnds = 0;
    let lastWasCr = false;
    let nextReport = 100_000;
    const rssAtStart = process.memoryUsage().rss;
    const file = OUT ? createWriteStream(OUT) : null;
    const sink = new WritableStream<Uint8Array>({
      async write(chunk) {
        bytes += chunk.byteLength;
        for (const byte of chunk) {
          if (byte === 0x0a && lastWasCr) lineEnds++;
          lastWasCr = byte === 0x0d;
        }
        sample();
        if (lineEnds - 1 >= nextReport) {
          const s = (performance.now() - start) / 1000;
          console.log(`  ${(lineEnds - 1).toLocaleString("en-US")} rows, ${(bytes / MB).toFixed(0)} MB, ${Math.round((lineEnds - 1) / s).toLocaleString("en-US")} rows/s, RSS ${(process.memoryUsage().rss / MB).toFixed(0)} MB`);
          nextReport += 100_000;
        }
        if (file && !file.write(chunk)) await new Promise<void>((resolve) => file.once("drain", () => resolve()));
      },
      async close() {
        if (file) await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
      },
    });
    await messageExportStream(handle.db, parsed.filters, context, { asOf: now, chunkSize: CHUNK }).pipeTo(sink);
    const seconds = (performance.now() - start) / 1000;
    const rows = lineEnds - 1;
    sample();
    console.log(
      [
        `rows: ${rows.toLocaleString("en-US")} (expected ${total.toLocaleString("en-US")})`,
        `time: ${seconds.toFixed(1)} s`,
        `rate: ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s, ${(bytes / MB / seconds).toFixed(1)} MB/s`,
        `CSV: ${(bytes / MB).toFixed(0)} MB`,
        `peak RSS: ${(peakRss / MB).toFixed(0)} MB (at start of the export: ${(rssAtStart / MB).toFixed(0)} MB)`,
      ].join("\n"),
    );
    if (rows !== total) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
