"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type SeriesPoint } from "@/lib/kpis/measures";
import type { KpiUnit } from "@/lib/kpis/registry";

type Props = { label: string; unit: KpiUnit; series: SeriesPoint[]; previous: number | null };

// Axis ticks: whole percentages and short durations, so the axis stays narrow.
function tick(unit: KpiUnit, value: number): string {
  if (unit === "percent") return `${Number((value * 100).toFixed(1))}%`;
  if (unit === "duration") return value >= 86_400 ? `${Math.round(value / 86_400)}d` : value >= 3600 ? `${Math.round(value / 3600)}h` : `${Math.round(value / 60)}m`;
  // Ratings move in hundredths (4.21 → 4.24): one decimal would print the same tick twice.
  return unit === "rating" ? value.toFixed(2) : String(value);
}

/** The KPI per bucket of the range, with the previous period's figure as a dashed line; a table for screen readers. */
export function TrendChart({ label, unit, series, previous }: Props) {
  const data = series.map((p) => ({ label: p.label, value: p.value }));
  return (
    <figure className="space-y-1">
      <div aria-hidden="true">
        <LineChart responsive data={data} style={{ width: "100%", height: 140 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} minTickGap={16} />
          <YAxis width={52} tickLine={false} axisLine={false} fontSize={11} tickFormatter={(v: number) => tick(unit, v)} domain={unit === "percent" ? [(min: number) => Math.max(0, Math.floor(min * 100 - 1) / 100), 1] : ["auto", "auto"]} />
          <Tooltip
            formatter={(v) => [formatValue(unit, typeof v === "number" ? v : null), label]}
            contentStyle={{ background: "var(--color-popover)", border: "1px solid var(--color-border)", borderRadius: 6, fontSize: 12 }}
          />
          {previous !== null ? <ReferenceLine y={previous} stroke="var(--color-muted-foreground)" strokeDasharray="4 4" /> : null}
          <Line type="monotone" dataKey="value" stroke="var(--color-primary)" strokeWidth={2} dot={series.length <= 31} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        Trend{previous !== null ? "; dashed line: the previous period" : ""}
      </figcaption>
      <table className="sr-only">
        <caption>{label} per period</caption>
        <tbody>
          {series.map((p) => (
            <tr key={p.bucket}>
              <th scope="row">{p.label}</th>
              <td>{formatValue(unit, p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
