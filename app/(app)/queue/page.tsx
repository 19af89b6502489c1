import type { Metadata } from "next";
import Link from "next/link";
import { ChannelLabel } from "@/components/orders/channel-label";
import { StatusBadge } from "@/components/orders/status-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { formatDateTime, formatDuration, humanize } from "@/lib/format";
import { listOpenClocks } from "@/lib/sla/open-clocks";
import { viewerTimeZone } from "@/lib/viewer";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  await requireScreen("queue");
  const [rows, timeZone] = await Promise.all([listOpenClocks(await getDb(), 100), viewerTimeZone()]);
  const now = new Date().getTime();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Queue</h1>
        <p className="text-sm text-muted-foreground">Open customer obligations, the most urgent first.</p>
      </div>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">Nothing is due. Every customer is up to date.</p>
        </div>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Order</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Due</TableHead>
              <TableHead>Time left</TableHead>
              <TableHead>Channel</TableHead>
              <TableHead>Assignee</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => {
              const left = (row.dueAt.getTime() - now) / 1000;
              return (
                <TableRow key={row.clockId}>
                  <TableCell className="font-medium">
                    <Link href={`/orders/${row.orderNumber}`} className="text-primary underline-offset-4 hover:underline">
                      {row.orderNumber}
                    </Link>
                  </TableCell>
                  <TableCell>{row.customerName}</TableCell>
                  <TableCell>
                    <StatusBadge status={row.orderStatus} />
                  </TableCell>
                  <TableCell>
                    <div>{humanize(row.kind)} due</div>
                    <div className="text-xs text-muted-foreground">{formatDateTime(row.dueAt, timeZone)}</div>
                  </TableCell>
                  <TableCell>
                    {left < 0 ? <Badge variant="destructive">Overdue {formatDuration(-left)}</Badge> : <Badge variant="secondary">{formatDuration(left)}</Badge>}
                  </TableCell>
                  <TableCell>
                    <ChannelLabel channel={row.preferredChannel} />
                  </TableCell>
                  <TableCell>{row.assigneeName ?? <span className="text-muted-foreground">Unassigned</span>}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
