import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slaClocks, type NewSlaClock } from "@/db/schema";
import { readSettings } from "@/lib/settings/read-settings";
import { clockPlanner, type ClockPlanner, type PlannedClock } from "./clock-plan";
import { clockTransitions, type ClockEvent, type ClockMatch, type OpenSpec } from "./clock-rules";
import { bandThresholds } from "./risk";

// The only code that writes SLA clocks outside the seed's bulk load. Domain functions call applyClockEvent inside
// their own transaction, so a clock opens and closes with the event that causes it, and the order's queue head
// (orders.next_*) is refreshed in the same transaction.

/** A planner for the settings in force now (policy changes apply to clocks opened after them). */
export async function loadClockPlanner(db: Db): Promise<ClockPlanner> {
  const { businessCalendar, slaPolicy } = await readSettings(db);
  return clockPlanner(businessCalendar, slaPolicy);
}

// For display only (time left on the queue): settings rarely change, and a few seconds' staleness moves no
// deadline — clocks are opened with loadClockPlanner, which always reads the settings in force.
const DISPLAY_PLANNER_TTL_MS = 10_000;
let displayPlanner: { planner: ClockPlanner; expires: number } | null = null;

export async function loadDisplayClockPlanner(db: Db): Promise<ClockPlanner> {
  if (displayPlanner && displayPlanner.expires > Date.now()) return displayPlanner.planner;
  const planner = await loadClockPlanner(db);
  displayPlanner = { planner, expires: Date.now() + DISPLAY_PLANNER_TTL_MS };
  return planner;
}

export function planOpenSpec(planner: ClockPlanner, spec: OpenSpec, at: Date): PlannedClock {
  if ("promisedDate" in spec) return planner.planDeliveryPromise(at, spec.promisedDate, spec.customerTimeZone);
  if ("dueAt" in spec) return planner.planUntil(spec.kind, at, spec.dueAt);
  return planner.plan(spec.kind, at);
}

export function clockRow(planned: PlannedClock, orderId: string | null, subjectId: string | null = null): NewSlaClock {
  return {
    kind: planned.kind,
    orderId,
    subjectId,
    state: "open",
    timeBase: planned.timeBase,
    allowanceSeconds: planned.allowanceSeconds,
    startedAt: planned.startedAt,
    dueAt: planned.dueAt,
    criticalAt: planned.criticalAt,
    atRiskAt: planned.atRiskAt,
    createdAt: planned.startedAt,
  };
}

function matchWhere(orderId: string | null, match: ClockMatch, states: ("open" | "paused")[]): SQL | undefined {
  if (!orderId && !match.subjectId) throw new Error("A clock match needs an order or a subject");
  return and(
    orderId ? eq(slaClocks.orderId, orderId) : undefined,
    match.subjectId ? eq(slaClocks.subjectId, match.subjectId) : undefined,
    inArray(slaClocks.kind, [...match.kinds]),
    inArray(slaClocks.state, states),
  );
}

export type ApplyClockEventInput = {
  orderId: string | null;
  event: ClockEvent;
  at: Date;
  planner?: ClockPlanner;
};

/** Opens, meets, cancels, pauses and resumes clocks for one domain event (lib/sla/clock-rules.ts). */
export async function applyClockEvent(tx: Db, { orderId, event, at, planner }: ApplyClockEventInput): Promise<void> {
  const t = clockTransitions(event);
  const messageId = event.type === "notice_sent" ? event.messageId : null;

  // A clock met after its deadline stays recorded as breached. A paused clock's deadline has not moved yet (that
  // happens on resume), and its paused time does not count: it is late only if it was already late when paused.
  const lateAt = sql`case when ${slaClocks.state} = 'paused' then ${slaClocks.pausedAt} > ${slaClocks.dueAt} else ${slaClocks.dueAt} < ${at.toISOString()}::timestamptz end`;
  for (const match of t.meet) {
    await tx
      .update(slaClocks)
      .set({ state: "met", metAt: at, breached: lateAt, metByMessageId: messageId, pausedAt: null })
      .where(matchWhere(orderId, match, ["open", "paused"]));
  }
  for (const match of t.cancel) {
    await tx
      .update(slaClocks)
      .set({ state: "cancelled", metAt: at, breached: lateAt, pausedAt: null })
      .where(matchWhere(orderId, match, ["open", "paused"]));
  }
  for (const match of t.pause) {
    await tx.update(slaClocks).set({ state: "paused", pausedAt: at }).where(matchWhere(orderId, match, ["open"]));
  }
  if (t.resume.length > 0 || t.open.length > 0) planner ??= await loadClockPlanner(tx);
  for (const match of t.resume) await resumeClocks(tx, planner!, orderId, match, at);
  for (const spec of t.open) {
    const subjectId = "subjectId" in spec ? (spec.subjectId ?? null) : null;
    await tx.insert(slaClocks).values(clockRow(planOpenSpec(planner!, spec, at), orderId, subjectId));
  }
  if (orderId) await refreshQueueHeads(tx, [orderId]);
}

// Paused time does not count: the clock's due, critical and at-risk instants move by the counted time that passed
// while it was paused, in its own business or calendar time.
async function resumeClocks(tx: Db, planner: ClockPlanner, orderId: string | null, match: ClockMatch, at: Date) {
  const paused = await tx.select().from(slaClocks).where(matchWhere(orderId, match, ["paused"]));
  for (const clock of paused) {
    const basis = planner.basisFor(clock.timeBase);
    const pausedMs = Math.max(0, basis.between(clock.pausedAt ?? at, at));
    const totalPausedMs = clock.pausedSeconds * 1000 + pausedMs;
    const allowanceMs = clock.allowanceSeconds * 1000;
    const { atRisk, critical } = bandThresholds(allowanceMs);
    // Already late when paused: it stays breached however long the pause.
    const wasBreached = clock.pausedAt !== null && clock.pausedAt > clock.dueAt;
    await tx
      .update(slaClocks)
      .set({
        state: "open",
        pausedAt: null,
        pausedSeconds: Math.round(totalPausedMs / 1000),
        dueAt: wasBreached ? clock.dueAt : basis.add(clock.startedAt, allowanceMs + totalPausedMs),
        criticalAt: wasBreached ? clock.criticalAt : basis.add(clock.startedAt, critical + totalPausedMs),
        atRiskAt: wasBreached ? clock.atRiskAt : basis.add(clock.startedAt, atRisk + totalPausedMs),
      })
      .where(eq(slaClocks.id, clock.id));
  }
}

/** Points each order at its most urgent open clock (or at none). */
export async function refreshQueueHeads(tx: Db, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.execute(sql`
    update orders o set
      next_clock_id = h.id, next_clock_kind = h.kind, next_due_at = h.due_at,
      next_critical_at = h.critical_at, next_at_risk_at = h.at_risk_at
    from (
      select ord.id as order_id, c.id, c.kind, c.due_at, c.critical_at, c.at_risk_at
      from orders ord
      left join lateral (
        select id, kind, due_at, critical_at, at_risk_at from sla_clocks
        where order_id = ord.id and state = 'open'
        order by due_at, id
        limit 1
      ) c on true
      where ord.id in (${sql.join(orderIds.map((id) => sql`${id}::uuid`), sql`, `)})
    ) h
    where o.id = h.order_id`);
}

