import type { Metadata } from "next";
import Link from "next/link";
import Form from "next/form";
import { notFound } from "next/navigation";
import { KpiNavigation, KpiNavLink, KpiPendingArea } from "@/components/kpis/kpi-navigation";
import { RangeControls } from "@/components/kpis/range-controls";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { loadKpiDashboard } from "@/lib/kpis/dashboard";
import { loadDrillDown, type DrillColumn, type DrillRow } from "@/lib/kpis/drill-down";
import { drillHref, parseDrillParams, type DrillFilters } from "@/lib/kpis/drill-params";
import { formatValue } from "@/lib/kpis/measures";
import { rangeLabel, rangeQuery, resolveRange } from "@/lib/kpis/range";
import { isKpiId, kpis, milestoneKinds } from "@/lib/kpis/registry";
import { clockKindNames } from "@/lib/sla/clock-labels";
import { readRollupFreshness } from "@/lib/kpis/rollups";
import { todayIn } from "@/lib/kpis/today";
import type { PageSearchParams } from "@/lib/search-params";
import { viewerTimeZone } from "@/lib/viewer";

type Props = { params: Promise<{ kpi: string }>; searchParams: Promise<PageSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kpi } = await params;
  return { title: isKpiId(kpi) ? `${kpis[kpi].label} — records` : "KPIs" };
}

const pill =
  "inline-flex h-8 items-center rounded-md border px-3 text-sm font-medium outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring aria-[current=true]:border-primary aria-[current=true]:bg-primary aria-[current=true]:text-primary-foreground";
const link = "text-primary underline-offset-4 hover:underline";

function cell(column: DrillColumn, value: DrillRow["cells"][string], zone: string): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (column.format) {
    case "datetime":
      return formatDateTime(value as Date, zone);
    case "date":
      return formatDate(value as string);
    case "duration":
      return formatValue("duration", Number(value));
    case "rating":
      return `${String(value)} / 5`;
    default:
      return String(value).replaceAll("_", " ");
  }
}

export default async function KpiDrillDownPage({ params, searchParams }: Props) {
  await requireScreen("kpis");
  const { kpi } = await params;
  if (!isKpiId(kpi)) notFound();
  const def = kpis[kpi];
  const db = await getDb();
  const [freshness, query, zone] = await Promise.all([readRollupFreshness(db), searchParams.then(parseDrillParams), viewerTimeZone()]);
  const range = resolveRange(query, todayIn(freshness.zone));
  const kindAllowed = def.dimension && query.kind && (def.dimension.values as readonly string[]).includes(query.kind);
  const filters: DrillFilters = {
    kind: kindAllowed ? query.kind : undefined,
    rep: def.perRep ? query.rep : undefined,
    only: def.drillDown.onlyLabel ? query.only : undefined,
    view: (kpi === "sla-compliance" && query.view === "open") || (kpi === "delay-resolution" && query.view === "notify") ? query.view : undefined,
    subject: kpi === "first-response" ? query.subject : undefined,
  };
  const [page, dashboard] = await Promise.all([
    loadDrillDown(db, kpi, { from: range.from, to: range.to, zone: freshness.zone, filters, after: query.after }),
    loadKpiDashboard(db, range, freshness),
  ]);
  const result = dashboard.kpis.find((k) => k.id === kpi)!;
  const figure = filters.kind ? result.dimension?.find((d) => d.key === filters.kind)?.measure : result.headline;
  const openNow = filters.view === "open";
  const title = `${def.label}${filters.kind ? ` — ${clockKindNames[filters.kind]}` : ""}`;
  const repName = filters.rep ? (result.perRep?.find((r) => (r.repId ?? "none") === filters.rep)?.name ?? "one rep") : null;
  const here = (change: Partial<DrillFilters>) => drillHref(kpi, range, { ...filters, ...change });
  const extra = { kind: filters.kind, rep: filters.rep, only: filters.only, view: filters.view, subject: filters.subject };

  return (
    <KpiNavigation>
      <div className="space-y-6">
        <div className="space-y-1">
          <p className="text-sm">
            <Link href={`/kpis${rangeQuery(range)}`} className={link}>
              KPIs
            </Link>{" "}
            / {def.label}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="max-w-3xl text-sm text-muted-foreground">{def.definition}</p>
          {figure && !openNow ? (
            <p className="text-sm">
              {rangeLabel(range.from, range.to)}: <strong className="tabular-nums">{formatValue(figure.unit, figure.value)}</strong>
              {figure.detail ? ` (${figure.detail})` : ""}
            </p>
          ) : null}
        </div>

        <RangeControls key={`${range.from}/${range.to}`} range={range} basePath={`/kpis/${kpi}`} extra={extra} showGranularity={false} />

        <div className="flex flex-wrap items-end gap-4">
          {def.drillDown.onlyLabel && !openNow ? (
            <div role="group" aria-label="Which records" className="flex gap-1.5">
              <KpiNavLink href={here({ only: undefined })} className={pill} aria-current={!filters.only}>
                All
              </KpiNavLink>
              <KpiNavLink href={here({ only: "1" })} className={pill} aria-current={Boolean(filters.only)}>
                {def.drillDown.onlyLabel}
              </KpiNavLink>
            </div>
          ) : null}
          {kpi === "delay-resolution" || kpi === "first-response" || kpi === "sla-compliance" ? (
            <div role="group" aria-label="What to list" className="flex gap-1.5">
              {kpi === "delay-resolution" ? (
                <>
                  <KpiNavLink href={here({ view: undefined })} className={pill} aria-current={!filters.view}>Time to resolve</KpiNavLink>
                  <KpiNavLink href={here({ view: "notify" })} className={pill} aria-current={filters.view === "notify"}>Time to notify</KpiNavLink>
                </>
              ) : kpi === "first-response" ? (
                <>
                  <KpiNavLink href={here({ subject: undefined })} className={pill} aria-current={!filters.subject}>Both</KpiNavLink>
                  <KpiNavLink href={here({ subject: "inquiry" })} className={pill} aria-current={filters.subject === "inquiry"}>Inquiries</KpiNavLink>
                  <KpiNavLink href={here({ subject: "request" })} className={pill} aria-current={filters.subject === "request"}>Requests</KpiNavLink>
                </>
              ) : (
                <>
                  <KpiNavLink href={here({ view: undefined })} className={pill} aria-current={!openNow}>Due in the range</KpiNavLink>
                  <KpiNavLink href={here({ view: "open", only: undefined })} className={pill} aria-current={openNow}>Open breached clocks now</KpiNavLink>
                </>
              )}
            </div>
          ) : null}
          {def.dimension ? (
            <Form action={`/kpis/${kpi}`} className="flex items-end gap-2" aria-label={`Choose a ${def.dimension.label.toLowerCase()}`}>
              {Object.entries({ range: range.preset, from: range.preset === "custom" ? range.from : undefined, to: range.preset === "custom" ? range.to : undefined, by: range.granularity, only: filters.only, rep: filters.rep, view: filters.view }).map(([k, v]) =>
                v ? <input key={k} type="hidden" name={k} value={v} /> : null,
              )}
              <div className="space-y-1">
                <Label htmlFor="kind">{def.dimension.label}</Label>
                <NativeSelect id="kind" name="kind" defaultValue={filters.kind ?? ""}>
                  <option value="">All</option>
                  {(kpi === "notification-coverage" ? milestoneKinds : def.dimension.values).map((k) => (
                    <option key={k} value={k}>{clockKindNames[k]}</option>
                  ))}
                </NativeSelect>
              </div>
              <Button type="submit" variant="outline" size="sm">Show</Button>
            </Form>
          ) : null}
          {repName ? (
            <p className="text-sm">
              Rep: <strong>{repName}</strong>{" "}
              <KpiNavLink href={here({ rep: undefined })} className={link}>(all reps)</KpiNavLink>
            </p>
          ) : null}
        </div>

        <KpiPendingArea>
          <section aria-labelledby="records-heading" className="space-y-3">
            <h2 id="records-heading" className="text-lg font-semibold">
              {openNow ? "Clocks open now past their due time" : `${def.drillDown.lists}${filters.only ? ` — ${def.drillDown.onlyLabel!.toLowerCase()}` : ""}`}
            </h2>
            {page.rows.length === 0 ? (
              <div className="rounded-lg border border-dashed p-10 text-center">
                <p className="font-medium">No records here.</p>
                <p className="text-sm text-muted-foreground">{filters.only ? "Nothing counts against the figure in this range." : "Nothing happened in this range; try a longer one."}</p>
              </div>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Order</TableHead>
                    {page.columns.map((c) => (
                      <TableHead key={c.key}>{c.label}</TableHead>
                    ))}
                    <TableHead>Message</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.rows.map((row) => (
                    <TableRow key={row.id}>
                      <TableCell className="whitespace-nowrap font-medium">
                        {row.orderNumber ? (
                          <Link href={`/orders/${row.orderNumber}`} className={link}>{row.orderNumber}</Link>
                        ) : row.subjectHref ? (
                          <Link href={row.subjectHref} className={link}>Inquiry</Link>
                        ) : (
                          "—"
                        )}
                        {row.bad ? <Badge variant="destructive" className="ml-2">{kpi === "on-time-delivery" ? "late" : kpi === "csat" ? "low" : kpi === "order-accuracy" ? "error" : kpi === "notification-coverage" ? "not sent" : "breached"}</Badge> : null}
                      </TableCell>
                      {page.columns.map((c) => (
                        <TableCell key={c.key} className={c.format === "text" ? "max-w-xs" : "whitespace-nowrap tabular-nums"}>{cell(c, row.cells[c.key] ?? null, zone)}</TableCell>
                      ))}
                      <TableCell>{row.messageId ? <Link href={`/messages/${row.messageId}`} className={link}>View</Link> : "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <nav aria-label="Pagination" className="flex justify-end gap-2">
              {query.after ? (
                <Button asChild variant="outline" size="sm">
                  <KpiNavLink href={here({})}>Back to first page</KpiNavLink>
                </Button>
              ) : null}
              {page.nextCursor ? (
                <Button asChild variant="outline" size="sm">
                  <KpiNavLink href={drillHref(kpi, range, filters, page.nextCursor)} rel="next">Next page</KpiNavLink>
                </Button>
              ) : null}
            </nav>
          </section>
        </KpiPendingArea>
      </div>
    </KpiNavigation>
  );
}
