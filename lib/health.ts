import { sql } from "drizzle-orm";
import { queryRows, type DatabaseHandle, type Db } from "@/db/client";
import type { WorkerStatus } from "@/lib/delivery/worker";
import { log } from "@/lib/log";

// What /api/health reports: which instance answers, the database answers (which driver, how fast), the in-app outbox
// worker runs, and how far the outbox is behind. Counts and ages only: no customer data, no settings beyond the
// driver's name, no error text from the driver.

export type HealthReport = {
  /** "unavailable" (HTTP 503) only when the database does not answer; "degraded" when delivery looks stuck. */
  status: "ok" | "degraded" | "unavailable";
  /** This process (lib/instance-id.ts): behind a load balancer, which instance answered. */
  instance: string;
  database: { ok: boolean; driver: DatabaseDriver; latencyMs: number | null };
  /** mode "external": this process runs no worker (OUTBOX_WORKER=off); the outbox lag tells whether one runs. */
  worker: { mode: "in-app" | "external"; running: boolean; lastRunAt: string | null };
  outbox: { queued: number | null; oldestDueSeconds: number | null };
};

export type DatabaseDriver = DatabaseHandle["kind"];

export type HealthOptions = {
  openDb: () => Promise<Db>;
  driver: DatabaseDriver;
  instance: string;
  /** The in-app worker's status, or null when this process runs none. */
  worker: WorkerStatus | null;
  now?: () => Date;
  /** The whole database part answers within this, or counts as unreachable. */
  timeoutMs?: number;
};

// A worker polls every second; five minutes without a finished run means it is stuck, not busy.
const WORKER_STALE_MS = 5 * 60_000;
// A message due this long and still unsent means nobody is delivering (or the provider refuses everything).
const OUTBOX_STALE_SECONDS = 15 * 60;

export async function checkHealth({ openDb, driver, instance, worker, now = () => new Date(), timeoutMs = 2000 }: HealthOptions): Promise<HealthReport> {
  const workerReport: HealthReport["worker"] = worker
    ? { mode: "in-app", running: worker.running, lastRunAt: worker.lastRunAt?.toISOString() ?? null }
    : { mode: "external", running: false, lastRunAt: null };

  let database: HealthReport["database"] = { ok: false, driver, latencyMs: null };
  let outbox: HealthReport["outbox"] = { queued: null, oldestDueSeconds: null };
  try {
    const probe = await withTimeout(probeDatabase(openDb, now), timeoutMs);
    database = { ok: true, driver, latencyMs: probe.latencyMs };
    outbox = probe.outbox;
  } catch (error) {
    log.warn("health check: database did not answer", { error: error instanceof TimeoutError ? "timeout" : error });
  }
  if (!database.ok) return { status: "unavailable", instance, database, worker: workerReport, outbox };

  const workerStuck = worker !== null && (!worker.running || !worker.lastRunAt || now().getTime() - worker.lastRunAt.getTime() > WORKER_STALE_MS);
  const outboxStuck = (outbox.oldestDueSeconds ?? 0) > OUTBOX_STALE_SECONDS;
  return { status: workerStuck || outboxStuck ? "degraded" : "ok", instance, database, worker: workerReport, outbox };
}

async function probeDatabase(openDb: () => Promise<Db>, now: () => Date): Promise<{ latencyMs: number; outbox: HealthReport["outbox"] }> {
  const db = await openDb();
  const started = performance.now();
  await db.execute(sql`select 1`);
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  // Read through the outbox's partial index (queued and sending rows only), so this stays cheap on a large log.
  const at = now().toISOString();
  const [lag] = await queryRows<{ queued: number; oldest_due: string | Date | null }>(
    db,
    sql`select count(*)::int as queued, min(send_after) filter (where send_after <= ${at}::timestamptz) as oldest_due
        from messages where status in ('queued', 'sending')`,
  );
  const oldestDue = lag?.oldest_due ? new Date(lag.oldest_due) : null;
  return {
    latencyMs,
    outbox: {
      queued: Number(lag?.queued ?? 0),
      oldestDueSeconds: oldestDue ? Math.max(0, Math.floor((now().getTime() - oldestDue.getTime()) / 1000)) : 0,
    },
  };
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  // The query may still finish later; its result is simply not waited for.
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
