import type { Database } from "@/db/client";
import { appConfig, type AppConfig } from "@/lib/config/app-config";
import { startEscalationSweeper, type SweeperHandle } from "@/lib/escalations/escalation-sweeper";
import { kpiRefreshIntervalMs, startKpiRefresher } from "@/lib/kpis/rollups";
import { log } from "@/lib/log";
import { retentionCheckIntervalMs, startRetentionScheduler } from "@/lib/retention/run-retention";
import { getFileStorage } from "@/lib/storage/file-storage";
import type { LoopHandle } from "@/lib/periodic";
import { workerDepsFor } from "./delivery-setup";
import { deliveryConfigFromEnv } from "./providers";
import { startWorker, type WorkerHandle, type WorkerStatus } from "./worker";

// The worker inside the app process, so `npm run dev` delivers with nothing else running. Production may run it
// standalone instead (`npm run worker`, with OUTBOX_WORKER=off for the app). Never under vitest or `next build`.

const globalForWorker = globalThis as unknown as {
  __orderlineOutboxWorker?: WorkerHandle;
  __orderlineEscalationSweeper?: SweeperHandle;
  __orderlineKpiRefresher?: LoopHandle;
  __orderlineRetention?: LoopHandle;
};

/** Framework signals (not settings): vitest, and the build's page-data workers. */
type Runtime = Record<string, string | undefined> & { VITEST?: string; NEXT_PHASE?: string };

export function shouldRunInAppWorker(config: AppConfig = appConfig(), runtime: Runtime = process.env): boolean {
  if (!config.OUTBOX_WORKER) return false;
  if (runtime.VITEST) return false;
  if (runtime.NEXT_PHASE === "phase-production-build") return false;
  return true;
}

/** Starts the worker once per process (Next.js may load this module more than once); null when switched off. */
export function startInAppWorker(db: Database, config: AppConfig = appConfig()): WorkerHandle | null {
  if (!shouldRunInAppWorker(config)) return null;
  if (!globalForWorker.__orderlineOutboxWorker) {
    const delivery = deliveryConfigFromEnv(config);
    globalForWorker.__orderlineOutboxWorker = startWorker(db, workerDepsFor(delivery), { intervalMs: config.OUTBOX_POLL_MS, name: "in-app outbox worker" });
    log.info("outbox worker started in the app", { email: delivery.email.kind, sms: delivery.sms.kind });
  }
  // The automatic-escalation sweep runs wherever the worker runs (lib/escalations/escalation-sweeper.ts).
  globalForWorker.__orderlineEscalationSweeper ??= startEscalationSweeper(db, { intervalMs: config.ESCALATION_SWEEP_MS, name: "in-app escalation sweep" });
  // So are the KPI rollups (lib/kpis/rollups.ts; KPI_REFRESH_MS sets the interval, "off" disables).
  const kpiInterval = kpiRefreshIntervalMs(config);
  if (kpiInterval) globalForWorker.__orderlineKpiRefresher ??= startKpiRefresher(db, kpiInterval, "in-app worker");
  // And the daily retention run (lib/retention/run-retention.ts; RETENTION_CHECK_MS sets how often it looks, "off" disables).
  const retentionInterval = retentionCheckIntervalMs(config);
  if (retentionInterval) globalForWorker.__orderlineRetention ??= startRetentionScheduler(db, getFileStorage(), retentionInterval, "in-app worker");
  return globalForWorker.__orderlineOutboxWorker;
}

/** The in-app worker's state for /api/health; null when this process runs none (OUTBOX_WORKER=off, tests, build). */
export function inAppWorkerStatus(): WorkerStatus | null {
  return globalForWorker.__orderlineOutboxWorker?.status() ?? null;
}

/** Stops the loops started here (at shutdown): each finishes the work in hand first. */
export async function stopInAppWorker(): Promise<void> {
  const { __orderlineOutboxWorker: worker, __orderlineEscalationSweeper: sweeper, __orderlineKpiRefresher: kpis, __orderlineRetention: retention } = globalForWorker;
  await Promise.all([worker?.stop(), sweeper?.stop(), kpis?.stop(), retention?.stop()]);
}
