import type { Db } from "@/db/client";
import { startLoop, type LoopHandle, type LoopStatus } from "@/lib/periodic";
import { batchIdempotencyKey, claimBatch, type ClaimedBatch } from "./claim";
import type { DeliveryProvider } from "./providers";
import { realClock, type Clock, type RateLimiter } from "./rate-limiter";
import { MAX_ATTEMPTS, recordResults, type MessageOutcome, type RecordCounts } from "./record-results";

// The outbox worker: claim a batch (one short transaction), send it outside any transaction, record the results
// (one short transaction). Runs inside the app by default (lib/startup.ts) or alone (`npm run worker`); any number
// of workers may run against one PostgreSQL, since claims skip each other's rows.

export type ChannelDelivery = { provider: DeliveryProvider; limiter: RateLimiter };

export type WorkerDeps = {
  email: ChannelDelivery;
  sms: ChannelDelivery;
  /** Time for leases, retries and the limiters' waits; tests move it by hand instead of sleeping. */
  clock?: Clock;
  leaseMs?: number;
  maxAttempts?: number;
  random?: () => number;
  /** Test seam: runs after the provider answered, before the results are written (throw to "crash" there). */
  beforeRecord?: (batch: ClaimedBatch, outcomes: ReadonlyMap<string, MessageOutcome>) => void | Promise<void>;
};

export type WorkerCounts = RecordCounts & { batches: number };

export const DEFAULT_LEASE_MS = 120_000;
// A 429 is waited out in place while the lease has this much to spare; otherwise the batch goes back to the queue.
const LEASE_MARGIN_MS = 15_000;
const MIN_RATE_LIMIT_WAIT_MS = 250;
const CHANNELS = ["email", "sms"] as const;

const emptyCounts = (): WorkerCounts => ({ batches: 0, sent: 0, retrying: 0, deferred: 0, failed: 0, stale: 0 });

/** Sends one claimed batch and records what happened to each message. */
export async function deliverBatch(db: Db, deps: WorkerDeps, batch: ClaimedBatch): Promise<RecordCounts> {
  const clock = deps.clock ?? realClock;
  const channel = batch.messages[0]!.channel === "sms" ? "sms" : "email";
  const { provider, limiter } = deps[channel];
  const outcomes = new Map<string, MessageOutcome>();
  let pending = batch.messages;
  while (pending.length > 0) {
    await limiter.acquire(db);
    const answer = await provider.sendBatch(pending, batchIdempotencyKey(batch.batchKey));
    await limiter.observe(db, answer.rateLimit);
    const limited: typeof pending = [];
    let waitMs = 0;
    pending.forEach((message, i) => {
      const result = answer.results[i] ?? { ok: false as const, error: "No answer for this message", retryable: true };
      if (!result.ok && result.rateLimited) {
        limited.push(message);
        // "retry-after: 0" must not turn into a tight loop against a provider that is refusing.
        waitMs = Math.max(waitMs, MIN_RATE_LIMIT_WAIT_MS, result.rateLimited.retryAfterMs);
      } else outcomes.set(message.id, result);
    });
    if (limited.length === 0) break;
    // Slow down every sender of this provider, in every process, then send the same request again: a 429 is not a
    // failed try.
    await limiter.pauseFor(db, waitMs);
    if (clock.now().getTime() + waitMs + LEASE_MARGIN_MS > batch.lockedUntil.getTime()) {
      for (const message of limited) outcomes.set(message.id, { deferredMs: waitMs });
      break;
    }
    pending = limited;
  }
  await deps.beforeRecord?.(batch, outcomes);
  return recordResults(db, { batch, outcomes, provider: provider.name, now: clock.now(), maxAttempts: deps.maxAttempts ?? MAX_ATTEMPTS, random: deps.random });
}

/** Delivers until nothing is due on either channel (or `shouldStop` says so); counts what happened. */
export async function runWorkerOnce(db: Db, deps: WorkerDeps, options: { shouldStop?: () => boolean } = {}): Promise<WorkerCounts> {
  const clock = deps.clock ?? realClock;
  const counts = emptyCounts();
  const idle = new Set<string>();
  // Alternate channels so a backlog of emails does not hold up an SMS.
  while (idle.size < CHANNELS.length && !options.shouldStop?.()) {
    for (const channel of CHANNELS) {
      if (idle.has(channel)) continue;
      // Told to hold off for long (a quota, a long retry-after): claim nothing rather than sit on a claimed batch
      // past its lease; the next run looks again. A short pause is waited out by the limiter.
      if ((await deps[channel].limiter.blockedForMs(db)) > LEASE_MARGIN_MS) {
        idle.add(channel);
        continue;
      }
      const batch = await claimBatch(db, {
        channel,
        limit: deps[channel].provider.maxBatchSize,
        leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
        now: clock.now(),
      });
      if (!batch) {
        idle.add(channel);
        continue;
      }
      const recorded = await deliverBatch(db, deps, batch);
      counts.batches += 1;
      for (const key of ["sent", "retrying", "deferred", "failed", "stale"] as const) counts[key] += recorded[key];
    }
  }
  return counts;
}

export type WorkerStatus = LoopStatus;
export type WorkerHandle = LoopHandle;

/** Runs `runWorkerOnce` every `intervalMs` until stopped; errors are logged and the loop goes on. */
export function startWorker(db: Db, deps: WorkerDeps, { intervalMs = 1000, name = "outbox worker" } = {}): WorkerHandle {
  // A failed run leaves the batch in hand claimed until its lease runs out; then it goes out again under the same key.
  return startLoop({ name, intervalMs, failureMessage: "outbox run failed" }, async ({ shouldStop, logger }) => {
    const counts = await runWorkerOnce(db, deps, { shouldStop });
    if (counts.batches > 0) (counts.failed > 0 ? logger.warn : logger.info)("outbox delivered", { ...counts });
  });
}
