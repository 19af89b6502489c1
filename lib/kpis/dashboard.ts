import type { SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { ClockKind } from "@/db/schema";
import {
  dashboardQueries,
  sets2,
  sets3,
  type ClockRow,
  type DeliveredRow,
  type DurationRow,
  type FeedbackRow,
  type MilestoneRow,
  type QueryWindow,
} from "./dashboard-queries";
import { measure, type DimensionRow, type KpiResult, type RepRow, type SeriesPoint } from "./measures";
import { bucketLabel, bucketsOf, type KpiRange } from "./range";
import { kpis, type KpiId } from "./registry";
import { NO_REP, readRollupFreshness, type RollupFreshness } from "./rollups";

/** "439,990 of 448,903": the count behind a rate, grouped for reading. */
const ofCount = (part: number, whole: number) => `${part.toLocaleString("en-US")} of ${whole.toLocaleString("en-US")}`;

// The KPI dashboard for a range: runs the query set (lib/kpis/dashboard-queries.ts) and turns its rows into figures,
// trends, per-rep splits and per-kind rows. Definitions and edge rules: docs/kpis.md.

export type KpiDashboard = { range: KpiRange; freshness: RollupFreshness; kpis: KpiResult[]; empty: boolean };

type Raw = {
  delivered: DeliveredRow[];
  feedback: FeedbackRow[];
  clocks: ClockRow[];
  milestones: MilestoneRow[];
  durations: DurationRow[];
  openBreaches: { kind: string; n: number }[];
  reps: { id: string; name: string }[];
};

export function queryWindow(range: KpiRange): QueryWindow {
  return { from: range.from, to: range.to, previousFrom: range.previousFrom, granularity: range.granularity };
}

export async function loadKpiDashboard(db: Db, range: KpiRange, freshness?: RollupFreshness): Promise<KpiDashboard> {
  const w = queryWindow(range);
  const run = <T extends Record<string, unknown>>(q: SQL) => queryRows<T>(db, q);
  const [fresh, delivered, feedback, clocks, milestones, durations, openBreaches, reps] = await Promise.all([
    freshness ?? readRollupFreshness(db),
    run<DeliveredRow>(dashboardQueries.delivered(w)),
    run<FeedbackRow>(dashboardQueries.feedback(w)),
    run<ClockRow>(dashboardQueries.clocks(w)),
    run<MilestoneRow>(dashboardQueries.milestones(w)),
    run<DurationRow>(dashboardQueries.durations(w)),
    run<{ kind: string; n: number }>(dashboardQueries.openBreaches()),
    run<{ id: string; name: string }>(dashboardQueries.reps()),
  ]);
  return buildDashboard(range, fresh, { delivered, feedback, clocks, milestones, durations, openBreaches, reps });
}

const ratio = (part: number | undefined, whole: number | undefined) => (whole ? (part ?? 0) / whole : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function buildDashboard(range: KpiRange, freshness: RollupFreshness, raw: Raw): KpiDashboard {
  const names = new Map(raw.reps.map((r) => [r.id, r.name]));
  const buckets = bucketsOf(range);
  const labelOf = (b: string) => bucketLabel(b, range.granularity);
  const series = <R extends { cur: boolean; grp: number; bucket: string | null }>(rows: R[], set: number, value: (r: R) => number | null): SeriesPoint[] => {
    const byBucket = new Map(rows.filter((r) => r.cur && r.grp === set).map((r) => [r.bucket, value(r)]));
    return buckets.map((b) => ({ bucket: b, label: labelOf(b), value: byBucket.get(b) ?? null }));
  };
  const perRep = <R extends { cur: boolean; grp: number; rep_id: string | null }>(id: KpiId, rows: R[], set: number, value: (r: R) => number | null, count: (r: R) => number): RepRow[] =>
    rows
      .filter((r) => r.cur && r.grp === set && count(r) > 0)
      .map((r) => ({
        repId: r.rep_id === NO_REP ? null : r.rep_id,
        name: r.rep_id === NO_REP ? (kpis[id].perRep?.noneLabel ?? "—") : (names.get(r.rep_id ?? "") ?? "Former user"),
        value: value(r),
        count: count(r),
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const totals = <R extends { cur: boolean; grp: number }>(rows: R[], set: number) => ({
    cur: rows.find((r) => r.cur && r.grp === set),
    prev: rows.find((r) => !r.cur && r.grp === set),
  });

  // Order accuracy and on-time delivery.
  const d = totals(raw.delivered, sets2.total);
  const accuracy = (r?: DeliveredRow) => (r ? ratio(r.delivered - r.with_error, r.delivered) : null);
  const onTime = (r?: DeliveredRow) => (r ? ratio(r.on_time, r.promised) : null);
  const orderAccuracy: KpiResult = {
    id: "order-accuracy",
    headline: measure(kpis["order-accuracy"], accuracy(d.cur), accuracy(d.prev), d.cur ? ofCount(d.cur.delivered - d.cur.with_error, d.cur.delivered) : null),
    secondary: [measure(kpis["order-accuracy"].secondary[0]!, d.cur?.delivered ?? 0, d.prev?.delivered ?? 0)],
    series: series(raw.delivered, sets2.bucket, (r) => accuracy(r)),
    perRep: perRep("order-accuracy", raw.delivered, sets2.rep, (r) => accuracy(r), (r) => r.delivered),
    dimension: null,
  };
  const [judgedDef, unpromisedDef] = kpis["on-time-delivery"].secondary;
  const onTimeDelivery: KpiResult = {
    id: "on-time-delivery",
    headline: measure(kpis["on-time-delivery"], onTime(d.cur), onTime(d.prev), d.cur ? ofCount(d.cur.on_time, d.cur.promised) : null),
    secondary: [
      measure(judgedDef!, d.cur?.promised ?? 0, d.prev?.promised ?? 0),
      measure(unpromisedDef!, (d.cur?.delivered ?? 0) - (d.cur?.promised ?? 0), (d.prev?.delivered ?? 0) - (d.prev?.promised ?? 0)),
    ],
    series: series(raw.delivered, sets2.bucket, (r) => onTime(r)),
    perRep: perRep("on-time-delivery", raw.delivered, sets2.rep, (r) => onTime(r), (r) => r.promised),
    dimension: null,
  };

  // CSAT.
  const f = totals(raw.feedback, sets2.total);
  const mean = (r?: FeedbackRow) => (r ? ratio(r.rating_sum, r.responses) : null);
  const [satisfiedDef, responsesDef] = kpis.csat.secondary;
  const csat: KpiResult = {
    id: "csat",
    headline: measure(kpis.csat, mean(f.cur), mean(f.prev)),
    secondary: [
      measure(satisfiedDef!, f.cur ? ratio(f.cur.satisfied, f.cur.responses) : null, f.prev ? ratio(f.prev.satisfied, f.prev.responses) : null),
      measure(responsesDef!, f.cur?.responses ?? 0, f.prev?.responses ?? 0),
    ],
    series: series(raw.feedback, sets2.bucket, (r) => mean(r)),
    perRep: perRep("csat", raw.feedback, sets2.rep, (r) => mean(r), (r) => r.responses),
    dimension: null,
  };

  const results = [
    orderAccuracy,
    onTimeDelivery,
    csat,
    delayResolution(raw, buckets, labelOf),
    slaCompliance(raw, series, perRep),
    notificationCoverage(raw, series, perRep),
    firstResponse(raw, buckets, labelOf, names),
  ];
  return { range, freshness, kpis: results, empty: results.every((k) => k.headline.value === null) };
}

type SeriesFn = <R extends { cur: boolean; grp: number; bucket: string | null }>(rows: R[], set: number, value: (r: R) => number | null) => SeriesPoint[];
type PerRepFn = <R extends { cur: boolean; grp: number; rep_id: string | null }>(id: KpiId, rows: R[], set: number, value: (r: R) => number | null, count: (r: R) => number) => RepRow[];

function durationTotals(raw: Raw, family: string) {
  const pick = (cur: boolean) => raw.durations.find((r) => r.grp === "metric" && r.family === family && r.cur === cur);
  const [cur, prev] = [pick(true), pick(false)];
  return { n: cur?.n ?? 0, nPrev: prev?.n ?? 0, p50: num(cur?.p50), p90: num(cur?.p90), prev50: num(prev?.p50), prev90: num(prev?.p90) };
}

function durationSeries(raw: Raw, family: string, buckets: string[], labelOf: (b: string) => string): SeriesPoint[] {
  const byBucket = new Map(raw.durations.filter((r) => r.grp === "bucket" && r.family === family).map((r) => [r.bucket, num(r.p50)]));
  return buckets.map((b) => ({ bucket: b, label: labelOf(b), value: byBucket.get(b) ?? null }));
}

function delayResolution(raw: Raw, buckets: string[], labelOf: (b: string) => string): KpiResult {
  const res = durationTotals(raw, "delay_resolution");
  const notify = durationTotals(raw, "delay_notify");
  const def = kpis["delay-resolution"];
  const [p90Def, notifyDef, resolvedDef] = def.secondary;
  return {
    id: "delay-resolution",
    headline: measure(def, res.p50, res.prev50),
    secondary: [measure(p90Def!, res.p90, res.prev90), measure(notifyDef!, notify.p50, notify.prev50), measure(resolvedDef!, res.n, res.nPrev)],
    series: durationSeries(raw, "delay_resolution", buckets, labelOf),
    perRep: null,
    dimension: null,
  };
}

function slaCompliance(raw: Raw, series: SeriesFn, perRep: PerRepFn): KpiResult {
  const def = kpis["sla-compliance"];
  const rate = (r?: ClockRow) => (r ? ratio(r.met_on_time, r.due) : null);
  const open = new Map(raw.openBreaches.map((r) => [r.kind, Number(r.n)]));
  const openTotal = [...open.values()].reduce((a, b) => a + b, 0);
  const cur = raw.clocks.find((r) => r.cur && r.grp === sets3.total);
  const prev = raw.clocks.find((r) => !r.cur && r.grp === sets3.total);
  const [dueDef, openDef] = def.secondary;
  const kindRow = (kind: ClockKind, isCur: boolean) => raw.clocks.find((r) => r.cur === isCur && r.grp === sets3.kind && r.kind === kind);
  const dimension: DimensionRow[] = def.dimension!.values.map((kind) => {
    const c = kindRow(kind, true);
    const p = kindRow(kind, false);
    return {
      key: kind,
      measure: { ...measure(def, rate(c), rate(p), c ? ofCount(c.met_on_time, c.due) : null), id: kind },
      count: c?.due ?? 0,
      openBreaches: open.get(kind) ?? 0,
    };
  });
  return {
    id: "sla-compliance",
    headline: measure(def, rate(cur), rate(prev), cur ? ofCount(cur.met_on_time, cur.due) : null),
    secondary: [measure(dueDef!, cur?.due ?? 0, prev?.due ?? 0), { ...measure(openDef!, openTotal, null), change: null }],
    series: series(raw.clocks, sets3.bucket, (r) => rate(r)),
    perRep: perRep("sla-compliance", raw.clocks, sets3.rep, (r) => rate(r), (r) => r.due),
    dimension,
  };
}

function notificationCoverage(raw: Raw, series: SeriesFn, perRep: PerRepFn): KpiResult {
  const def = kpis["notification-coverage"];
  const rate = (r?: MilestoneRow) => (r ? ratio(r.sent, r.reached) : null);
  const cur = raw.milestones.find((r) => r.cur && r.grp === sets3.total);
  const prev = raw.milestones.find((r) => !r.cur && r.grp === sets3.total);
  const kindRow = (kind: ClockKind, isCur: boolean) => raw.milestones.find((r) => r.cur === isCur && r.grp === sets3.kind && r.kind === kind);
  return {
    id: "notification-coverage",
    headline: measure(def, rate(cur), rate(prev), cur ? ofCount(cur.sent, cur.reached) : null),
    secondary: [measure(def.secondary[0]!, cur?.reached ?? 0, prev?.reached ?? 0)],
    series: series(raw.milestones, sets3.bucket, (r) => rate(r)),
    perRep: perRep("notification-coverage", raw.milestones, sets3.rep, (r) => rate(r), (r) => r.reached),
    dimension: def.dimension!.values.map((kind) => {
      const c = kindRow(kind, true);
      const p = kindRow(kind, false);
      return { key: kind, measure: { ...measure(def, rate(c), rate(p), c ? ofCount(c.sent, c.reached) : null), id: kind }, count: c?.reached ?? 0 };
    }),
  };
}

function firstResponse(raw: Raw, buckets: string[], labelOf: (b: string) => string, names: Map<string, string>): KpiResult {
  const def = kpis["first-response"];
  const all = durationTotals(raw, "first_response");
  const inquiries = durationTotals(raw, "first_response_inquiry");
  const requests = durationTotals(raw, "first_response_request");
  const [inqDef, reqDef, respDef] = def.secondary;
  return {
    id: "first-response",
    headline: measure(def, all.p50, all.prev50),
    secondary: [measure(inqDef!, inquiries.p50, inquiries.prev50), measure(reqDef!, requests.p50, requests.prev50), measure(respDef!, all.n, all.nPrev)],
    series: durationSeries(raw, "first_response", buckets, labelOf),
    perRep: raw.durations
      .filter((r) => r.grp === "rep" && r.rep_id !== null)
      .map((r) => ({
        repId: r.rep_id === NO_REP ? null : r.rep_id,
        name: r.rep_id === NO_REP ? def.perRep!.noneLabel : (names.get(r.rep_id!) ?? "Former user"),
        value: num(r.p50),
        count: r.n,
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    dimension: null,
  };
}
