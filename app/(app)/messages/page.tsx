import type { Metadata } from "next";
import Link from "next/link";
import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { ChannelLabel } from "@/components/orders/channel-label";
import { ReviewScoreBadge } from "@/components/messages/review-score-badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { canOpen } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { deliveryConfigFromEnv, LOCAL_OUTBOX, localOutboxChannels } from "@/lib/delivery/providers";
import { formatDateTime, humanize } from "@/lib/format";
import { messageLogQuery, parseMessageLogFilters } from "@/lib/messages/log-filters";
import { listMessages, messageSenderOptions } from "@/lib/messages/message-log";
import { describePeriod } from "@/lib/messages/period";
import { viewerTimeZone } from "@/lib/viewer";
import { ExportButton } from "./export-button";
import { MessageFilters } from "./message-filters";

export const metadata: Metadata = { title: "Messages" };

/** "No email/SMS provider configured", "No SMS provider configured"… or null when both deliver for real. */
function localOutboxNotice(): string | null {
  const local = localOutboxChannels(deliveryConfigFromEnv());
  if (local.length === 0) return null;
  const names = local.map((c) => (c === "email" ? "email" : "SMS")).join("/");
  return `No ${names} provider configured: messages are delivered to this local outbox.`;
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireScreen("messages");
  const { filters, ignored } = parseMessageLogFilters(await searchParams);
  const timeZone = await viewerTimeZone();
  const db = await getDb();
  const [page, senders] = await Promise.all([listMessages(db, filters, { timeZone, now: new Date() }), messageSenderOptions(db)]);
  const reviewer = canOpen(user.role, "messageQuality");
  const notice = localOutboxNotice();
  const period = describePeriod(page.period);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Messages</h1>
          <p className="text-sm text-muted-foreground">Every email, SMS, call and portal post to customers, newest first.</p>
        </div>
        {reviewer ? (
          <Button asChild variant="outline">
            <Link href="/messages/quality">Quality review</Link>
          </Button>
        ) : null}
      </div>

      {notice ? (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-warning bg-warning/10 p-4 text-sm">
          <p>{notice}</p>
          {filters.provider === LOCAL_OUTBOX ? null : (
            <Link href={`/messages${messageLogQuery({ ...filters, provider: LOCAL_OUTBOX })}`} className="font-medium text-primary underline-offset-4 hover:underline">
              Show the local outbox
            </Link>
          )}
        </div>
      ) : null}

      {/* Keyed by the filters: after "Clear filters" or a link to other filters, no field keeps a stale value. */}
      <MessageFilters key={messageLogQuery(filters)} filters={filters} senders={senders} />

      {ignored.length > 0 ? (
        <p role="status" className="rounded-md border border-warning bg-warning/10 px-3 py-2 text-sm">
          Ignored in the address: {ignored.join(", ")} (not a value Orderline knows).
        </p>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          {period ? `Written ${period}` : "Any time"} · times in {timeZone}
        </p>
        {reviewer ? <ExportButton query={messageLogQuery(filters)} /> : null}
      </div>

      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">No messages match these filters.</p>
          <p className="mt-1 text-sm text-muted-foreground">Widen the period, or clear a filter.</p>
        </div>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Message</TableHead>
              <TableHead>To</TableHead>
              <TableHead>Sent by</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Review</TableHead>
              <TableHead>Order</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell className="max-w-[9rem] whitespace-normal">
                  <Link href={`/messages/${row.id}`} className="text-primary underline-offset-4 hover:underline">
                    {formatDateTime(row.createdAt, timeZone)}
                  </Link>
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <ChannelLabel channel={row.channel} />
                    <span className="text-muted-foreground">·</span>
                    <span>{row.template ? humanize(row.template) : "Free text"}</span>
                  </div>
                  {row.subject ? <div className="max-w-[18rem] truncate text-xs text-muted-foreground">{row.subject}</div> : null}
                </TableCell>
                <TableCell>
                  <div className="max-w-[14rem] truncate">{row.customerName}</div>
                  <div className="max-w-[14rem] truncate text-xs text-muted-foreground">{row.toAddress ?? "—"}</div>
                </TableCell>
                <TableCell>{row.senderName}</TableCell>
                <TableCell>
                  <MessageStatusBadge status={row.status} />
                  {row.provider === LOCAL_OUTBOX ? <div className="text-xs text-muted-foreground">local outbox</div> : null}
                </TableCell>
                <TableCell>
                  {row.reviewScore !== null && row.reviewedAt ? (
                    <ReviewScoreBadge score={row.reviewScore} />
                  ) : (
                    <span className="text-muted-foreground">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">Not reviewed</span>
                    </span>
                  )}
                </TableCell>
                <TableCell>
                  {row.orderNumber ? (
                    <Link href={`/orders/${row.orderNumber}`} className="text-primary underline-offset-4 hover:underline">
                      {row.orderNumber}
                    </Link>
                  ) : (
                    "—"
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <nav aria-label="Pagination" className="flex justify-end gap-2 text-sm">
        {filters.before ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/messages${messageLogQuery(filters)}`}>Newest</Link>
          </Button>
        ) : null}
        {page.nextCursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/messages${messageLogQuery(filters, page.nextCursor)}`} rel="next">
              Older
            </Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}
