import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { appConfig, type AppConfig } from "@/lib/config/app-config";
import { jobLockKeys } from "@/lib/jobs/job-lock";
import { startLoop, type LoopHandle } from "@/lib/periodic";

// The KPI rollups are materialized views (db/migrations/0008_kpi_rollups.sql; refresh_kpi_rollups() in 0016 lists them too). They are refreshed together in one
// transaction, so the dashboard never mixes figures of two refreshes, and CONCURRENTLY, so the page keeps reading
// the previous figures while a refresh runs.

export const rollupViews = ["kpi_delivered_daily", "kpi_feedback_daily", "kpi_clocks_due_daily", "kpi_milestones_daily", "kpi_duration_bins", "kpi_rollup_meta"] as const;

/** The rep key of rows without a rep (a unique index needs a value, not NULL). */
export const NO_REP = "00000000-0000-0000-0000-000000000000";

/** How often the workers refresh the rollups (KPI_REFRESH_MS overrides; "off" disables). */
export const DEFAULT_REFRESH_INTERVAL_MS = 10 * 60_000;

export type RollupFreshness = { refreshedAt: Date; zone: string };
export type RefreshResult = { refreshed: true; ms: number; refreshedAt: Date } | { refreshed: false; reason: "busy" };

export async function readRollupFreshness(db: Db): Promise<RollupFreshness> {
  const [row] = await queryRows<{ refreshed_at: Date | string; zone: string }>(db, sql`select refreshed_at, zone from kpi_rollup_meta`);
  if (!row) throw new Error("kpi_rollup_meta is empty: was migration 0008 applied?");
  return { refreshedAt: new Date(row.refreshed_at), zone: row.zone };
}

/** Refreshes every rollup unless another process is doing it right now. */
export async function refreshKpiRollups(db: Db): Promise<RefreshResult> {
  return refresh(db, null, new Date()) as Promise<RefreshResult>;
}

/**
 * Refreshes when the rollups are older than `maxAgeMs`, so several workers on one database do not all refresh: the
 * age is read under the lock, so a worker that waited for another's refresh sees it done and skips.
 */
export async function refreshKpiRollupsIfStale(db: Db, maxAgeMs: number, now: Date = new Date()): Promise<RefreshResult | null> {
  return refresh(db, maxAgeMs, now);
}

// One refresh at a time across every process (in-app worker, `npm run worker`, "Refresh now"): a second caller
// finds the lock taken and skips instead of queueing the same work behind it. The refresh is one transaction, so
// the lock is a transaction lock.
async function refresh(db: Db, maxAgeMs: number | null, now: Date): Promise<RefreshResult | null> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${jobLockKeys.kpiRefresh}) as ok`);
    if (!lock?.ok) return { refreshed: false, reason: "busy" } as const;
    if (maxAgeMs !== null && now.getTime() - (await readRollupFreshness(tx)).refreshedAt.getTime() < maxAgeMs) return null;
    // Only a view's owner may refresh it, and the app's role owns nothing: migration 0016's function refreshes
    // every view in rollupViews with the owner's rights, inside this transaction.
    await tx.execute(sql`select refresh_kpi_rollups()`);
    const { refreshedAt } = await readRollupFreshness(tx);
    return { refreshed: true, ms: Math.round(performance.now() - started), refreshedAt } as const;
  });
}

/** KPI_REFRESH_MS (lib/config: at least 10 s, default DEFAULT_REFRESH_INTERVAL_MS); null when "off". */
export function kpiRefreshIntervalMs(config: AppConfig = appConfig()): number | null {
  return config.KPI_REFRESH_MS;
}

/**
 * Refreshes the rollups every interval (and once at start when they are stale) until stopped. Errors are logged
 * and the next tick tries again: stale KPI figures must never stop the outbox worker they run beside.
 */
export function startKpiRefresher(db: Db, intervalMs: number, name: string): LoopHandle {
  return startLoop({ name: `KPI refresh (${name})`, intervalMs, failureMessage: "KPI rollup refresh failed" }, async ({ logger }) => {
    const result = await refreshKpiRollupsIfStale(db, intervalMs * 0.9);
    if (result?.refreshed) logger.info("KPI rollups refreshed", { ms: result.ms });
  });
}
