import Link from "next/link";
import { ArrowDownIcon, ArrowUpIcon, MinusIcon } from "lucide-react";
import { DefinitionTooltip } from "@/components/kpis/definition-tooltip";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { drillHref } from "@/lib/kpis/drill-params";
import { changeTone, formatChange, formatValue, type KpiResult, type Measure } from "@/lib/kpis/measures";
import type { KpiRange } from "@/lib/kpis/range";
import { kpis } from "@/lib/kpis/registry";
import { clockKindNames } from "@/lib/sla/clock-labels";
import { cn } from "@/lib/utils";
import { TrendChart } from "./trend-chart";

type Props = { result: KpiResult; range: KpiRange };

const toneClass = { good: "text-success", bad: "text-destructive", neutral: "text-muted-foreground" } as const;
const toneWord = { good: "better", bad: "worse", neutral: "" } as const;

function Change({ m, className }: { m: Measure; className?: string }) {
  const tone = changeTone(m.better, m.unit, m.change);
  const text = formatChange(m.unit, m.change);
  const Icon = m.change === null ? null : text === "no change" ? MinusIcon : m.change > 0 ? ArrowUpIcon : ArrowDownIcon;
  const label =
    m.change === null
      ? "Not comparable with the previous period"
      : `${text} against the previous period (${formatValue(m.unit, m.previous)})${toneWord[tone] ? `, ${toneWord[tone]}` : ""}`;
  return (
    <span className={cn("inline-flex items-center gap-0.5 text-sm tabular-nums", toneClass[tone], className)} title={label}>
      {Icon ? <Icon className="size-3.5" aria-hidden="true" /> : null}
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** "12 breached confirmation clocks still open": the words a screen reader reads for a bare count of open breaches. */
function openBreachesWords(count: number, kind?: string): string {
  const n = count.toLocaleString("en-US");
  return `${n} breached ${kind ? `${kind.toLowerCase()} ` : ""}${count === 1 ? "clock" : "clocks"} still open`;
}

const linkClass = "rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring";

/** One KPI: its figure (linked to the records behind it), the change, the secondary figures, the trend, per rep. */
export function KpiCard({ result, range }: Props) {
  const def = kpis[result.id];
  const { headline } = result;
  const titleId = `kpi-${def.id}`;
  const hasTrend = result.series.some((p) => p.value !== null);
  const dimensionRows = result.dimension?.filter((d) => d.count > 0 || (d.openBreaches ?? 0) > 0) ?? [];
  const sla = def.id === "sla-compliance";
  const wide = def.dimension !== null;

  return (
    <Card aria-labelledby={titleId} className={cn("gap-4", wide && "xl:col-span-2")}>
      <CardHeader className="gap-2">
        <div className="flex items-center gap-1">
          <h2 id={titleId} className="font-semibold leading-none">
            {def.label}
          </h2>
          <DefinitionTooltip label={def.label} definition={def.definition} />
        </div>
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <Link href={drillHref(def.id, range, {})} className={cn(linkClass, "text-3xl font-semibold tabular-nums")} aria-label={`${def.label}: ${formatValue(headline.unit, headline.value)}. Show the records behind it`}>
            {formatValue(headline.unit, headline.value)}
          </Link>
          <Change m={headline} />
        </div>
        <p className="text-sm text-muted-foreground">{headline.value === null ? "Nothing to measure in this range." : (headline.detail ?? "\u00a0")}</p>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-x-4 gap-y-2 text-sm">
          {result.secondary.map((m) => (
            <div key={m.id}>
              <dt className="flex items-center gap-0.5 text-muted-foreground">
                {m.label}
                <DefinitionTooltip label={m.label} definition={m.definition} />
              </dt>
              <dd className="flex flex-wrap items-baseline gap-x-2 font-medium tabular-nums">
                {m.id === "open-breaches" && m.value ? (
                  <Link
                    href={drillHref(def.id, range, { view: "open" })}
                    className={cn(linkClass, "text-destructive")}
                    aria-label={`${def.label}: ${openBreachesWords(m.value)}. Show the clocks`}
                  >
                    {formatValue(m.unit, m.value)}
                  </Link>
                ) : (
                  formatValue(m.unit, m.value)
                )}
                {m.id === "open-breaches" ? null : <Change m={m} className="text-xs" />}
              </dd>
            </div>
          ))}
        </dl>

        {def.dimension && dimensionRows.length > 0 ? (
          <table className="w-full text-sm">
            <caption className="sr-only">{def.label} by {def.dimension.label.toLowerCase()}</caption>
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="py-1 font-medium">{def.dimension.label}</th>
                <th scope="col" className="py-1 text-right font-medium">{sla ? "On time" : "Sent"}</th>
                <th scope="col" className="py-1 text-right font-medium">Change</th>
                <th scope="col" className="py-1 text-right font-medium">{sla ? "Due" : "Reached"}</th>
                {sla ? <th scope="col" className="py-1 text-right font-medium">Open breached clocks now</th> : null}
              </tr>
            </thead>
            <tbody>
              {dimensionRows.map((d) => (
                <tr key={d.key} className="border-t">
                  <th scope="row" className="py-1.5 text-left font-normal">{clockKindNames[d.key]}</th>
                  <td className="py-1.5 text-right tabular-nums">
                    {d.count > 0 ? (
                      <Link
                        href={drillHref(def.id, range, { kind: d.key, only: "1" })}
                        className={linkClass}
                        aria-label={`${def.label} — ${clockKindNames[d.key]}: ${formatValue(d.measure.unit, d.measure.value)}. Show the ${sla ? "breached clocks" : "notices not sent"}`}
                      >
                        {formatValue(d.measure.unit, d.measure.value)}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="py-1.5 text-right">
                    <Change m={d.measure} className="text-xs" />
                  </td>
                  <td className="py-1.5 text-right tabular-nums text-muted-foreground">{d.count.toLocaleString("en-US")}</td>
                  {sla ? (
                    <td className="py-1.5 text-right tabular-nums">
                      {d.openBreaches ? (
                        <Link
                          href={drillHref(def.id, range, { kind: d.key, view: "open" })}
                          className={cn(linkClass, "text-destructive")}
                          aria-label={`${def.label} — ${clockKindNames[d.key]}: ${openBreachesWords(d.openBreaches, clockKindNames[d.key])}. Show the clocks`}
                        >
                          {d.openBreaches.toLocaleString("en-US")}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">0</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        {hasTrend ? <TrendChart label={def.label} unit={headline.unit} series={result.series} previous={headline.previous} /> : null}

        {def.perRep && result.perRep && result.perRep.length > 0 ? (
          <details className="group rounded-md border px-3 py-2 text-sm">
            <summary className="cursor-pointer font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring">By rep ({def.perRep.means})</summary>
            <table className="mt-2 w-full">
              <caption className="sr-only">{def.label} by rep</caption>
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="py-1 font-medium">Rep</th>
                  <th scope="col" className="py-1 text-right font-medium">{def.label.replace(/ \(.*\)$/, "")}</th>
                  <th scope="col" className="py-1 text-right font-medium">Counted</th>
                </tr>
              </thead>
              <tbody>
                {result.perRep.map((r) => (
                  <tr key={r.repId ?? "none"} className="border-t">
                    <th scope="row" className="py-1 text-left font-normal">
                      <Link
                        href={drillHref(def.id, range, { rep: r.repId ?? "none" })}
                        className={linkClass}
                        aria-label={`${r.name}: ${def.label} ${formatValue(headline.unit, r.value)}, ${r.count.toLocaleString("en-US")} counted. Show their records`}
                      >
                        {r.name}
                      </Link>
                    </th>
                    <td className="py-1 text-right tabular-nums">{formatValue(headline.unit, r.value)}</td>
                    <td className="py-1 text-right tabular-nums text-muted-foreground">{r.count.toLocaleString("en-US")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
