import { randomUUID } from "node:crypto";
import { inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { messages, type Message } from "@/db/schema";

// The outbox claim. A batch is the unit the provider sees: its rows share a batch_key from the moment they are
// first claimed until their results are recorded, and the provider's idempotency key is derived from it. So when a
// worker dies after the provider accepted a batch but before the results were written, the next worker re-claims
// exactly those rows with that key, sends the same request again, and the provider answers with the same ids
// instead of delivering twice. Rows of one batch always change state together (claim, record, retry), which is
// what lets the claim tell a whole batch from part of one.

export type ClaimedBatch = {
  batchKey: string;
  /** The claim's lease, and its fencing token: results are recorded only while the rows still carry it. */
  lockedUntil: Date;
  /** True when this batch was claimed before (a crash, a retry): it goes out under the same idempotency key. */
  resumed: boolean;
  /** Ordered by id, so a re-sent batch is the same request body as the first time. */
  messages: Message[];
};

export type ClaimOptions = {
  channel: "email" | "sms";
  /** How many due rows to look at; also the largest batch. */
  limit: number;
  leaseMs: number;
  now: Date;
};

type Candidate = { id: string; batch_key: string | null; alone: boolean };

/** The provider's idempotency key for a batch (the provider sends a lone message under the message's own key). */
export function batchIdempotencyKey(batchKey: string): string {
  return `orderline-batch/${batchKey}`;
}

/**
 * Claims one batch of due messages of a channel, or returns null when none is due: the oldest batch left by an
 * earlier claim (retry due, or its lease expired) whole, or else up to `limit` fresh rows as a new batch. A message
 * with attachments is a batch of its own (the batch endpoint takes none). Rows locked by another worker are
 * skipped (FOR UPDATE SKIP LOCKED), so workers never claim the same row.
 */
export async function claimBatch(db: Db, { channel, limit, leaseMs, now }: ClaimOptions): Promise<ClaimedBatch | null> {
  const nowIso = now.toISOString();
  const claimable = sql`send_after <= ${nowIso}::timestamptz
    and (status = 'queued' or (status = 'sending' and (locked_until is null or locked_until < ${nowIso}::timestamptz)))`;
  return db.transaction(async (tx) => {
    // Ordered by send_after alone, so the partial outbox index is read in order and the scan stops after `limit`
    // rows; a tie-breaker would sort every row of a large backlog sharing one timestamp on every claim.
    // A 'sending' row was claimed when it was due, so send_after <= now holds for it too and bounds the scan.
    const candidates = await queryRows<Candidate>(
      tx,
      sql`select id, batch_key, coalesce(data -> 'attachments' is not null, false) as alone
          from messages
          where channel = ${channel} and ${claimable}
          order by send_after
          limit ${limit}
          for update skip locked`,
    );
    const group = await firstWholeGroup(tx, candidates, claimable);
    if (!group) return null;

    const lockedUntil = new Date(now.getTime() + leaseMs);
    const batchKey = group.batchKey ?? randomUUID();
    const claimed = await tx
      .update(messages)
      .set({ status: "sending", lockedUntil, batchKey })
      .where(inArray(messages.id, group.ids))
      .returning();
    claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { batchKey, lockedUntil, resumed: group.batchKey !== null, messages: claimed };
  });
}

/** The first candidate decides: its whole earlier batch, itself alone (attachments), or all fresh candidates. */
async function firstWholeGroup(tx: Db, candidates: Candidate[], claimable: SQL): Promise<{ batchKey: string | null; ids: string[] } | null> {
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.batch_key === null) {
      if (candidate.alone) return { batchKey: null, ids: [candidate.id] };
      return { batchKey: null, ids: candidates.filter((c) => c.batch_key === null && !c.alone).map((c) => c.id) };
    }
    if (seen.has(candidate.batch_key)) continue;
    seen.add(candidate.batch_key);
    // The whole batch, wherever the limit cut it (its rows share a send_after but not a place in the index).
    const key = candidate.batch_key;
    const mine = await queryRows<{ id: string }>(
      tx,
      sql`select id from messages where batch_key = ${key} and ${claimable} for update skip locked`,
    );
    const [all] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from messages where batch_key = ${key} and status in ('queued', 'sending')`);
    // Partly locked by another worker's claim in flight: leave it rather than send part of it under the whole
    // batch's key (the provider would refuse a different body under that key).
    if (mine.length > 0 && mine.length === Number(all?.n ?? 0)) return { batchKey: key, ids: mine.map((r) => r.id) };
  }
  return null;
}
