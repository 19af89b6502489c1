import { and, desc, eq, gt, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { retentionRuns, type RetentionRun } from "@/db/schema";
import { startLoop, type LoopHandle } from "@/lib/periodic";
import { UserFacingError } from "@/lib/errors";
import { anonymiseCustomer, anonymiseOrders, mergeCounts, type Counts } from "./anonymise";
import { readRetentionPolicy, retentionCutoff } from "./retention-policy";

// The retention job (design.md "Records", issue 8). Rule: an order finished (closed, cancelled or delivered) before
// the cutoff, neither it nor its customer on legal hold, is anonymised with everything hanging off it
// (lib/retention/anonymise.ts); a customer is anonymised once all their orders are. Audit rows older than the cutoff
// are purged, except those about held orders and customers. Each batch of orders is one transaction, so a run
// stopped half-way leaves whole orders done or untouched, and the next run carries on (anonymised orders are
// skipped, so a second run over the same data changes nothing). Every run writes a retention_runs row.

export const RETENTION_BATCH = 1000;
const AUDIT_PURGE_BATCH = 5000;
/** A run still "running" this long after it started is taken as crashed and no longer blocks a new one. */
const STALE_RUN_MS = 60 * 60_000;

export type RetentionTrigger = { kind: "schedule" } | { kind: "admin"; userId: string };
export type RetentionOptions = { trigger?: RetentionTrigger; batchSize?: number };

export async function runRetention(db: Db, now: Date = new Date(), options: RetentionOptions = {}): Promise<RetentionRun> {
  const trigger = options.trigger ?? { kind: "schedule" };
  const batchSize = options.batchSize ?? RETENTION_BATCH;
  const [running] = await db
    .select({ id: retentionRuns.id })
    .from(retentionRuns)
    .where(and(eq(retentionRuns.status, "running"), gt(retentionRuns.startedAt, new Date(now.getTime() - STALE_RUN_MS))))
    .limit(1);
  if (running) throw new UserFacingError("A retention run is already in progress; wait for it to finish.");

  const { months } = await readRetentionPolicy(db);
  const cutoff = retentionCutoff(now, months);
  const rule = `Orders closed, cancelled or delivered before ${cutoff.toISOString()} (${months} months), not on legal hold nor of a customer on legal hold: personal fields anonymised, raw receipts deleted; customers with no other order anonymised; audit entries older than the cutoff purged except those of held orders and customers.`;
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
        mergeCounts(counts, await anonymiseOrders(tx, batch.map((o) => o.id), now));
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
      const purged = await db.transaction(async (tx) => {
        // The one way past the audit log's append-only trigger; it still refuses rows younger than 12 months.
        await tx.execute(sql`set local orderline.retention_purge = 'on'`);
        const rows = await queryRows<{ id: number }>(tx, sql`
          delete from audit_log where id in (
            select a.id from audit_log a
            where a.created_at < ${cutoff.toISOString()}::timestamptz
              and not (a.entity_type = 'order' and exists (select 1 from orders o where o.id::text = a.entity_id and o.legal_hold_at is not null))
              and not (a.entity_type = 'customer' and exists (select 1 from customers c where c.id::text = a.entity_id and c.legal_hold_at is not null))
            limit ${AUDIT_PURGE_BATCH})
          returning id`);
        return rows.length;
      });
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

/** Runs the job when the last scheduled run started a day or more ago (or never): daily, across restarts. */
export async function runRetentionIfDue(db: Db, now: Date = new Date()): Promise<RetentionRun | null> {
  const [last] = await db
    .select({ startedAt: retentionRuns.startedAt })
    .from(retentionRuns)
    .where(eq(retentionRuns.trigger, "schedule"))
    .orderBy(desc(retentionRuns.startedAt))
    .limit(1);
  if (last && now.getTime() - last.startedAt.getTime() < 23 * 60 * 60_000) return null;
  return runRetention(db, now, { trigger: { kind: "schedule" } });
}

/** Checks hourly whether the daily run is due (RETENTION_CHECK_MS overrides; "off" disables). */
export function retentionCheckIntervalMs(env: Record<string, string | undefined> = process.env): number | null {
  if (env.RETENTION_CHECK_MS === "off") return null;
  const ms = Number(env.RETENTION_CHECK_MS);
  return Number.isFinite(ms) && ms >= 10_000 ? ms : 60 * 60_000;
}

export function startRetentionScheduler(db: Db, intervalMs: number, name: string): LoopHandle {
  return startLoop({ name: `retention (${name})`, intervalMs, failureMessage: "retention run failed" }, async ({ logger }) => {
    const run = await runRetentionIfDue(db);
    if (run) logger.info("retention run finished", { runId: run.id, counts: run.counts });
  });
}
