import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/db/testing/test-database";
import { defaultBusinessCalendar } from "@/lib/settings/defaults";
import { loadKpiDashboard, type KpiDashboard } from "./dashboard";
import { loadDrillDown, type DrillInput } from "./drill-down";
import { buildDurationSample, buildKpiFixture } from "./kpi-fixture";
import type { KpiResult } from "./measures";
import { resolveRange } from "./range";
import type { KpiId } from "./registry";
import { readRollupFreshness, refreshKpiRollups } from "./rollups";

// Every KPI on a hand-built data set (lib/kpis/kpi-fixture.ts), three ways: the hand-computed answer, the rollup
// path the page uses, and the SQL of docs/kpis.md run as written.

const ZONE = "America/New_York";
const FROM = "2026-03-02";
const TO = "2026-03-15";
const PREV_FROM = "2026-02-16";
const PREV_TO = "2026-03-01";

let handle: DatabaseHandle;
let fixture: Awaited<ReturnType<typeof buildKpiFixture>>;
let dashboard: KpiDashboard;

beforeAll(async () => {
  handle = await createTestDatabase();
  // A fresh database: the views exist and refresh cleanly with nothing in them.
  expect((await refreshKpiRollups(handle.db)).refreshed).toBe(true);
  fixture = await buildKpiFixture(handle.db);
  await refreshKpiRollups(handle.db);
  dashboard = await loadKpiDashboard(handle.db, resolveRange({ range: "custom", from: FROM, to: TO, by: "week" }, "2026-11-24"));
});
afterAll(async () => {
  await handle?.close();
});

const kpi = (id: KpiId): KpiResult => dashboard.kpis.find((k) => k.id === id)!;
const sec = (k: KpiResult, id: string) => k.secondary.find((m) => m.id === id)!;
const reps = (k: KpiResult) => Object.fromEntries(k.perRep!.map((r) => [r.name, [r.value, r.count]]));
const trend = (k: KpiResult) => k.series.map((p) => [p.bucket, p.value]);

// ```sql <name> blocks of docs/kpis.md, with :from, :to and :zone as literals.
const docSql = new Map(
  [...readFileSync(path.resolve(import.meta.dirname, "../../docs/kpis.md"), "utf8").matchAll(/```sql ([\w-]+)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]),
);
async function runDoc(name: string, from = FROM, to = TO) {
  const text = docSql.get(name);
  if (!text) throw new Error(`docs/kpis.md has no sql block named ${name}`);
  const bound = text.replace(/(?<!:):(from|to|zone)\b/g, (_, p: string) => (p === "zone" ? `'${ZONE}'` : `'${p === "from" ? from : to}'::date`));
  const rows = await queryRows<Record<string, unknown>>(handle.db, sql.raw(bound));
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || k === "kind" ? v : Number(v)])));
}

describe("the rollups", () => {
  it("bucket days in the business calendar's zone, whose SQL fallback is the app's default", async () => {
    const [row] = await queryRows<{ zone: string }>(handle.db, sql`select kpi_business_zone() as zone`);
    expect(row!.zone).toBe(defaultBusinessCalendar.timeZone);
    const freshness = await readRollupFreshness(handle.db);
    expect(freshness.zone).toBe(ZONE);
    expect(Date.now() - freshness.refreshedAt.getTime()).toBeLessThan(60_000);
  });
});

describe("order accuracy and on-time delivery", () => {
  it("order accuracy: errors other than customer requests count, by local delivery day", async () => {
    const k = kpi("order-accuracy");
    expect(k.headline).toMatchObject({ value: 0.8, previous: 0.5, detail: "4 of 5" });
    expect(k.headline.change).toBeCloseTo(0.3, 10);
    expect(sec(k, "delivered")).toMatchObject({ value: 5, previous: 2 });
    expect(reps(k)).toEqual({ "Ann Archer": [0.5, 2], "Ben Brooks": [1, 2], Unassigned: [1, 1] });
    // 00:30 EDT on 9 March is in the second week; a fixed −5 h offset would make the first week 2 of 3.
    expect(trend(k)).toEqual([["2026-03-02", 0.5], ["2026-03-09", 1]]);
    expect(await runDoc("order-accuracy")).toEqual([{ delivered: 5, without_error: 4, accuracy_rate: 0.8 }]);
    expect(await runDoc("order-accuracy", PREV_FROM, PREV_TO)).toEqual([{ delivered: 2, without_error: 1, accuracy_rate: 0.5 }]);
  });

  it("on-time delivery: the customer's local date against the promise; no promise, not counted", async () => {
    const k = kpi("on-time-delivery");
    expect(k.headline).toMatchObject({ value: 0.75, previous: 0.5, detail: "3 of 4" });
    expect(sec(k, "unpromised").value).toBe(1);
    expect(reps(k)).toEqual({ "Ann Archer": [0.5, 2], "Ben Brooks": [1, 1], Unassigned: [1, 1] });
    expect(await runDoc("on-time-delivery")).toEqual([{ judged: 4, on_time: 3, unpromised: 1, on_time_rate: 0.75 }]);
  });
});

describe("CSAT", () => {
  it("counts each order's current rating on the day it was last given", async () => {
    const k = kpi("csat");
    expect(k.headline).toMatchObject({ value: 4, previous: 3, change: 1 });
    expect(sec(k, "satisfied")).toMatchObject({ value: 0.75, previous: 0 });
    expect(sec(k, "responses")).toMatchObject({ value: 4, previous: 1 });
    expect(reps(k)).toEqual({ "Ann Archer": [3.5, 2], "Ben Brooks": [4.5, 2] });
    expect(await runDoc("csat")).toEqual([{ responses: 4, mean_rating: 4, satisfied_share: 0.75 }]);
  });
});

describe("delay resolution", () => {
  it("median and p90 of resolution, median time to notify, by the day each ended", async () => {
    const k = kpi("delay-resolution");
    expect(k.headline).toMatchObject({ value: 43_200, previous: 86_400, change: -43_200 });
    expect(sec(k, "p90").value).toBeCloseTo(77_760, 6);
    expect(sec(k, "notify")).toMatchObject({ value: 3600, previous: 1200 });
    expect(sec(k, "resolved")).toMatchObject({ value: 3, previous: 1 });
    expect(k.perRep).toBeNull();
    expect(trend(k)).toEqual([["2026-03-02", 64_800], ["2026-03-09", 7200]]);
    const [doc] = await runDoc("delay-resolution");
    expect(doc).toMatchObject({ resolved: 3, median_seconds: 43_200 });
    expect(doc!.p90_seconds).toBeCloseTo(77_760, 6);
    expect(await runDoc("delay-notify")).toEqual([{ notified: 3, median_seconds: 3600 }]);
  });
});

describe("medians from the duration histograms", () => {
  it("stay within the 5 % bin width of the exact percentile on a larger sample (and are usually much closer)", async () => {
    await buildDurationSample(handle.db, fixture.orders.o8.id);
    await refreshKpiRollups(handle.db);
    const sample = await loadKpiDashboard(handle.db, resolveRange({ range: "custom", from: "2026-01-01", to: "2026-02-15" }, "2026-11-24"));
    const k = sample.kpis.find((r) => r.id === "delay-resolution")!;
    const [exact] = await runDoc("delay-resolution", "2026-01-01", "2026-02-15");
    expect(exact!.resolved).toBe(400);
    expect(sec(k, "resolved").value).toBe(400);
    const pairs: [number, number][] = [
      [k.headline.value!, Number(exact!.median_seconds)],
      [sec(k, "p90").value!, Number(exact!.p90_seconds)],
    ];
    for (const [approx, truth] of pairs) {
      expect(Math.abs(approx - truth) / truth).toBeLessThan(0.05);
      expect(Math.abs(approx - truth) / truth).toBeLessThan(0.01);
    }
  });
});

describe("SLA compliance", () => {
  it("met on time over judged clocks due in the period, per kind and in total", async () => {
    const k = kpi("sla-compliance");
    expect(k.headline).toMatchObject({ value: 7 / 12, previous: 1, detail: "7 of 12" });
    const byKind = Object.fromEntries(k.dimension!.filter((d) => d.count > 0).map((d) => [d.key, [d.measure.value, d.count]]));
    expect(byKind).toEqual({ confirmation: [0.4, 5], delivery_notice: [1, 1], inquiry_ack: [0.5, 2], request_ack: [1, 2], delay_notice: [0.5, 2] });
    expect(k.dimension!.find((d) => d.key === "confirmation")).toMatchObject({ openBreaches: 1, measure: { previous: 1 } });
    expect(sec(k, "open-breaches")).toMatchObject({ value: 1, change: null });
    expect(reps(k)).toEqual({ "Ann Archer": [0.8, 5], "Ben Brooks": [0.2, 5], Unassigned: [1, 2] });
    expect(trend(k)).toEqual([["2026-03-02", 4 / 7], ["2026-03-09", 3 / 5]]);

    const doc = await runDoc("sla-compliance");
    // Rows come in the enum's order; sort by name to compare.
    expect(doc.map((r) => [r.kind, r.due, r.met_on_time]).sort()).toEqual([
      ["confirmation", 5, 2],
      ["delay_notice", 1 + 1, 1],
      ["delivery_notice", 1, 1],
      ["inquiry_ack", 2, 1],
      ["request_ack", 2, 2],
    ]);
    expect(await runDoc("open-breaches")).toEqual([{ kind: "confirmation", open_breaches: 1 }]);
  });

  it("an open clock not yet due is not judged", async () => {
    const today = new Date().toLocaleDateString("en-CA", { timeZone: ZONE });
    const now = await loadKpiDashboard(handle.db, resolveRange({ range: "custom", from: today, to: today }, today));
    expect(now.kpis.find((k) => k.id === "sla-compliance")!.headline.value).toBeNull();
    expect(await runDoc("sla-compliance", today, today)).toEqual([]);
  });
});

describe("notification coverage", () => {
  it("sent over judged milestones, by the day each was reached", async () => {
    const k = kpi("notification-coverage");
    expect(k.headline).toMatchObject({ value: 5 / 8, previous: 1, detail: "5 of 8" });
    const byKind = Object.fromEntries(k.dimension!.map((d) => [d.key, d.measure.value]));
    expect(byKind).toEqual({ confirmation: 0.6, shipping_notice: null, out_for_delivery_notice: null, delivery_notice: 1, delay_notice: 0.5 });
    expect(reps(k)).toEqual({ "Ann Archer": [1, 3], "Ben Brooks": [0.25, 4], Unassigned: [1, 1] });
    const doc = await runDoc("notification-coverage");
    expect(doc.map((r) => [r.kind, r.reached, r.sent])).toEqual([
      ["confirmation", 5, 3],
      ["delay_notice", 2, 1],
      ["delivery_notice", 1, 1],
    ]);
  });
});

describe("first response time", () => {
  it("median time to the first response, per subject and per sender", async () => {
    const k = kpi("first-response");
    expect(k.headline).toMatchObject({ value: 600, previous: null, change: null });
    expect(sec(k, "inquiries").value).toBe(21_600);
    expect(sec(k, "requests").value).toBe(315);
    expect(sec(k, "responses")).toMatchObject({ value: 3, change: null });
    expect(reps(k)).toEqual({ "Ann Archer": [600, 1], "Ben Brooks": [21_600, 1], "System (automatic)": [30, 1] });
    expect(await runDoc("first-response")).toEqual([{ responses: 3, median_seconds: 600, inquiry_median_seconds: 21_600, request_median_seconds: 315 }]);
  });
});

describe("drill-downs list the records behind a figure", () => {
  const input = (filters: DrillInput["filters"], extra: Partial<DrillInput> = {}): DrillInput => ({ from: FROM, to: TO, zone: ZONE, filters, ...extra });
  const numbers = (rows: { orderNumber: string | null }[]) => rows.map((r) => r.orderNumber).sort();

  it("SLA compliance — confirmation, breached only: the met-late, overdue and cancelled-late clocks", async () => {
    const { o2, o5, o7 } = fixture.orders;
    const page = await loadDrillDown(handle.db, "sla-compliance", input({ kind: "confirmation", only: "1" }));
    expect(numbers(page.rows)).toEqual([o2.number, o5.number, o7.number].sort());
    expect(page.rows.every((r) => r.bad)).toBe(true);
    expect(page.nextCursor).toBeNull();
  });

  it("keyset pages through every judged clock once", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await loadDrillDown(handle.db, "sla-compliance", input({}, { pageSize: 5, after }));
      seen.push(...page.rows.map((r) => r.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it("each KPI's bad-only list matches its figure", async () => {
    const { o2, o5, o7, o8 } = fixture.orders;
    expect(numbers((await loadDrillDown(handle.db, "order-accuracy", input({ only: "1" }))).rows)).toEqual([o2.number]);
    expect(numbers((await loadDrillDown(handle.db, "on-time-delivery", input({ only: "1" }))).rows)).toEqual([o2.number]);
    expect((await loadDrillDown(handle.db, "order-accuracy", input({}))).rows).toHaveLength(5);
    expect(numbers((await loadDrillDown(handle.db, "csat", input({ only: "1" }))).rows)).toEqual([o2.number]);
    expect(numbers((await loadDrillDown(handle.db, "notification-coverage", input({ only: "1" }))).rows)).toEqual([o5.number, o5.number, o7.number].sort());
    expect((await loadDrillDown(handle.db, "csat", input({ rep: fixture.users.ben.id }))).rows.map((r) => r.orderNumber).sort()).toEqual(
      [fixture.orders.o3.number, o8.number].sort(),
    );
    const delays = await loadDrillDown(handle.db, "delay-resolution", input({}));
    expect(delays.rows.map((r) => r.cells.resolveTime)).toEqual([86_400, 43_200, 7200]);
    const responses = await loadDrillDown(handle.db, "first-response", input({ subject: "request" }));
    expect(responses.rows.map((r) => r.cells.wait)).toEqual([600, 30]);
    expect(responses.rows.map((r) => r.cells.sender)).toEqual(["Ann Archer", "System (automatic)"]);
  });
});
