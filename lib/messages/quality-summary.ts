import { and, asc, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { users, type ActorType, type Role } from "@/db/schema";
import { LOW_REVIEW_SCORE } from "./review-schema";
import { senderName } from "./message-log";

// The per-sender quality summary (SOP 002 §6): for the messages each sender wrote in a period, how many a
// supervisor reviewed, the mean score and the low scores. The period is the messages' own time (when they were
// written), like the log's, so every figure is exactly the set the log shows with the same sender and period.

export type QualityRow = {
  /** The log's "Sent by" filter value: a user id, or "system" (or another kind of sender). */
  sender: string;
  name: string;
  role: Role | null;
  sent: number;
  reviewed: number;
  /** reviewed ÷ sent, or null when nothing was sent. */
  coverage: number | null;
  /** Mean review score of the reviewed messages, or null when none was reviewed. */
  meanScore: number | null;
  /** Reviews scored LOW_REVIEW_SCORE or lower. */
  lowScores: number;
};

export type QualitySummary = { rows: QualityRow[]; totals: Omit<QualityRow, "sender" | "name" | "role"> };

type Figures = { sent: number; reviewed: number; scoreSum: number; lowScores: number };

function rowOf(sender: string, name: string, role: Role | null, f: Figures): QualityRow {
  return {
    sender,
    name,
    role,
    sent: f.sent,
    reviewed: f.reviewed,
    coverage: f.sent > 0 ? f.reviewed / f.sent : null,
    meanScore: f.reviewed > 0 ? f.scoreSum / f.reviewed : null,
    lowScores: f.lowScores,
  };
}

const none: Figures = { sent: 0, reviewed: 0, scoreSum: 0, lowScores: 0 };

/** Every active rep (even one who sent nothing: no messages is worth seeing), anyone else who sent, then System. */
export async function messageQualitySummary(db: Db, period: { from?: Date; to?: Date }): Promise<QualitySummary> {
  const inPeriod = (createdAt: SQL) =>
    // Instants as ISO text: raw SQL parameters are not serialised from Date by the postgres driver.
    and(
      period.from ? sql`${createdAt} >= ${period.from.toISOString()}::timestamptz` : undefined,
      period.to ? sql`${createdAt} < ${period.to.toISOString()}::timestamptz` : undefined,
    ) ?? sql`true`;
  // Three reads shaped for the indexes (a month of a busy shop is millions of messages; one GROUP BY over them took
  // seconds): each person's count is a range of messages_sender_time_idx, the messages without a person (System…)
  // are one more range of it grouped by kind, and the review figures come from the small partial
  // messages_reviewed_idx. All three are index-only.
  const [people, perUser, perKind, reviews] = await Promise.all([
    db.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).orderBy(asc(users.name), asc(users.id)),
    queryRows<{ id: string; sent: number }>(
      db,
      sql`select u.id, (select count(*) from messages m where m.sender_user_id = u.id and ${inPeriod(sql`m.created_at`)})::int as sent from users u`,
    ),
    queryRows<{ sender_type: ActorType; sent: number }>(
      db,
      sql`select sender_type, count(*)::int as sent from messages where sender_user_id is null and ${inPeriod(sql`created_at`)} group by sender_type`,
    ),
    queryRows<{ sender_type: ActorType; sender_user_id: string | null; reviewed: number; score_sum: number; low_scores: number }>(
      db,
      // Sums, not averages, so the totals row is exact.
      sql`select sender_type, sender_user_id, count(*)::int as reviewed, coalesce(sum(review_score), 0)::int as score_sum,
                 (count(*) filter (where review_score <= ${LOW_REVIEW_SCORE}))::int as low_scores
          from messages where reviewed_at is not null and ${inPeriod(sql`created_at`)} group by sender_type, sender_user_id`,
    ),
  ]);

  const byUser = new Map<string, Figures>();
  const byKind = new Map<ActorType, Figures>();
  const figuresOf = (map: Map<string, Figures>, key: string) => {
    const f = map.get(key) ?? { ...none };
    map.set(key, f);
    return f;
  };
  for (const u of perUser) if (Number(u.sent) > 0) figuresOf(byUser, u.id).sent = Number(u.sent);
  for (const k of perKind) figuresOf(byKind as Map<string, Figures>, k.sender_type).sent += Number(k.sent);
  for (const r of reviews) {
    // A user's message is filed under the user; a message without a person under its kind (as the log's filter does).
    const f = r.sender_user_id ? figuresOf(byUser, r.sender_user_id) : figuresOf(byKind as Map<string, Figures>, r.sender_type);
    f.reviewed += Number(r.reviewed);
    f.scoreSum += Number(r.score_sum);
    f.lowScores += Number(r.low_scores);
  }
  const totals: Figures = { ...none };
  for (const f of [...byUser.values(), ...byKind.values()]) for (const key of Object.keys(totals) as (keyof Figures)[]) totals[key] += f[key];

  const rows: QualityRow[] = people
    .filter((p) => byUser.has(p.id) || (p.active && p.role === "rep"))
    .map((p) => rowOf(p.id, p.active ? p.name : `${p.name} (inactive)`, p.role, byUser.get(p.id) ?? none));
  rows.push(rowOf("system", senderName("system", null), null, byKind.get("system") ?? none));
  for (const [kind, f] of byKind) if (kind !== "system" && kind !== "user") rows.push(rowOf(kind, senderName(kind, null), null, f));
  const { sender: _s, name: _n, role: _r, ...total } = rowOf("", "", null, totals);
  return { rows, totals: total };
}
