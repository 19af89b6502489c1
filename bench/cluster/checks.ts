import { readFileSync } from "node:fs";
import type postgres from "postgres";
import type { Providers } from "./services";

// What the cluster checks after the fact: the outbox against the providers (every notice once, none twice), and
// nginx's access log around the moment an instance was killed (who was serving, what was in flight).

/** Where the log stood before the cluster started: later rows, and rows then still unsent, are this run's. */
export type OutboxMark = { seq: number; pending: string[] };

export async function markOutbox(sql: postgres.Sql): Promise<OutboxMark> {
  const [row] = await sql<{ seq: string | null }[]>`select max(seq)::text as seq from messages`;
  const pending = await sql<{ id: string }[]>`select id from messages where status in ('queued', 'sending')`;
  return { seq: Number(row?.seq ?? 0), pending: pending.map((p) => p.id) };
}

type RunMessage = { id: string; channel: string; status: string; provider: string | null; idempotency_key: string; send_after: Date };

export type DeliveryReport = {
  /** This run's messages handed to a provider (email or SMS). */
  sent: number;
  /** Due messages still queued or being sent when the wait ended. */
  undelivered: number;
  /** Messages the provider received more than once (a second email, or a second text). */
  duplicates: number;
  /** Messages the log calls sent that the provider never received. */
  missing: number;
  /** Emails the provider received that no message of this run accounts for. */
  unknown: number;
  /** Provider requests answered from the idempotency record (the same batch sent again): not deliveries. */
  replays: number;
  /** Idempotency keys held by more than one message (a unique index forbids it; counted all the same). */
  duplicateKeys: number;
};

/** Waits (up to timeoutMs) for every due message of this run to leave the outbox, then compares with the providers. */
export async function checkDeliveries(sql: postgres.Sql, mark: OutboxMark, providers: Providers, timeoutMs: number): Promise<DeliveryReport> {
  const deadline = Date.now() + timeoutMs;
  let rows: RunMessage[] = [];
  for (;;) {
    rows = await sql<RunMessage[]>`
      select id, channel::text, status::text, provider, idempotency_key, send_after from messages
      where seq > ${mark.seq} or id = any(${mark.pending}::uuid[])`;
    const due = rows.filter((r) => (r.status === "queued" || r.status === "sending") && r.send_after.getTime() <= Date.now());
    if (due.length === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const undelivered = rows.filter((r) => (r.status === "queued" || r.status === "sending") && r.send_after.getTime() <= Date.now()).length;

  const emailsById = new Map<string, number>();
  for (const email of providers.resend.delivered) emailsById.set(email.messageId ?? "", (emailsById.get(email.messageId ?? "") ?? 0) + 1);
  const textsByKey = new Map<string, number>();
  // The fake answers a repeated Twilio request from its record; the real Twilio would send a second text.
  for (const r of providers.twilio.requests) if (r.idempotencyToken && (r.status === 201 || r.replay)) textsByKey.set(r.idempotencyToken, (textsByKey.get(r.idempotencyToken) ?? 0) + 1);

  const handedOver = rows.filter((r) => r.provider === "resend" || r.provider === "twilio");
  const count = (r: RunMessage) => (r.channel === "email" ? emailsById.get(r.id) : textsByKey.get(r.idempotency_key)) ?? 0;
  const ours = new Set(rows.map((r) => r.id));
  const [keys] = await sql<{ n: number }[]>`select count(*)::int as n from (select idempotency_key from messages group by 1 having count(*) > 1) d`;
  return {
    duplicateKeys: keys?.n ?? 0,
    sent: handedOver.length,
    undelivered,
    duplicates: handedOver.filter((r) => count(r) > 1).length,
    missing: handedOver.filter((r) => (r.status === "sent" || r.status === "delivered") && count(r) === 0).length,
    unknown: [...emailsById.keys()].filter((id) => !ours.has(id)).length,
    replays: providers.resend.requests.filter((r) => r.replay).length,
  };
}

export type LogEntry = { start: number; end: number; status: number; method: string; uri: string; upstreams: string[]; upstreamStatus: string };

const LINE = /^(\S+) (\S+) (\d{3}) "(\S+) ([^"]*)" "([^"]*)" "([^"]*)"$/;

/** nginx's access log in the `cluster` format (bench/cluster/nginx.ts), times in epoch milliseconds. */
export function readAccessLog(file: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = LINE.exec(line);
    if (!m) continue;
    const end = Math.round(Number(m[1]) * 1000);
    entries.push({
      start: end - Math.round(Number(m[2]) * 1000),
      end,
      status: Number(m[3]),
      method: m[4]!,
      uri: m[5]!,
      upstreams: m[6] === "-" ? [] : m[6]!.split(/\s*,\s*|\s+:\s+/).filter(Boolean),
      upstreamStatus: m[7]!,
    });
  }
  return entries;
}

export type KillReport = {
  /** Requests the balancer had on the killed instance at the moment it died. */
  inFlight: number;
  /** Of those, how many nginx answered with an error (the rest it finished on another instance or they completed). */
  inFlightFailed: number;
  /** Requests that began after the instance was dead and still failed: lost, beyond what was in flight. */
  failedAfter: number;
  /** Requests answered after the kill, per instance. */
  servedAfter: Record<string, number>;
};

export function analyseKill(entries: readonly LogEntry[], killed: string, killSentAt: number, deadAt: number): KillReport {
  const inFlight = entries.filter((e) => e.upstreams.includes(killed) && e.start <= deadAt && e.end >= killSentAt);
  const after = entries.filter((e) => e.start > deadAt);
  const servedAfter: Record<string, number> = {};
  for (const e of after) {
    const last = e.upstreams.at(-1) ?? "none";
    servedAfter[last] = (servedAfter[last] ?? 0) + 1;
  }
  return {
    inFlight: inFlight.length,
    inFlightFailed: inFlight.filter((e) => e.status >= 500).length,
    failedAfter: after.filter((e) => e.status >= 500).length,
    servedAfter,
  };
}
