import { desc, eq, sql } from "drizzle-orm";
import { queryRows, type Database, type Db } from "@/db/client";
import { retentionRuns, type RetentionRun } from "@/db/schema";
import { appConfig, type AppConfig } from "@/lib/config/app-config";
import { withJobLock, type JobOutcome } from "@/lib/jobs/job-lock";
import { startLoop, type LoopHandle } from "@/lib/periodic";
import { UserFacingError } from "@/lib/errors";
import type { FileStorage } from "@/lib/storage/file-storage";
import { anonymiseCustomer, anonymiseOrders, mergeCounts, type Counts } from "./anonymise";
import { readRetentionPolicy, retentionCutoff } from "./retention-policy";

// The retention job (design.md "Records", issue 8). Rule: an order finished (closed, cancelled or delivered) before
// the cutoff, neither it nor its customer on legal hold, is anonymised with everything hanging off it
// (lib/retention/anonymise.ts); a customer is anonymised once all their orders are. Audit rows older than the cutoff
// are purged, except those about held orders and customers. Each batch of orders is one transaction, so a run
// stopped half-way leaves whole orders done or untouched, and the next run carries on (anonymised orders are
// skipped, so a second run over the same data changes nothing). Every run writes a retention_runs row. Two runs never
// overlap, in one process or across instances and workers: each holds the retention job lock (lib/jobs/job-lock.ts).

export const RETENTION_BATCH = 1000;
const AUDIT_PURGE_BATCH = 5000;

export const RETENTION_BUSY_MESSAGE = "A retention run is already in progress; wait for it to finish.";

export type RetentionTrigger = { kind: "schedule" } | { kind: "admin"; userId: string };
/** storage: where proof-of-delivery photos live; the run deletes those of the orders it anonymises. */
export type RetentionOptions = { storage: FileStorage; trigger?: RetentionTrigger; batchSize?: number };

/** Runs retention now (an admin's "Run retention now"); refused while another run is in progress anywhere. */
export async function runRetention(db: Database, now: Date, options: RetentionOptions): Promise<RetentionRun> {
  const outcome = await withJobLock(db, "retention", () => retentionRun(db, now, options));
  if (!outcome.ran) throw new UserFacingError(RETENTION_BUSY_MESSAGE);
  return outcome.value;
}

// Only with the retention lock held.
async function retentionRun(db: Database, now: Date, options: RetentionOptions): Promise<RetentionRun> {
  const trigger = options.trigger ?? { kind: "schedule" };
  const batchSize = options.batchSize ?? RETENTION_BATCH;
  // With the lock held no other run is in progress, so one still marked running was cut short with its process.
  await db
    .update(retentionRuns)
    .set({ status: "failed", error: "Interrupted: the process running it stopped before it finished; a later run carried on." })
    .where(eq(retentionRuns.status, "running"));

  const { months } = await readRetentionPolicy(db);
  const cutoff = retentionCutoff(now, months);
  const rule = `Orders closed, cancelled or delivered before ${cutoff.toISOString()} (${months} months), not on legal hold nor of a customer on legal hold: personal fields anonymised, proof-of-delivery photos deleted, raw receipts deleted; customers with no other order anonymised; audit entries older than the cutoff purged except those of held orders and customers.`;
  const [run] = await db
    .insert(retentionRuns)
    .values({ startedAt: now, rule, retentionMonths: months, cutoff, trigger: trigger.kind, actorUserId: trigger.kind === "admin" ? trigger.userId : null })
    .returning();

  const counts: Counts = {};
  try {
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const batch = await queryRows<{ id: string; customer_id: string }>(tx, sql`
          select o.id, o.customer_id from orders o join customers c on c.id = o.customer_id
          where o.anonymised_at is null and o.legal_hold_at is null and c.legal_hold_at is null
            and o.status in ('closed', 'cancelled', 'delivered')
            and coalesce(o.closed_at, o.cancelled_at, o.delivered_at) < ${cutoff.toISOString()}::timestamptz
          order by o.id limit ${batchSize} for update of o skip locked`);
        if (batch.length === 0) return true;
        mergeCounts(counts, await anonymiseOrders(tx, batch.map((o) => o.id), now, options.storage));
        const customerIds = [...new Set(batch.map((o) => o.customer_id))];
        const free = await queryRows<{ id: string }>(tx, sql`
          select c.id from customers c
          where c.id = any(${`{${customerIds.join(",")}}`}::uuid[]) and c.anonymised_at is null and c.legal_hold_at is null
            and not exists (select 1 from orders o where o.customer_id = c.id and o.anonymised_at is null)`);
        for (const customer of free) mergeCounts(counts, await anonymiseCustomer(tx, customer.id, now));
        return batch.length < batchSize;
      });
      if (done) break;
    }
    for (;;) {
      // The app's role may not DELETE from audit_log: migration 0016's purge_audit_log() deletes one batch (older
      // than the cutoff, none about held orders or customers) with the owner's rights, and the append-only trigger
      // still refuses any row younger than 12 months.
      const [row] = await queryRows<{ purged: number }>(db, sql`select purge_audit_log(${cutoff.toISOString()}::timestamptz, ${AUDIT_PURGE_BATCH}) as purged`);
      const purged = Number(row?.purged ?? 0);
      if (purged > 0) counts["audit_log (deleted)"] = (counts["audit_log (deleted)"] ?? 0) + purged;
      if (purged < AUDIT_PURGE_BATCH) break;
    }
    const [finished] = await db
      .update(retentionRuns)
      .set({ finishedAt: new Date(), counts, status: "finished" })
      .where(eq(retentionRuns.id, run!.id))
      .returning();
    return finished!;
  } catch (error) {
    await db
      .update(retentionRuns)
      .set({ finishedAt: new Date(), counts, status: "failed", error: error instanceof Error ? error.message.slice(0, 1000) : String(error) })
      .where(eq(retentionRuns.id, run!.id));
    throw error;
  }
}

export async function latestRetentionRuns(db: Db, limit = 10): Promise<RetentionRun[]> {
  return db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit);
}

/**
 * Runs the job when the last scheduled run started a day or more ago (or never): daily, across restarts. Skipped
 * ({ ran: false, reason: "busy" }) while another run is in progress, here or in another process.
 */
export async function runRetentionIfDue(db: Database, storage: FileStorage, now: Date = new Date()): Promise<JobOutcome<RetentionRun>> {
  const outcome = await withJobLock(db, "retention", async (): Promise<JobOutcome<RetentionRun>> => {
    // Read under the lock: a process that ticks just after another's run sees that run and skips.
    if (!(await isScheduledRunDue(db, now))) return { ran: false, reason: "not due" };
    return { ran: true, value: await retentionRun(db, now, { storage, trigger: { kind: "schedule" } }) };
  });
  return outcome.ran ? outcome.value : outcome;
}

async function isScheduledRunDue(db: Db, now: Date): Promise<boolean> {
  const [last] = await db
    .select({ startedAt: retentionRuns.startedAt })
    .from(retentionRuns)
    .where(eq(retentionRuns.trigger, "schedule"))
    .orderBy(desc(retentionRuns.startedAt))
    .limit(1);
  return !last || now.getTime() - last.startedAt.getTime() >= 23 * 60 * 60_000;
}

/** Checks hourly whether the daily run is due (RETENTION_CHECK_MS overrides; "off" disables). */
/** RETENTION_CHECK_MS (lib/config: at least 10 s, default an hour); null when "off". */
export function retentionCheckIntervalMs(config: AppConfig = appConfig()): number | null {
  return config.RETENTION_CHECK_MS;
}

export function startRetentionScheduler(db: Database, storage: FileStorage, intervalMs: number, name: string): LoopHandle {
  return startLoop({ name: `retention (${name})`, intervalMs, failureMessage: "retention run failed" }, async ({ logger }) => {
    const outcome = await runRetentionIfDue(db, storage);
    if (outcome.ran) logger.info("retention run finished", { runId: outcome.value.id, counts: outcome.value.counts });
    else if (outcome.reason === "busy") logger.info("retention run skipped: another run is in progress");
  });
}
