import { databaseOptionsFromEnv, openDatabase } from "../db/client";
import { appConfig } from "../lib/config/app-config";
import { workerDepsFor } from "../lib/delivery/delivery-setup";
import { deliveryConfigFromEnv } from "../lib/delivery/providers";
import { startWorker } from "../lib/delivery/worker";
import { startEscalationSweeper } from "../lib/escalations/escalation-sweeper";
import { kpiRefreshIntervalMs, startKpiRefresher } from "../lib/kpis/rollups";
import { log } from "../lib/log";
import { prepareSchema } from "../lib/startup";
import { retentionCheckIntervalMs, startRetentionScheduler } from "../lib/retention/run-retention";
import { getFileStorage } from "../lib/storage/file-storage";

// The outbox worker on its own (`npm run worker`), for production: run the app with OUTBOX_WORKER=off and as many
// of these as you like against the same PostgreSQL — claims skip each other's rows. Stops cleanly on SIGINT/SIGTERM;
// a batch in flight when the process is killed harder is re-sent under the same idempotency key after its lease.
async function main() {
  const config = appConfig();
  if (!config.DATABASE_URL) {
    // PGlite has no locking between processes: with it, the app's own in-process worker is the only safe one.
    console.error("npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, the app runs the worker itself.");
    process.exit(1);
  }
  const handle = await openDatabase(databaseOptionsFromEnv(config, { defaultPoolSize: 4 }));
  // As the app at start: the database login checked in production, then the migrations (lib/startup.ts).
  const problems = await prepareSchema(handle, config, []);
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    await handle.close();
    process.exit(1);
  }
  const delivery = deliveryConfigFromEnv(config);
  // OUTBOX_LEASE_MS shortens the claim lease (default 2 min), for the fault script that kills workers on purpose.
  const worker = startWorker(handle.db, { ...workerDepsFor(delivery), leaseMs: config.OUTBOX_LEASE_MS }, { intervalMs: config.OUTBOX_POLL_MS, name: "outbox worker" });
  log.info("outbox worker started", { email: delivery.email.kind, sms: delivery.sms.kind, pid: process.pid });
  // The periodic jobs below run once per tick across every worker and app instance (lib/jobs/job-lock.ts).
  // Automatic escalation of badly breached clocks, every minute.
  const sweeper = startEscalationSweeper(handle.db, { intervalMs: config.ESCALATION_SWEEP_MS });
  // KPI rollups, when older than the interval (one worker refreshes; the others find them fresh or the lock taken).
  const kpiInterval = kpiRefreshIntervalMs(config);
  const kpiRefresher = kpiInterval ? startKpiRefresher(handle.db, kpiInterval, "outbox worker") : null;
  // The daily retention run, when the last scheduled one is a day old (lib/retention/run-retention.ts); it deletes
  // the proof-of-delivery photos of the orders it anonymises, so the worker needs the app's file storage settings.
  const retentionInterval = retentionCheckIntervalMs();
  const retention = retentionInterval ? startRetentionScheduler(handle.db, getFileStorage(), retentionInterval, "outbox worker") : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("outbox worker stopping", { signal });
    await Promise.all([worker.stop(), sweeper.stop(), kpiRefresher?.stop(), retention?.stop()]);
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
