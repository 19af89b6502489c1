import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/filters/filter-select";
import { InquiryClockBadge, InquiryStatusBadge } from "@/components/inquiries/inquiry-badges";
import { ChannelLabel } from "@/components/orders/channel-label";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { formatDateTime, formatDuration } from "@/lib/format";
import { inquiryListFiltersSchema, inquiryStatusLabels } from "@/lib/inquiries/inquiry-schemas";
import { firstLine, listInquiries, type InquiryListRow } from "@/lib/inquiries/list-inquiries";
import { viewerTimeZone } from "@/lib/viewer";
import { LogInquiryButton } from "./log-inquiry-dialog";
import { firstSearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Inquiries" };

const statusOptions = [
  { value: "active", label: "Not resolved" },
  { value: "open", label: inquiryStatusLabels.open },
  { value: "waiting_customer", label: inquiryStatusLabels.waiting_customer },
  { value: "answered", label: inquiryStatusLabels.answered },
  { value: "resolved", label: inquiryStatusLabels.resolved },
];

export default async function InquiriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireScreen("inquiries");
  const flat = firstSearchParams(await searchParams);
  const filters = inquiryListFiltersSchema.parse(flat);
  const now = new Date();
  const [{ rows, more }, timeZone] = await Promise.all([listInquiries(await getDb(), { filters, now }), viewerTimeZone()]);
  const resolved = filters.status === "resolved";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Inquiries</h1>
          <p className="text-sm text-muted-foreground">
            {resolved
              ? "Resolved questions, the latest first."
              : "Customer questions, the most urgent first: every question is answered within 24 hours (SOP 002 §4.3). Those waiting on the customer come after, their clock paused."}
          </p>
        </div>
        <LogInquiryButton />
      </div>

      {/* A plain GET form: the filter lives in the URL and works without JavaScript. */}
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-3" role="search" aria-label="Filter inquiries">
        <FilterSelect id="status" label="Status" value={filters.status} options={statusOptions} />
        <div className="flex items-end gap-2">
          <Button type="submit">Apply filters</Button>
          {filters.status !== "active" ? (
            <Button asChild variant="ghost">
              <Link href="/inquiries">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">{resolved ? "No resolved inquiries." : "No inquiries waiting."}</p>
          <p className="text-sm text-muted-foreground">Questions from tracking pages, and those logged by a rep, appear here until they are resolved.</p>
        </div>
      ) : (
        <Table data-testid="inquiries-table">
          <TableHeader>
            <TableRow>
              <TableHead>Question</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Order</TableHead>
              <TableHead>Came in by</TableHead>
              <TableHead>{resolved ? "Resolved" : "Age"}</TableHead>
              <TableHead>Reply clock</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <InquiryRow key={row.id} row={row} now={now} timeZone={timeZone} />
            ))}
          </TableBody>
        </Table>
      )}
      {more ? <p className="text-sm text-muted-foreground">Showing the first {rows.length}; narrow the list by status.</p> : null}
    </div>
  );
}

function InquiryRow({ row, now, timeZone }: { row: InquiryListRow; now: Date; timeZone: string }) {
  return (
    <TableRow data-testid="inquiry-row">
      <TableCell className="max-w-xs space-y-1">
        <Link href={`/inquiries/${row.id}`} className="block truncate font-medium text-primary underline-offset-4 hover:underline" title={row.body}>
          {firstLine(row.body) || "(no text)"}
        </Link>
        <InquiryStatusBadge status={row.status} />
      </TableCell>
      <TableCell>
        <div>{row.customerName}</div>
        {row.customerEmail ? <div className="text-xs text-muted-foreground">{row.customerEmail}</div> : null}
      </TableCell>
      <TableCell>
        {row.orderNumber ? (
          <Link href={`/orders/${row.orderNumber}#inquiries`} className="text-primary underline-offset-4 hover:underline">
            {row.orderNumber}
          </Link>
        ) : (
          <span className="text-muted-foreground">No order</span>
        )}
      </TableCell>
      <TableCell>
        <ChannelLabel channel={row.channel} />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        {row.status === "resolved" ? (
          formatDateTime(row.resolvedAt, timeZone)
        ) : (
          <span title={formatDateTime(row.createdAt, timeZone)}>{formatDuration((now.getTime() - row.createdAt.getTime()) / 1000)}</span>
        )}
      </TableCell>
      <TableCell>
        <div className="space-y-1">
          <InquiryClockBadge clock={row.clock} now={now} />
          {row.clock?.state === "open" ? <div className="text-xs whitespace-nowrap text-muted-foreground">Reply by {formatDateTime(row.clock.dueAt, timeZone)}</div> : null}
        </div>
      </TableCell>
    </TableRow>
  );
}
