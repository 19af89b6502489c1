import Link from "next/link";
import { FilterSelect } from "@/components/filters/filter-select";
import { GetFilterForm } from "@/components/filters/get-filter-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { carriers } from "@/db/schema/enums";
import { ageChoices, hasBoardFilters, promisedPresets, type BoardFilters } from "@/lib/orders/board-filters";
import { carrierLabels } from "@/lib/orders/tracking";

const carrierOptions = carriers.map((c) => ({ value: c, label: carrierLabels[c] }));
const ageOptions = ageChoices.map((n) => ({ value: String(n), label: n === 1 ? "More than 1 day ago" : `More than ${n} days ago` }));

/**
 * The board's search and filters: a GET form (the URL is the state; it works without JavaScript). Every column
 * counts and pages under them; the carrier narrows only the columns whose orders have one.
 */
export function BoardFiltersForm({ filters }: { filters: BoardFilters }) {
  const ageValue = filters.age ? String(filters.age) : undefined;
  // A bookmarked age that is not one of the choices still shows as chosen.
  const ages = ageValue && !ageOptions.some((o) => o.value === ageValue) ? [...ageOptions, { value: ageValue, label: `More than ${ageValue} days ago` }] : ageOptions;
  return (
    <GetFilterForm action="/fulfillment" role="search" aria-label="Search and filter the board" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-6">
      <div className="space-y-1 sm:col-span-2">
        <Label htmlFor="board-q">Search</Label>
        <Input id="board-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} placeholder="Order number, customer name or email" />
      </div>
      <FilterSelect id="promised" label="Promised delivery" value={filters.promised} anyLabel="Any date" options={promisedPresets} />
      <div className="space-y-1">
        <Label htmlFor="on">Promised on</Label>
        <Input id="on" name="on" type="date" defaultValue={filters.on ?? ""} />
      </div>
      <FilterSelect id="age" label="Placed" value={ageValue} anyLabel="Any time" options={ages} />
      <div className="space-y-1">
        <FilterSelect id="carrier" label="Carrier" value={filters.carrier} anyLabel="Any carrier" options={carrierOptions} />
        <p className="text-xs text-muted-foreground">Shipped and in transit only.</p>
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
        <Button type="submit">Apply filters</Button>
        {hasBoardFilters(filters) ? (
          <Button asChild variant="ghost">
            <Link href="/fulfillment">Clear filters</Link>
          </Button>
        ) : null}
      </div>
    </GetFilterForm>
  );
}
