"use client";

import Link from "next/link";
import { ChannelLabel } from "@/components/orders/channel-label";
import { StatusBadge } from "@/components/orders/status-badge";
import { RiskBadge } from "@/components/sla/risk-badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { QueueRow } from "@/lib/queue/list-queue";
import { clockDueLabels } from "@/lib/sla/clock-labels";
import { cn } from "@/lib/utils";

type Props = {
  rows: QueueRow[];
  selectedId: string | null;
  userId: string;
  timeZone: string;
  pendingOrderId: string | null;
  onSelect: (orderId: string) => void;
  onAssign: (row: QueueRow) => void;
  onRelease: (row: QueueRow) => void;
};

function timeLeft(row: QueueRow): string {
  const words = formatDuration(row.secondsLeft);
  if (row.secondsLeft < 0) return `${words} overdue`;
  return `${words} left`;
}

export function QueueTable({ rows, selectedId, userId, timeZone, pendingOrderId, onSelect, onAssign, onRelease }: Props) {
  return (
    <Table aria-label="Orders by SLA risk" data-testid="queue-table">
      <TableHeader>
        <TableRow>
          <TableHead>Order</TableHead>
          <TableHead>Customer · preferred channel</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Most urgent</TableHead>
          <TableHead>Time left</TableHead>
          <TableHead>Assignee</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const selected = row.orderId === selectedId;
          return (
            <TableRow
              key={row.orderId}
              data-order={row.number}
              aria-selected={selected}
              onClick={() => onSelect(row.orderId)}
              className={cn("cursor-pointer", selected && "bg-accent ring-2 ring-inset ring-ring")}
            >
              <TableCell className="font-medium">
                <Link href={`/orders/${row.number}`} className="text-primary underline-offset-4 hover:underline">
                  {row.number}
                </Link>
              </TableCell>
              <TableCell>
                {/* Long names and addresses are cut with the whole text in a tooltip, so the row keeps its width. */}
                <div className="flex max-w-60 items-center gap-x-2">
                  <span className="min-w-0 truncate" title={row.customerName}>
                    {row.customerName}
                  </span>
                  <span className="inline-flex shrink-0 items-center gap-1 text-xs text-muted-foreground" title="Preferred channel">
                    <ChannelLabel channel={row.preferredChannel} />
                  </span>
                </div>
                {row.customerEmail ? (
                  <div className="max-w-60 truncate text-xs text-muted-foreground" title={row.customerEmail}>
                    {row.customerEmail}
                  </div>
                ) : null}
              </TableCell>
              <TableCell>
                <StatusBadge status={row.status} />
              </TableCell>
              <TableCell className="min-w-36 whitespace-normal">
                <div>{clockDueLabels[row.clockKind]}</div>
                <div className="text-xs text-muted-foreground">{formatDateTime(row.dueAt, timeZone)}</div>
              </TableCell>
              {/* The risk band rides with the time left: one column fewer, and the two are read together. */}
              <TableCell className="tabular-nums">
                <RiskBadge band={row.band} />
                <div className={cn("mt-1", row.secondsLeft < 0 && "font-medium text-destructive")}>{timeLeft(row)}</div>
                {row.timeBase === "business" ? <div className="text-xs text-muted-foreground">business hours</div> : null}
              </TableCell>
              <TableCell>
                {row.assigneeId === userId ? (
                  <Button size="sm" variant="outline" disabled={pendingOrderId === row.orderId} onClick={(e) => (e.stopPropagation(), onRelease(row))}>
                    Release
                  </Button>
                ) : row.assigneeId ? (
                  <div className="max-w-36 truncate" title={row.assigneeName ?? undefined}>
                    {row.assigneeName}
                  </div>
                ) : (
                  <Button size="sm" variant="secondary" disabled={pendingOrderId === row.orderId} onClick={(e) => (e.stopPropagation(), onAssign(row))}>
                    Assign to me
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
