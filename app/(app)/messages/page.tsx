import type { Metadata } from "next";
import Link from "next/link";
import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { ChannelLabel } from "@/components/orders/channel-label";
import { FilterSelect } from "@/components/filters/filter-select";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { channels, messageStatuses } from "@/db/schema";
import { requireScreen } from "@/lib/auth/session";
import { listMessages, messageLogQuery, messageProviders, parseMessageLogFilters } from "@/lib/delivery/message-log";
import { deliveryConfigFromEnv, LOCAL_OUTBOX, localOutboxChannels } from "@/lib/delivery/providers";
import { channelLabels, formatDateTime, humanize } from "@/lib/format";
import { viewerTimeZone } from "@/lib/viewer";

export const metadata: Metadata = { title: "Messages" };

/** "No email/SMS provider configured", "No SMS provider configured"… or null when both deliver for real. */
function localOutboxNotice(): string | null {
  const local = localOutboxChannels(deliveryConfigFromEnv());
  if (local.length === 0) return null;
  const names = local.map((c) => (c === "email" ? "email" : "SMS")).join("/");
  return `No ${names} provider configured: messages are delivered to this local outbox.`;
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireScreen("messages");
  const filters = parseMessageLogFilters(await searchParams);
  const [page, timeZone] = await Promise.all([listMessages(await getDb(), filters), viewerTimeZone()]);
  const filtered = Boolean(filters.channel || filters.status || filters.provider);
  const notice = localOutboxNotice();

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Messages</h1>
        <p className="text-sm text-muted-foreground">Every email, SMS, call and portal post to customers, newest first.</p>
      </div>

      {notice ? (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-warning bg-warning/10 p-4 text-sm">
          <p>{notice}</p>
          {filters.provider === LOCAL_OUTBOX ? null : (
            <Link href={`/messages${messageLogQuery({ ...filters, provider: LOCAL_OUTBOX, before: undefined })}`} className="font-medium text-primary underline-offset-4 hover:underline">
              Show the local outbox
            </Link>
          )}
        </div>
      ) : null}

      {/* A plain GET form: filters live in the URL and work without JavaScript. */}
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label="Filter messages">
        <FilterSelect id="channel" label="Channel" value={filters.channel} anyLabel="Any channel" options={channels.map((c) => ({ value: c, label: channelLabels[c] }))} />
        <FilterSelect id="status" label="Status" value={filters.status} anyLabel="Any status" options={messageStatuses.map((s) => ({ value: s, label: humanize(s) }))} />
        <FilterSelect id="provider" label="Delivered by" value={filters.provider} anyLabel="Anyone" options={messageProviders} />
        <div className="flex items-end gap-2">
          <Button type="submit">Apply filters</Button>
          {filtered ? (
            <Button asChild variant="ghost">
              <Link href="/messages">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">No messages match these filters.</p>
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
