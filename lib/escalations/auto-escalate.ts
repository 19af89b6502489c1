import { and, asc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slaClocks, type SlaClock } from "@/db/schema";
import { systemActor } from "@/lib/actor";
import { readSettings } from "@/lib/settings/read-settings";
import { clockPlanner, type ClockPlanner } from "@/lib/sla/clock-plan";
import {
  AUTO_ESCALATION_SEVERITY,
  autoEscalationReason,
  autoEscalationSubject,
  breachedBeyondAllowance,
  NEVER_AUTO_ESCALATED,
} from "./auto-escalation-policy";
import { openEscalation } from "./open-escalation";

// The sweep behind the policy "a clock breached by more than its own allowance escalates by itself, once" (design.md
// "Escalations"). The worker runs it every minute. SQL narrows to open clocks whose calendar overdue exceeds the
// allowance — a necessary condition, since business time never runs faster than the calendar — and the exact test in
// the clock's own time base is made in code. Each clock escalates in a transaction of its own: the clock row is locked,
// and the unique escalations.clock_id catches a concurrent sweep that got there first.

export const AUTO_ESCALATION_BATCH = 200;
/** Per run, so a policy switched on over a large backlog raises it over a few minutes, oldest first, not in one go. */
export const AUTO_ESCALATION_MAX_PER_RUN = 1000;

export type AutoEscalationResult = { enabled: boolean; examined: number; escalated: number };

type Candidate = Pick<SlaClock, "id" | "kind" | "orderId" | "subjectId" | "timeBase" | "allowanceSeconds" | "dueAt">;

export async function autoEscalateBreachedClocks(
  db: Db,
  now: Date = new Date(),
  options: { batchSize?: number; maxPerRun?: number } = {},
): Promise<AutoEscalationResult> {
  const { escalationPolicy, businessCalendar, slaPolicy } = await readSettings(db);
  if (!escalationPolicy.autoEscalateBreached) return { enabled: false, examined: 0, escalated: 0 };
  const planner = clockPlanner(businessCalendar, slaPolicy);
  const batchSize = options.batchSize ?? AUTO_ESCALATION_BATCH;
  const maxPerRun = options.maxPerRun ?? AUTO_ESCALATION_MAX_PER_RUN;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const result: AutoEscalationResult = { enabled: true, examined: 0, escalated: 0 };
  let after: Candidate | null = null;

  while (result.escalated < maxPerRun) {
    const batch: Candidate[] = await db
      .select({
        id: slaClocks.id,
        kind: slaClocks.kind,
        orderId: slaClocks.orderId,
        subjectId: slaClocks.subjectId,
        timeBase: slaClocks.timeBase,
        allowanceSeconds: slaClocks.allowanceSeconds,
        dueAt: slaClocks.dueAt,
      })
      .from(slaClocks)
      .where(
        and(
          eq(slaClocks.state, "open"),
          isNull(slaClocks.autoEscalatedAt),
          notInArray(slaClocks.kind, [...NEVER_AUTO_ESCALATED]),
          // Something a supervisor can open: an order, or an inquiry without one (autoEscalationSubject).
          or(isNotNull(slaClocks.orderId), inArray(slaClocks.kind, ["inquiry_ack"])),
          // due_at < now walks the open-clocks-by-due index; the allowance test narrows within it.
          lt(slaClocks.dueAt, now),
          sql`${slaClocks.dueAt} + ${slaClocks.allowanceSeconds} * interval '1 second' < ${nowSql}`,
          after ? sql`(${slaClocks.dueAt}, ${slaClocks.id}) > (${after.dueAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(slaClocks.dueAt), asc(slaClocks.id))
      .limit(batchSize);
    for (const clock of batch) {
      if (result.escalated >= maxPerRun) break;
      result.examined += 1;
      if (!breachedBeyondAllowance(clock, planner.basisFor(clock.timeBase), now)) continue;
      if (await escalateClock(db, clock.id, now, planner)) result.escalated += 1;
    }
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1]!;
  }
  return result;
}

/** One clock's escalation, in its own transaction; false when it no longer qualifies or another sweep raised it. */
async function escalateClock(db: Db, clockId: string, now: Date, planner: ClockPlanner): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [clock] = await tx.select().from(slaClocks).where(eq(slaClocks.id, clockId)).for("update");
    // Looked at again under the lock: met, paused or escalated since the batch was read.
    if (!clock || clock.state !== "open" || clock.autoEscalatedAt) return false;
    if (!breachedBeyondAllowance(clock, planner.basisFor(clock.timeBase), now)) return false;
    const subject = autoEscalationSubject(clock);
    if (!subject) return false;
    const escalation = await openEscalation(tx, {
      ...subject,
      reason: autoEscalationReason(clock),
      severity: AUTO_ESCALATION_SEVERITY,
      actor: systemActor,
      clockId: clock.id,
      at: now,
      planner,
    });
    if (!escalation) return false;
    await tx.update(slaClocks).set({ autoEscalatedAt: now }).where(eq(slaClocks.id, clock.id));
    return true;
  });
}
