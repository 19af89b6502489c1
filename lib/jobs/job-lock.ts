import { sql } from "drizzle-orm";
import postgres, { type Sql } from "postgres";
import { queryRows, type Database } from "@/db/client";
import { log } from "@/lib/log";

// The periodic jobs (escalation sweep, KPI refresh, retention) run in every app instance and every `npm run worker`.
// These locks make each run once per tick across all of them, and never two at once: a process that finds the job's
// lock taken skips its tick. The outbox needs none of this (its claims use FOR UPDATE SKIP LOCKED).

/** PostgreSQL advisory lock keys, one per job, in one place so none collides (db/migrate.ts holds 72_410_001). */
export const jobLockKeys = {
  kpiRefresh: 72_410_007,
  escalationSweep: 72_410_021,
  retention: 72_410_022,
} as const;

export type JobName = keyof typeof jobLockKeys;

export type JobOutcome<T> = { ran: true; value: T } | { ran: false; reason: "busy" | "not due" };

// PGlite serves one process, so a lock in memory (per client) is as good as an advisory lock there; an advisory
// lock would not do, as PGlite has one session and a session may take its own lock twice.
const heldInMemory = new WeakMap<object, Set<number>>();

/**
 * Runs `fn` while holding the job's lock; answers { ran: false, reason: "busy" } at once, without waiting, when
 * another process (or another caller in this one) holds it. On PostgreSQL the lock is a session advisory lock on a
 * connection of its own, opened for the run and closed after it: it spans the job's own transactions and goes with
 * the process if the process dies. Takes the database, not a transaction.
 */
export async function withJobLock<T>(db: Database, job: JobName, fn: () => Promise<T>): Promise<JobOutcome<T>> {
  const key = jobLockKeys[job];
  const client = (db as unknown as { $client?: unknown }).$client;
  // postgres.js's client is a function, PGlite's an object; a transaction has none.
  if (!client || (typeof client !== "object" && typeof client !== "function")) throw new Error(`withJobLock(${job}) needs the database itself, not a transaction`);
  if (!isPostgresJs(client)) return withLockInMemory(client, key, fn);

  const session = lockSession(client);
  try {
    const [row] = await session<{ ok: boolean }[]>`select pg_try_advisory_lock(${key}) as ok`;
    if (!row?.ok) return { ran: false, reason: "busy" };
    try {
      return { ran: true, value: await fn() };
    } finally {
      // False when the connection dropped during the run: the server let the lock go then, and this unlock ran on a
      // fresh connection. Another process may have started the job meanwhile; say so.
      const [released] = await session<{ ok: boolean }[]>`select pg_advisory_unlock(${key}) as ok`.catch(() => []);
      if (!released?.ok) log.warn("a job lost its lock during the run (its database connection dropped)", { job });
    }
  } finally {
    await session.end({ timeout: 5 });
  }
}

function isPostgresJs(client: object): client is Sql {
  return typeof (client as { reserve?: unknown }).reserve === "function";
}

// A connection of its own, not one reserved from the app's pool: postgres.js 3.4 crashes the process when a reserved
// connection's server side dies (porsager/postgres#1208), where a pool of one simply reconnects.
function lockSession(client: Sql): Sql {
  const o = client.options;
  return postgres({
    // Parsed options hold every host and port as arrays, which postgres() takes as they are (its types say one).
    host: o.host as unknown as string,
    port: o.port as unknown as number,
    path: o.path || undefined,
    database: o.database,
    user: o.user,
    pass: o.pass ?? undefined,
    ssl: o.ssl,
    connection: { ...o.connection, application_name: "orderline job lock" },
    max: 1,
    connect_timeout: 5,
    onnotice: () => {},
  });
}

async function withLockInMemory<T>(client: object, key: number, fn: () => Promise<T>): Promise<JobOutcome<T>> {
  let held = heldInMemory.get(client);
  if (!held) heldInMemory.set(client, (held = new Set()));
  if (held.has(key)) return { ran: false, reason: "busy" };
  held.add(key);
  try {
    return { ran: true, value: await fn() };
  } finally {
    held.delete(key);
  }
}

/**
 * Runs the job unless it ran less than `minGapMs` ago in any process, or is running now: once per tick across every
 * instance, whatever their loops' phases. When it last ran is kept in the settings table (key `job_last_run.<job>`),
 * on the database's clock so the instances' clocks need not agree.
 */
export async function runJobTick<T>(db: Database, job: JobName, minGapMs: number, fn: () => Promise<T>): Promise<JobOutcome<T>> {
  const outcome = await withJobLock(db, job, async (): Promise<JobOutcome<T>> => {
    if (!(await claimTick(db, job, minGapMs))) return { ran: false, reason: "not due" };
    return { ran: true, value: await fn() };
  });
  return outcome.ran ? outcome.value : outcome;
}

/** Records this tick as the job's last run, unless the last one is younger than `minGapMs`; true when recorded. */
async function claimTick(db: Database, job: JobName, minGapMs: number): Promise<boolean> {
  const rows = await queryRows<{ key: string }>(db, sql`
    insert into settings (key, value, updated_at) values (${`job_last_run.${job}`}, '{}'::jsonb, statement_timestamp())
    on conflict (key) do update set updated_at = excluded.updated_at
    where settings.updated_at <= statement_timestamp() - ${minGapMs} * interval '1 millisecond'
    returning key`);
  return rows.length > 0;
}
