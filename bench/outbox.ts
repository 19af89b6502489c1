// Outbox benchmark: drain N queued emails through the real worker (claim → resend SDK batch send → record) to the
// local fake Resend, with 1 and more worker loops in one process, then check for duplicates and losses.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/outbox.ts [--messages 100000] [--workers 1,4] [--rate 2]
//
// DATABASE_URL names the server only: the bench creates (and at the end drops) its own database,
// orderline_outbox_bench. The fake answers at once and its rate limit is off, and so is the worker's limiter:
// this measures the outbox itself, not Resend's 2 requests per second (which would cap a real drain at 200 emails/s).
// --rate N turns the worker's limiter on at N requests per second, to see that cap.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows, type DatabaseHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { databaseUrl } from "../db/testing/config";
import { RateLimiter } from "../lib/delivery/rate-limiter";
import { localOutboxProvider } from "../lib/delivery/local-outbox";
import { resendEmailProvider } from "../lib/delivery/resend-email";
import { startFakeResend } from "../lib/delivery/testing/fake-resend";
import { runWorkerOnce, type WorkerCounts, type WorkerDeps } from "../lib/delivery/worker";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("Set DATABASE_URL to a PostgreSQL server (any database on it); the bench creates orderline_outbox_bench.");
  process.exit(1);
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const MESSAGES = Number(arg("messages", "100000"));
const WORKER_COUNTS = arg("workers", "1,4").split(",").map(Number);
const RATE = Number(arg("rate", "0")) || Number.POSITIVE_INFINITY;
const BENCH_DB = "orderline_outbox_bench";

async function createBenchDatabase(): Promise<DatabaseHandle> {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`);
    await admin.unsafe(`create database "${BENCH_DB}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: databaseUrl(serverUrl!, BENCH_DB), maxConnections: Math.max(...WORKER_COUNTS) * 2 + 2 });
  await runMigrations(handle);
  return handle;
}

async function dropBenchDatabase() {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** N queued emails in one statement, all due, as recordNotice would leave them. */
async function fillQueue(handle: DatabaseHandle, run: number): Promise<void> {
  await handle.db.execute(sql`truncate message_events, webhook_receipts, messages cascade`);
  const [customer] = await queryRows<{ id: string }>(handle.db, sql`insert into customers (name, email) values ('Bench Customer', 'bench@example.com') returning id`);
  await handle.db.execute(sql`
    insert into messages (customer_id, channel, template, to_address, subject, body_text, body_html, status, sender_type, send_after, idempotency_key)
    select ${customer!.id}::uuid, 'email', 'shipped', 'customer' || g || '@example.com', 'Your order OL-' || g || ' has shipped',
           'Hello, your order OL-' || g || ' is on its way. Track it at https://orderline.test/track/' || md5(g::text),
           '<p>Hello, your order <strong>OL-' || g || '</strong> is on its way.</p><p><a href="https://orderline.test/track/' || md5(g::text) || '">Track it</a></p>',
           'queued', 'system', now() - interval '1 minute', 'bench-' || ${run} || '-' || g
    from generate_series(1, ${MESSAGES}) g`);
  await handle.db.execute(sql`analyze messages`);
}

type Row = { workers: number; seconds: number; perSecond: number; requests: number; delivered: number; duplicates: number; lost: number; mismatched: number; counts: WorkerCounts };

async function drain(handle: DatabaseHandle, workers: number, run: number): Promise<Row> {
  await fillQueue(handle, run);
  const fake = await startFakeResend({ keepBodies: false });
  try {
    const deps: WorkerDeps = {
      email: { provider: resendEmailProvider({ apiKey: "re_bench", baseUrl: fake.url, from: "Orderline <orders@orderline.test>" }), limiter: new RateLimiter("email:resend", RATE) },
      sms: { provider: localOutboxProvider("sms"), limiter: new RateLimiter("sms:local-outbox", Number.POSITIVE_INFINITY) },
    };
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: workers }, () => runWorkerOnce(handle.db, deps)));
    const seconds = (performance.now() - t0) / 1000;
    const counts = results.reduce((a, b) => ({ batches: a.batches + b.batches, sent: a.sent + b.sent, retrying: a.retrying + b.retrying, deferred: a.deferred + b.deferred, failed: a.failed + b.failed, stale: a.stale + b.stale }));

    // Duplicates: a message that reached the fake's "inboxes" more than once. Losses: a message that is not sent,
    // or whose recorded provider id is not the id the fake gave it.
    const perMessage = new Map<string, string[]>();
    for (const email of fake.delivered) perMessage.set(email.messageId!, [...(perMessage.get(email.messageId!) ?? []), email.id]);
    const duplicates = [...perMessage.values()].filter((ids) => ids.length > 1).length;
    const rows = await queryRows<{ id: string; status: string; provider_message_id: string | null }>(handle.db, sql`select id, status, provider_message_id from messages`);
    const lost = rows.filter((r) => r.status !== "sent" || !perMessage.has(r.id)).length;
    const mismatched = rows.filter((r) => perMessage.get(r.id)?.[0] !== r.provider_message_id).length;
    return { workers, seconds, perSecond: MESSAGES / seconds, requests: fake.requests.length, delivered: fake.delivered.length, duplicates, lost, mismatched, counts };
  } finally {
    await fake.close();
  }
}

async function main() {
  const handle = await createBenchDatabase();
  const [version] = await queryRows<{ v: string }>(handle.db, sql`select current_setting('server_version') as v`);
  const limit = Number.isFinite(RATE) ? `limiter at ${RATE} requests/s` : "limiter off";
  console.log(`PostgreSQL ${version?.v}; ${MESSAGES.toLocaleString("en-US")} queued emails per run; batches of 100 through the resend SDK; ${limit}\n`);
  const report = ["| worker loops | drain time | messages/s | provider requests | delivered | duplicates | losses | id mismatches |", "|---|---|---|---|---|---|---|---|"];
  try {
    let run = 0;
    for (const workers of WORKER_COUNTS) {
      const r = await drain(handle, workers, ++run);
      console.log(JSON.stringify({ workers, ...r.counts }));
      report.push(
        `| ${workers} | ${r.seconds.toFixed(1)} s | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${r.requests.toLocaleString("en-US")} | ${r.delivered.toLocaleString("en-US")} | ${r.duplicates} | ${r.lost} | ${r.mismatched} |`,
      );
    }
  } finally {
    await handle.close();
    await dropBenchDatabase();
  }
  console.log(`\n${report.join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
