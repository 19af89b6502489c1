import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/filters/filter-select";
import { RiskBadge } from "@/components/sla/risk-badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requestKinds } from "@/db/schema";
import { requireScreen } from "@/lib/auth/session";
import { formatDateTime, formatDuration, humanize } from "@/lib/format";
import { listRequests, type RequestListRow } from "@/lib/requests/list-requests";
import { describeRequest } from "@/lib/requests/request-changes";
import { requestKindLabels, requestListFiltersSchema } from "@/lib/requests/request-schemas";
import { clockDueLabels } from "@/lib/sla/clock-labels";
import { viewerTimeZone } from "@/lib/viewer";
import { firstSearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Requests" };

const kindOptions = requestKinds.map((k) => ({ value: k, label: requestKindLabels[k] }));
const statusOptions = [
  { value: "open", label: "Open" },
  { value: "decided", label: "Decided" },
];
const sourceLabels = { customer: "Tracking page", rep: "Rep (call or email)" } as const;

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireScreen("requests");
  const flat = firstSearchParams(await searchParams);
  const filters = requestListFiltersSchema.parse(flat);
  const now = new Date();
  const [{ rows, more }, timeZone] = await Promise.all([listRequests(await getDb(), { filters, now }), viewerTimeZone()]);
  const open = filters.status === "open";

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Requests</h1>
        <p className="text-sm text-muted-foreground">
          {open
            ? "Modification and cancellation requests waiting for a decision, the most urgent first (acknowledge within 1 business hour, decide within 24 hours)."
            : "Decided and withdrawn requests, the latest decision first."}
        </p>
      </div>

      {/* A plain GET form: the filters live in the URL and work without JavaScript. */}
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-3" role="search" aria-label="Filter requests">
        <FilterSelect id="status" label="Status" value={filters.status} options={statusOptions} />
        <FilterSelect id="kind" label="Kind" value={filters.kind} anyLabel="Any kind" options={kindOptions} />
        <div className="flex items-end gap-2">
          <Button type="submit">Apply filters</Button>
          {filters.kind || !open ? (
            <Button asChild variant="ghost">
              <Link href="/requests">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">{open ? "No open requests." : "No decided requests match."}</p>
          <p className="text-sm text-muted-foreground">
            {open ? "Requests logged by a rep or sent from a tracking page appear here until they are decided." : "Try another kind."}
          </p>
        </div>
      ) : (
        <Table data-testid="requests-table">
          <TableHeader>
            <TableRow>
              <TableHead>Order</TableHead>
              <TableHead>Request</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Source</TableHead>
              <TableHead>{open ? "Age" : "Decision"}</TableHead>
              <TableHead>Clock</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <RequestRow key={row.id} row={row} now={now} timeZone={timeZone} />
            ))}
          </TableBody>
        </Table>
      )}
      {more ? <p className="text-sm text-muted-foreground">Showing the first {rows.length}; narrow the list with a kind.</p> : null}
    </div>
  );
}

function RequestRow({ row, now, timeZone }: { row: RequestListRow; now: Date; timeZone: string }) {
  return (
    <TableRow>
      <TableCell className="font-medium">
        <Link href={`/orders/${row.orderNumber}#requests`} className="text-primary underline-offset-4 hover:underline">
          {row.orderNumber}
        </Link>
      </TableCell>
      <TableCell>
        <div>{requestKindLabels[row.kind]}</div>
        <div className="max-w-xs truncate text-xs text-muted-foreground" title={describeRequest(row.kind, row.payload)}>{describeRequest(row.kind, row.payload)}</div>
      </TableCell>
      <TableCell>{row.customerName}</TableCell>
      <TableCell>{sourceLabels[row.source]}</TableCell>
      <TableCell className="whitespace-nowrap">
        {row.status === "open" ? (
          <span title={formatDateTime(row.createdAt, timeZone)}>{formatDuration((now.getTime() - row.createdAt.getTime()) / 1000)}</span>
        ) : (
          <>
            <div>{humanize(row.status)}</div>
            <div className="text-xs text-muted-foreground">
              {row.decidedByName ? `${row.decidedByName}, ` : ""}
              {formatDateTime(row.decidedAt, timeZone)}
            </div>
          </>
        )}
      </TableCell>
      <TableCell>
        {row.clock ? (
          <div className="space-y-1">
            <RiskBadge band={row.clock.band} />
            <div className="text-xs whitespace-nowrap text-muted-foreground">{clockDueLabels[row.clock.kind]}</div>
            <div className="text-xs whitespace-nowrap text-muted-foreground">{formatDateTime(row.clock.dueAt, timeZone)}</div>
          </div>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </TableCell>
    </TableRow>
  );
}
