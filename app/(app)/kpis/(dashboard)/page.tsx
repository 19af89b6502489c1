import type { Metadata } from "next";
import { KpiNavigation, KpiPendingArea } from "@/components/kpis/kpi-navigation";
import { RangeControls } from "@/components/kpis/range-controls";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { loadKpiDashboard } from "@/lib/kpis/dashboard";
import { parseRangeParams, rangeLabel, resolveRange } from "@/lib/kpis/range";
import { readRollupFreshness } from "@/lib/kpis/rollups";
import { formatAsOf, todayIn } from "@/lib/kpis/today";
import type { PageSearchParams } from "@/lib/search-params";
import { viewerTimeZone } from "@/lib/viewer";
import { KpiCard } from "../kpi-card";
import { RefreshButton } from "../refresh-button";

export const metadata: Metadata = { title: "KPIs" };

export default async function KpisPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireScreen("kpis");
  const db = await getDb();
  const [freshness, params, viewerZone] = await Promise.all([readRollupFreshness(db), searchParams, viewerTimeZone()]);
  const range = resolveRange(parseRangeParams(params), todayIn(freshness.zone));
  const dashboard = await loadKpiDashboard(db, range, freshness);

  return (
    <KpiNavigation>
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">KPIs</h1>
            <p className="text-sm text-muted-foreground">
              {rangeLabel(range.from, range.to)} ({range.days} {range.days === 1 ? "day" : "days"}), compared with {rangeLabel(range.previousFrom, range.previousTo)}.
              Days are in the business time zone, {freshness.zone}.
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-muted-foreground">
              Figures as of <time dateTime={freshness.refreshedAt.toISOString()}>{formatAsOf(freshness.refreshedAt, viewerZone)}</time>
            </p>
            <RefreshButton />
          </div>
        </div>

        <RangeControls key={`${range.from}/${range.to}`} range={range} basePath="/kpis" />
        {range.notice ? (
          <p role="status" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
            {range.notice}
          </p>
        ) : null}

        <KpiPendingArea>
          {dashboard.empty ? (
            <div className="rounded-lg border border-dashed p-10 text-center">
              <p className="font-medium">Nothing to measure in this range.</p>
              <p className="text-sm text-muted-foreground">
                No deliveries, ratings, delays, SLA clocks or responses fall between {rangeLabel(range.from, range.to)}. Try a longer range; if orders
                arrived in the last few minutes, refresh the figures.
              </p>
            </div>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-3">
              {dashboard.kpis.map((result) => (
                <KpiCard key={result.id} result={result} range={range} />
              ))}
            </div>
          )}
        </KpiPendingArea>
      </div>
    </KpiNavigation>
  );
}
