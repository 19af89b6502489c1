import type { Metadata } from "next";
import Link from "next/link";
import { EscalationStatusBadge, ResponseClockBadge, SeverityBadge } from "@/components/escalations/escalation-badges";
import { FilterSelect } from "@/components/filters/filter-select";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { severities } from "@/db/schema";
import { requireScreen } from "@/lib/auth/session";
import { escalationQueueFiltersSchema, severityLabels } from "@/lib/escalations/escalation-schemas";
import { listEscalationQueue, type EscalationRow } from "@/lib/escalations/list-escalations";
import { formatDateTime, formatDuration } from "@/lib/format";
import { firstLine } from "@/lib/inquiries/list-inquiries";
import { requestKindLabels } from "@/lib/requests/request-schemas";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";
import { viewerTimeZone } from "@/lib/viewer";

export const metadata: Metadata = { title: "Escalations" };

const statusOptions = [
  { value: "active", label: "Open and acknowledged" },
  { value: "open", label: "Open (not yet acknowledged)" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
];
const severityOptions = severities.map((s) => ({ value: s, label: severityLabels[s] }));
const assigneeOptions = [{ value: "1", label: "Assigned to me" }];

export default async function EscalationsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await requireScreen("escalations");
  const filters = escalationQueueFiltersSchema.parse(firstSearchParams(await searchParams));
  const now = new Date();
  const [{ rows, more }, timeZone] = await Promise.all([listEscalationQueue(await getDb(), { filters, viewerId: user.id, now }), viewerTimeZone()]);
  const resolved = filters.status === "resolved";
  const filtered = filters.status !== "active" || filters.severity || filters.mine;

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Escalations</h1>
        <p className="text-sm text-muted-foreground">
          {resolved
            ? "Resolved escalations, the latest first."
            : "Escalations still owed a response or an outcome: unacknowledged ones first, the most overdue on top (acknowledge within 4 business hours)."}
        </p>
      </div>

      {/* A plain GET form: the filters live in the URL and work without JavaScript. */}
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-4" role="search" aria-label="Filter escalations">
        <FilterSelect id="status" label="Status" value={filters.status} options={statusOptions} />
        <FilterSelect id="severity" label="Severity" value={filters.severity} anyLabel="Any severity" options={severityOptions} />
        <FilterSelect id="mine" label="Assignee" value={filters.mine} anyLabel="Anyone" options={assigneeOptions} />
        <div className="flex items-end gap-2">
          <Button type="submit">Apply filters</Button>
          {filtered ? (
            <Button asChild variant="ghost">
              <Link href="/escalations">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">{filtered ? "No escalations match these filters." : "No open escalations."}</p>
          <p className="text-sm text-muted-foreground">
            {filtered
              ? "Try another status or severity, or clear the filters."
              : "Escalations raised from an order, a request or an inquiry — and clocks breached by more than their allowance — appear here."}
          </p>
        </div>
      ) : (
        <Table data-testid="escalations-table">
          <TableHeader>
            <TableRow>
              <TableHead>About</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Severity</TableHead>
              <TableHead>Raised by</TableHead>
              <TableHead>{resolved ? "Resolved" : "Age"}</TableHead>
              <TableHead>Response</TableHead>
              <TableHead>Assignee</TableHead>
              <TableHead>Status</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <EscalationQueueRow key={row.id} row={row} now={now} timeZone={timeZone} resolved={resolved} />
            ))}
          </TableBody>
        </Table>
      )}
      {more ? <p className="text-sm text-muted-foreground">Showing the first {rows.length}; narrow the list with a severity or &ldquo;Assigned to me&rdquo;.</p> : null}
    </div>
  );
}

function Subject({ row }: { row: EscalationRow }) {
  const { orderNumber, requestKind, inquiryId, inquiryText } = row.subject;
  return (
    <div className="space-y-0.5">
      {orderNumber ? (
        <Link href={`/orders/${orderNumber}#escalations`} className="font-medium text-primary underline-offset-4 hover:underline">
          {orderNumber}
        </Link>
      ) : null}
      {requestKind ? (
        <div className="text-xs">
          {orderNumber ? (
            <Link href={`/orders/${orderNumber}#requests`} className="text-primary underline-offset-4 hover:underline">
              Request: {requestKindLabels[requestKind]}
            </Link>
          ) : (
            `Request: ${requestKindLabels[requestKind]}`
          )}
        </div>
      ) : null}
      {inquiryId ? (
        <div className="max-w-48 truncate text-xs">
          <Link href={`/inquiries/${inquiryId}`} className="text-primary underline-offset-4 hover:underline" title={inquiryText ?? undefined}>
            Inquiry: {firstLine(inquiryText ?? "", 60) || "(no text)"}
          </Link>
        </div>
      ) : null}
    </div>
  );
}

function EscalationQueueRow({ row, now, timeZone, resolved }: { row: EscalationRow; now: Date; timeZone: string; resolved: boolean }) {
  return (
    <TableRow data-testid="escalation-row">
      <TableCell>
        <Subject row={row} />
      </TableCell>
      <TableCell className="max-w-xs min-w-48 whitespace-normal">
        <Link href={`/escalations/${row.id}`} className="text-primary underline-offset-4 hover:underline">
          {row.reason}
        </Link>
      </TableCell>
      <TableCell>
        <SeverityBadge severity={row.severity} />
      </TableCell>
      <TableCell>{row.automatic ? "System" : (row.raisedByName ?? "—")}</TableCell>
      <TableCell className="whitespace-nowrap">
        {resolved ? (
          formatDateTime(row.resolvedAt, timeZone)
        ) : (
          <span title={formatDateTime(row.createdAt, timeZone)}>{formatDuration((now.getTime() - row.createdAt.getTime()) / 1000)}</span>
        )}
      </TableCell>
      <TableCell>
        <div className="space-y-1">
          <ResponseClockBadge clock={row.clock} />
          {row.clock && row.clock.state === "open" ? <div className="text-xs whitespace-nowrap text-muted-foreground">Due {formatDateTime(row.clock.dueAt, timeZone)}</div> : null}
        </div>
      </TableCell>
      <TableCell>{row.assigneeName ?? <span className="text-muted-foreground">Unassigned</span>}</TableCell>
      <TableCell>
        <EscalationStatusBadge status={row.status} />
      </TableCell>
    </TableRow>
  );
}
