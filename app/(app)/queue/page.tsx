import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FilterSelect } from "@/components/filters/filter-select";
import { getDb } from "@/db/client";
import { clockKinds, orderStatuses } from "@/db/schema";
import { canOpen } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { humanize } from "@/lib/format";
import { listQueue, queueCounts } from "@/lib/queue/list-queue";
import { parseQueueFilters, queueFiltersToSearch } from "@/lib/queue/queue-filters";
import { clockDueLabels } from "@/lib/sla/clock-labels";
import { breachedClocksWords, countOpenBreaches, ordersWords, type OpenBreaches } from "@/lib/sla/open-breaches";
import { riskBandLabels, riskBands } from "@/lib/sla/risk";
import { cn } from "@/lib/utils";
import { viewerTimeZone } from "@/lib/viewer";
import { QueueView } from "./queue-view";

export const metadata: Metadata = { title: "Queue" };

const statusOptions = orderStatuses.map((s) => ({ value: s, label: humanize(s) }));
const assigneeOptions = [
  { value: "anyone", label: "Anyone" },
  { value: "mine", label: "Mine" },
  { value: "unassigned", label: "Unassigned" },
];
const bandTone = { breached: "text-destructive", critical: "text-warning", at_risk: "", on_track: "text-success" } as const;

const noteLink = "font-medium text-primary underline-offset-4 hover:underline";

/** For supervisors: the breached orders' clocks, the unit of the overview and the KPI page, and where they are listed. */
function BreachedClocksNote({ breaches, orders, overview }: { breaches: OpenBreaches; orders: number; overview: boolean }) {
  return (
    <p className="text-sm text-muted-foreground" data-testid="queue-breached-clocks">
      <Link href="/kpis/sla-compliance?view=open" className={noteLink}>
        {breachedClocksWords(breaches.clocks)}
      </Link>{" "}
      {breaches.clocks === 1 ? "is" : "are"} open on these {ordersWords(orders)} (an order can have several)
      {breaches.withoutOrder > 0 ? `; ${breaches.withoutOrder.toLocaleString("en-US")} of the clocks are about no order` : ""}.{" "}
      {overview ? (
        <Link href="/supervisor" className={noteLink}>
          Supervisor overview
        </Link>
      ) : null}
    </p>
  );
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireScreen("queue");
  const filters = parseQueueFilters(await searchParams);
  const db = await getDb();
  const now = new Date();
  // Breached clocks (the KPI page's unit) only for those who can open the KPI page, where they are listed.
  const seesClocks = canOpen(user.role, "kpis");
  const [page, counts, timeZone, breaches] = await Promise.all([
    listQueue(db, { filters, userId: user.id, now }),
    queueCounts(db, now),
    viewerTimeZone(),
    seesClocks ? countOpenBreaches(db, now) : null,
  ]);
  const search = queueFiltersToSearch(filters);
  const filtered = search !== "";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Queue</h1>
          <p className="text-sm text-muted-foreground">Orders with an open SLA clock, the most urgent first.</p>
        </div>
        <p className="text-sm" data-testid="breaching-soon">
          <span className="font-semibold tabular-nums">{counts.breachingWithinHour}</span> breaching in the next hour
        </p>
      </div>

      <nav aria-label="Orders by risk band" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {riskBands.map((band) => (
          <Link
            key={band}
            href={`/queue${queueFiltersToSearch({ ...filters, band: filters.band === band ? undefined : band, after: undefined })}`}
            aria-current={filters.band === band ? "true" : undefined}
            className={cn("rounded-lg border p-3 hover:bg-accent", filters.band === band && "ring-2 ring-ring")}
          >
            <div className="text-xs text-muted-foreground">{riskBandLabels[band]}</div>
            {/* The queue counts orders (one row each), whatever number of clocks each has running. */}
            <div className="flex items-baseline gap-1">
              <span className={cn("text-2xl font-semibold tabular-nums", bandTone[band])} data-testid={`count-${band}`}>
                {counts[band].toLocaleString("en-US")}
              </span>
              <span className="text-xs text-muted-foreground">{counts[band] === 1 ? "order" : "orders"}</span>
            </div>
          </Link>
        ))}
      </nav>
      {breaches ? <BreachedClocksNote breaches={breaches} orders={counts.breached} overview={canOpen(user.role, "supervisor")} /> : null}

      {/* next/form: a client-side navigation with JavaScript, a plain GET without it. */}
      <Form action="/queue" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the queue">
        <div className="space-y-1 lg:col-span-2">
          <Label htmlFor="queue-search">Search</Label>
          <Input id="queue-search" name="q" defaultValue={filters.q} placeholder="Order number, customer name or email" />
        </div>
        <FilterSelect id="band" label="Risk" value={filters.band} anyLabel="Any risk" options={riskBands.map((b) => ({ value: b, label: riskBandLabels[b] }))} />
        <FilterSelect id="kind" label="Clock" value={filters.kind} anyLabel="Any clock" options={clockKinds.map((k) => ({ value: k, label: clockDueLabels[k] }))} />
        <FilterSelect id="status" label="Status" value={filters.status} anyLabel="Any status" options={statusOptions} />
        <FilterSelect id="assignee" label="Assignee" value={filters.assignee} options={assigneeOptions} />
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <Button type="submit">Apply filters</Button>
          {filtered ? (
            <Button asChild variant="ghost">
              <Link href="/queue">Clear</Link>
            </Button>
          ) : null}
        </div>
      </Form>

      <QueueView key={search} initialPage={page} search={search} userId={user.id} timeZone={timeZone} />

      <nav aria-label="Pagination" className="flex justify-end gap-2 text-sm">
        {filters.after ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/queue${queueFiltersToSearch({ ...filters, after: undefined })}`}>First page</Link>
          </Button>
        ) : null}
        {page.nextCursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/queue${queueFiltersToSearch({ ...filters, after: page.nextCursor })}`} rel="next">
              Next page
            </Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}
