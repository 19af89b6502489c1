import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { messageEvents } from "@/db/schema";
import { applyClockEvent } from "@/lib/sla/clocks";
import type { ClaimedBatch } from "./claim";
import type { DeliveryResult } from "./providers";

// What a provider answered becomes rows, in one transaction per batch: sent (with the provider's id), back in the
// queue for a later try, or failed — and a failed message puts its order in front of a rep (contact_failure clock).
// Every update is fenced by the claim's lease: if this worker took so long that another one re-claimed the batch,
// these results are dropped and the other worker's (the same ids, thanks to the idempotency key) stand.

/** deferred: the provider was rate-limited longer than the lease allows waiting; not counted as a try. */
export type MessageOutcome = DeliveryResult | { deferredMs: number };

export type RecordCounts = { sent: number; retrying: number; deferred: number; failed: number; stale: number };

export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 3_600_000;

/**
 * Wait before the next try after the n-th failed one: between half and all of min(1 h, 30 s · 2^n). Eight tries
 * span one to two hours — long enough to ride out a provider outage, well inside Resend's 24-hour idempotency window.
 */
export function backoffMs(failedTries: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(1, failedTries));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type RecordInput = {
  batch: ClaimedBatch;
  outcomes: ReadonlyMap<string, MessageOutcome>;
  provider: string;
  now: Date;
  maxAttempts?: number;
  random?: () => number;
};

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::text::jsonb`;

export async function recordResults(db: Db, input: RecordInput): Promise<RecordCounts> {
  const { batch, outcomes, provider, now } = input;
  const maxAttempts = input.maxAttempts ?? MAX_ATTEMPTS;
  const nowIso = now.toISOString();
  const fence = sql`m.status = 'sending' and m.locked_until = ${batch.lockedUntil.toISOString()}::timestamptz`;

  const sent: { id: string; pid: string }[] = [];
  const retry: { id: string; err: string }[] = [];
  const failed: { id: string; err: string }[] = [];
  const deferred: string[] = [];
  let deferMs = 0;
  let triesSoFar = 0;
  for (const message of batch.messages) {
    const outcome = outcomes.get(message.id) ?? { ok: false as const, error: "No answer for this message", retryable: true };
    if ("deferredMs" in outcome) {
      deferred.push(message.id);
      deferMs = Math.max(deferMs, outcome.deferredMs);
    } else if (outcome.ok) sent.push({ id: message.id, pid: outcome.providerMessageId });
    else if (outcome.retryable && message.attempts + 1 < maxAttempts) {
      retry.push({ id: message.id, err: outcome.error });
      triesSoFar = Math.max(triesSoFar, message.attempts + 1);
    } else failed.push({ id: message.id, err: outcome.retryable ? `${outcome.error} (gave up after ${message.attempts + 1} tries)` : outcome.error });
  }
  // One retry time for the whole batch: its rows must come due together to be re-claimed together.
  const nextTry = new Date(now.getTime() + backoffMs(triesSoFar, input.random));

  return db.transaction(async (tx) => {
    const counts: RecordCounts = { sent: 0, retrying: 0, deferred: 0, failed: 0, stale: 0 };
    const events: (typeof messageEvents.$inferInsert)[] = [];

    if (sent.length > 0) {
      const rows = await update<{ id: string; attempts: number }>(
        tx,
        sql`status = 'sent', provider = ${provider}, provider_message_id = v.pid, sent_at = ${nowIso}::timestamptz,
            attempts = m.attempts + 1, locked_until = null, last_error = null`,
        sql`jsonb_to_recordset(${json(sent)}) as v(id uuid, pid text)`,
        fence,
        sql`m.id, m.attempts`,
      );
      counts.sent = rows.length;
      for (const row of rows) {
        events.push({ messageId: row.id, status: "sent", detail: `Accepted by ${provider}${row.attempts > 1 ? ` on try ${row.attempts}` : ""}`, occurredAt: now });
      }
    }
    if (retry.length > 0) {
      const rows = await update<{ id: string; attempts: number; last_error: string }>(
        tx,
        sql`status = 'queued', send_after = ${nextTry.toISOString()}::timestamptz, attempts = m.attempts + 1,
            last_error = v.err, locked_until = null`,
        sql`jsonb_to_recordset(${json(retry)}) as v(id uuid, err text)`,
        fence,
        sql`m.id, m.attempts, m.last_error`,
      );
      counts.retrying = rows.length;
      for (const row of rows) {
        events.push({ messageId: row.id, status: "queued", detail: `Try ${row.attempts} failed: ${row.last_error}. Next try after ${nextTry.toISOString()}`, occurredAt: now });
      }
    }
    if (deferred.length > 0) {
      const rows = await update<{ id: string }>(
        tx,
        sql`status = 'queued', send_after = ${new Date(now.getTime() + deferMs).toISOString()}::timestamptz, locked_until = null`,
        sql`jsonb_to_recordset(${json(deferred.map((id) => ({ id })))}) as v(id uuid)`,
        fence,
        sql`m.id`,
      );
      counts.deferred = rows.length;
    }
    if (failed.length > 0) {
      const rows = await update<{ id: string; order_id: string | null; last_error: string }>(
        tx,
        sql`status = 'failed', attempts = m.attempts + 1, last_error = v.err, locked_until = null`,
        sql`jsonb_to_recordset(${json(failed)}) as v(id uuid, err text)`,
        fence,
        sql`m.id, m.order_id, m.last_error`,
      );
      counts.failed = rows.length;
      for (const row of rows) {
        events.push({ messageId: row.id, status: "failed", detail: row.last_error, occurredAt: now });
        // The customer did not get it: a rep must reach them another way ("Message undeliverable" in the queue).
        // A message about no order has no queue to appear in (and no call could meet its clock); /messages lists it.
        if (row.order_id) await applyClockEvent(tx, { orderId: row.order_id, event: { type: "message_undeliverable", messageId: row.id }, at: now });
      }
    }
    if (events.length > 0) await tx.insert(messageEvents).values(events);
    counts.stale = batch.messages.length - counts.sent - counts.retrying - counts.deferred - counts.failed;
    return counts;
  });
}

async function update<T extends Record<string, unknown>>(tx: Db, set: SQL, from: SQL, fence: SQL, returning: SQL): Promise<T[]> {
  return queryRows<T>(tx, sql`update messages m set ${set} from ${from} where m.id = v.id and ${fence} returning ${returning}`);
}

