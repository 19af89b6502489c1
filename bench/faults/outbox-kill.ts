// Fault script (issue 8): kill the standalone outbox worker — `scripts/worker.ts`, what `npm run worker` runs — with
// SIGKILL at random moments of a 10,000-email drain, ten times, restarting it after each kill; then let it finish
// and check that the fake Resend received every message exactly once and that the log agrees with it.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/faults/outbox-kill.ts [--messages 10000] [--kills 10] [--seed 1]
//
// DATABASE_URL names the server only: the script creates (and at the end drops) its own database. The worker runs
// as a real child process against the real resend SDK, pointed at the fake (RESEND_BASE_URL), with its limiter at
// 5 requests/s so the drain lasts long enough for kills to land in every phase: claiming, sending, recording.
// Leases are 2 s (OUTBOX_LEASE_MS) so a batch orphaned by a kill goes out again soon, under its own idempotency key.
import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows, type DatabaseHandle } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { databaseUrl } from "../../db/testing/config";
import { startFakeResend } from "../../lib/delivery/testing/fake-resend";
import { queueMessages } from "../../lib/delivery/testing/outbox-fixtures";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("Set DATABASE_URL to a PostgreSQL server (any database on it); the script creates orderline_fault_outbox.");
  process.exit(1);
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const MESSAGES = Number(arg("messages", "10000"));
const KILLS = Number(arg("kills", "10"));
const FAULT_DB = "orderline_fault_outbox";
const DRAIN_TIMEOUT_MS = 300_000;

// A small seeded PRNG (mulberry32) so a run can be repeated with --seed.
let state = Number(arg("seed", String(Date.now() % 1_000_000))) >>> 0;
const seedUsed = state;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

async function admin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const client = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function startWorker(fakeUrl: string): ChildProcess {
  // `node --import tsx` keeps the worker in one process, so SIGKILL reaches the process that holds the claims.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(serverUrl!, FAULT_DB),
      RESEND_API_KEY: "re_fault",
      RESEND_BASE_URL: fakeUrl,
      RESEND_RATE_LIMIT_PER_SECOND: "5",
      OUTBOX_POLL_MS: "100",
      OUTBOX_LEASE_MS: "2000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function counts(handle: DatabaseHandle) {
  const [row] = await queryRows<{ sent: number; sending: number; queued: number }>(
    handle.db,
    sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'sending')::int as sending,
               count(*) filter (where status = 'queued')::int as queued from messages`,
  );
  return row!;
}

async function main() {
  await admin(async (c) => {
    await c.unsafe(`drop database if exists "${FAULT_DB}" with (force)`);
    await c.unsafe(`create database "${FAULT_DB}"`);
  });
  const handle = await openDatabase({ url: databaseUrl(serverUrl!, FAULT_DB), maxConnections: 2 });
  // The fake accepts each batch at once and answers 300 ms later, so many kills fall between "the provider has it"
  // and "we wrote down that it has it": the window where a careless outbox sends twice.
  const fake = await startFakeResend({ keepBodies: false, answerDelayMs: 300 });
  const started = performance.now();
  try {
    await runMigrations(handle);
    const [customer] = await queryRows<{ id: string }>(handle.db, sql`insert into customers (name, email) values ('Fault Customer', 'fault@example.com') returning id`);
    await queueMessages(handle.db, MESSAGES, { customerId: customer!.id, sendAfter: new Date(Date.now() - 60_000) });
    console.log(`${MESSAGES.toLocaleString("en-US")} queued emails; ${KILLS} kills; seed ${seedUsed}`);

    const kills: { afterMs: number; sentBefore: number; inFlight: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = startWorker(fake.url);
      // Random moments: 0.5–3.5 s after the process starts (it boots, migrates, then drains ~500 emails/s).
      const afterMs = Math.round(500 + random() * 3000);
      await new Promise((r) => setTimeout(r, afterMs));
      await kill(child);
      const c = await counts(handle);
      kills.push({ afterMs, sentBefore: c.sent, inFlight: c.sending });
      console.log(`kill ${k + 1}: after ${afterMs} ms; ${c.sent} sent, ${c.sending} claimed by the dead worker, ${c.queued} queued`);
    }

    // The last life: run until nothing is left to send.
    const child = startWorker(fake.url);
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const c = await counts(handle);
      if (c.sent === MESSAGES) break;
      if (Date.now() > deadline) throw new Error(`drain did not finish: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await kill(child);
    const seconds = (performance.now() - started) / 1000;

    // Exactly once: every message reached the fake's inboxes once (replays under the same idempotency key are not
    // deliveries, as with Resend), none twice, none missing. The log agrees: each row is sent, carries the id the fake
    // gave that email, and has one "sent" event in its delivery history.
    const perMessage = new Map<string, string[]>();
    for (const email of fake.delivered) perMessage.set(email.messageId!, [...(perMessage.get(email.messageId!) ?? []), email.id]);
    const rows = await queryRows<{ id: string; status: string; provider_message_id: string | null; sent_events: number }>(
      handle.db,
      sql`select m.id, m.status, m.provider_message_id,
                 (select count(*)::int from message_events e where e.message_id = m.id and e.status = 'sent') as sent_events
          from messages m`,
    );
    const duplicates = [...perMessage.values()].filter((ids) => ids.length > 1).length;
    const missing = rows.filter((r) => !perMessage.has(r.id)).length;
    const notSent = rows.filter((r) => r.status !== "sent").length;
    const idMismatch = rows.filter((r) => perMessage.get(r.id)?.[0] !== r.provider_message_id).length;
    const eventMismatch = rows.filter((r) => r.sent_events !== 1).length;
    const replays = fake.requests.filter((r) => r.replay).length;
    // Batches the provider accepted whose answer the killed worker never wrote down: re-sent under the same key.
    const killsInFlight = kills.filter((k) => k.inFlight > 0).length;

    console.log("");
    console.log("| messages | kills | kills with a batch in flight | provider requests | replayed requests | delivered | duplicates | missing | log not sent | id mismatches | sent-event mismatches | wall time |");
    console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
    console.log(
      `| ${MESSAGES.toLocaleString("en-US")} | ${KILLS} | ${killsInFlight} | ${fake.requests.length} | ${replays} | ${fake.delivered.length.toLocaleString("en-US")} | ${duplicates} | ${missing} | ${notSent} | ${idMismatch} | ${eventMismatch} | ${seconds.toFixed(1)} s |`,
    );
    const ok = duplicates === 0 && missing === 0 && notSent === 0 && idMismatch === 0 && eventMismatch === 0 && fake.delivered.length === MESSAGES;
    console.log(ok ? "\nexactly once: yes" : "\nexactly once: NO");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await fake.close();
    await handle.close();
    await admin((c) => c.unsafe(`drop database if exists "${FAULT_DB}" with (force)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
