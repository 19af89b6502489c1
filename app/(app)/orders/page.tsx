import type { Metadata } from "next";
import Link from "next/link";
import { ChannelLabel } from "@/components/orders/channel-label";
import { StatusBadge } from "@/components/orders/status-badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FilterSelect } from "@/components/filters/filter-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { channels, orderStatuses } from "@/db/schema";

const statusOptions = orderStatuses.map((s) => ({ value: s, label: humanize(s) }));
import { canOpen, screens } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { channelLabels, formatDate, formatDateTime, formatMoney, humanize } from "@/lib/format";
import { listOrders } from "@/lib/orders/list-orders";
import { orderFiltersToQuery, parseOrderFilters } from "@/lib/orders/order-filters";
import { viewerTimeZone } from "@/lib/viewer";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireScreen("orders");
  const filters = parseOrderFilters(await searchParams);
  const [result, timeZone] = await Promise.all([listOrders(await getDb(), filters), viewerTimeZone()]);
  const filtered = Boolean(filters.q || filters.status || filters.channel || filters.from || filters.to);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
        <div className="flex items-center gap-3">
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {result.total.toLocaleString("en-US")} {result.total === 1 ? "order" : "orders"}
          </p>
          {canOpen(user.role, "phoneOrder") ? (
            <Button asChild size="sm">
              <Link href={screens.phoneOrder.href}>{screens.phoneOrder.label}</Link>
            </Button>
          ) : null}
        </div>
      </div>

      {/* A plain GET form: filters live in the URL and work without JavaScript. */}
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-6" role="search" aria-label="Filter orders">
        <div className="space-y-1 lg:col-span-2">
          <Label htmlFor="q">Search</Label>
          <Input id="q" name="q" defaultValue={filters.q} placeholder="Order number, customer name or email" />
        </div>
        <FilterSelect id="status" label="Status" value={filters.status} anyLabel="Any status" options={statusOptions} />
        <FilterSelect id="channel" label="Preferred channel" value={filters.channel} anyLabel="Any channel" options={channels.map((c) => ({ value: c, label: channelLabels[c] }))} />
        <div className="space-y-1">
          <Label htmlFor="from">Placed from</Label>
          <Input id="from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="to">Placed to</Label>
          <Input id="to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
          <Button type="submit">Apply filters</Button>
          {filtered ? (
            <Button asChild variant="ghost">
              <Link href="/orders">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {result.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">No orders match these filters.</p>
          <p className="text-sm text-muted-foreground">Try a wider date range or clear the search.</p>
        </div>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Order</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Placed</TableHead>
              <TableHead>Promised</TableHead>
              <TableHead>Channel</TableHead>
              <TableHead className="text-right">Total</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell className="font-medium">
                  <Link href={`/orders/${row.number}`} className="text-primary underline-offset-4 hover:underline">
                    {row.number}
                  </Link>
                </TableCell>
                <TableCell>
                  <div>{row.customerName}</div>
                  <div className="text-xs text-muted-foreground">{row.customerEmail}</div>
                </TableCell>
                <TableCell>
                  <StatusBadge status={row.status} />
                </TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(row.placedAt, timeZone)}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDate(row.promisedDeliveryDate)}</TableCell>
                <TableCell>
                  <ChannelLabel channel={row.preferredChannel} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(row.totalCents, row.currency)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted-foreground">
          Page {result.page} of {result.pageCount}
        </span>
        <div className="flex gap-2">
          {result.page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/orders${orderFiltersToQuery(filters, result.page - 1)}`} rel="prev">
                Previous
              </Link>
            </Button>
          ) : null}
          {result.page < result.pageCount ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/orders${orderFiltersToQuery(filters, result.page + 1)}`} rel="next">
                Next
              </Link>
            </Button>
          ) : null}
        </div>
      </nav>
    </div>
  );
}
