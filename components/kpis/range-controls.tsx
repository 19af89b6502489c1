"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { granularities, granularityLabels, rangePresetLabels, rangePresets, rangeQuery, type KpiRange } from "@/lib/kpis/range";
import { cn } from "@/lib/utils";
import { KpiNavLink, useKpiNavigation } from "./kpi-navigation";

type Props = {
  range: Pick<KpiRange, "preset" | "from" | "to" | "granularity">;
  basePath: string;
  extra?: Record<string, string | undefined>;
  /** The trend's granularity; pages without a trend leave it out. */
  showGranularity?: boolean;
};

const pill =
  "inline-flex h-8 items-center rounded-md border px-3 text-sm font-medium outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 aria-[current=true]:border-primary aria-[current=true]:bg-primary aria-[current=true]:text-primary-foreground";

/**
 * Presets, custom dates and granularity; every choice is a URL, so a view can be shared and reloaded. Render it with
 * a key of the range's dates, so the date fields start over when the range changes.
 */
export function RangeControls({ range, basePath, extra = {}, showGranularity = true }: Props) {
  const { navigate, pending } = useKpiNavigation();
  const [from, setFrom] = React.useState(range.from);
  const [to, setTo] = React.useState(range.to);
  const presetHref = (preset: string) => `${basePath}?${new URLSearchParams({ range: preset, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v)) })}`;
  const invalid = from > to;

  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg border p-3">
      <div className="space-y-1">
        <span className="text-sm font-medium" id="kpi-range-label">
          Range
        </span>
        <div role="group" aria-labelledby="kpi-range-label" className="flex flex-wrap gap-1.5">
          {rangePresets.map((preset) => (
            <KpiNavLink key={preset} href={presetHref(preset)} className={pill} aria-current={range.preset === preset}>
              {rangePresetLabels[preset]}
            </KpiNavLink>
          ))}
        </div>
      </div>
      <form
        method="get"
        action={basePath}
        className="flex flex-wrap items-end gap-2"
        aria-label="Custom range"
        onSubmit={(event) => {
          event.preventDefault();
          if (invalid) return;
          navigate(`${basePath}${rangeQuery({ preset: "custom", from, to, granularity: range.granularity }, extra)}`);
        }}
      >
        <input type="hidden" name="range" value="custom" />
        <input type="hidden" name="by" value={range.granularity} />
        {Object.entries(extra).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <div className="space-y-1">
          <Label htmlFor="kpi-from">From</Label>
          <Input id="kpi-from" name="from" type="date" required value={from} max={to} onChange={(e) => setFrom(e.target.value)} className="w-40" />
        </div>
        <div className="space-y-1">
          <Label htmlFor="kpi-to">To</Label>
          <Input id="kpi-to" name="to" type="date" required value={to} min={from} onChange={(e) => setTo(e.target.value)} className="w-40" aria-invalid={invalid || undefined} />
        </div>
        <Button type="submit" variant={range.preset === "custom" ? "default" : "outline"} size="sm" disabled={pending || invalid}>
          Apply dates
        </Button>
      </form>
      {showGranularity ? (
        <div className="space-y-1">
          <span className="text-sm font-medium" id="kpi-granularity-label">
            Trend by
          </span>
          <div role="group" aria-labelledby="kpi-granularity-label" className="flex gap-1.5">
            {granularities.map((g) => (
              <KpiNavLink key={g} href={`${basePath}${rangeQuery({ ...range, granularity: g }, extra)}`} className={cn(pill)} aria-current={range.granularity === g}>
                {granularityLabels[g]}
              </KpiNavLink>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
