import Link from "next/link";
import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { ChannelLabel } from "@/components/orders/channel-label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { senderName } from "@/lib/messages/message-log";
import { formatDateTime, humanize } from "@/lib/format";
import type { OrderDetail } from "@/lib/orders/order-detail";

const firstLine = (text: string) => text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";

/** The order's communication log, newest first; each row opens the message exactly as it was sent. */
// Fulfillment sees what the customer was told but may not open the log itself (lib/auth/access.ts): no links then.
export function OrderMessages({ messages, timeZone, linked }: { messages: OrderDetail["messages"]; timeZone: string; linked: boolean }) {
  const rows = [...messages].reverse();
  return (
    <section aria-labelledby="messages-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="messages-heading" className="text-lg font-semibold">
          Messages
        </h2>
        {linked ? (
          <Link href="/messages" className="text-sm text-primary underline-offset-4 hover:underline">
            All messages
          </Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No messages yet.</p>
      ) : (
        <Table data-testid="order-messages">
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Channel</TableHead>
              <TableHead>Template</TableHead>
              <TableHead>To</TableHead>
              <TableHead>Sent by</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Content</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ message, senderName: userName }) => (
              <TableRow key={message.id}>
                <TableCell className="whitespace-nowrap">
                  {linked ? (
                    <Link href={`/messages/${message.id}`} className="text-primary underline-offset-4 hover:underline">
                      {formatDateTime(message.createdAt, timeZone)}
                    </Link>
                  ) : (
                    formatDateTime(message.createdAt, timeZone)
                  )}
                </TableCell>
                <TableCell>
                  <ChannelLabel channel={message.channel} />
                </TableCell>
                <TableCell>{message.template ? humanize(message.template) : "Free text"}</TableCell>
                <TableCell className="max-w-[12rem] truncate">{message.toAddress ?? "—"}</TableCell>
                <TableCell>{senderName(message.senderType, userName)}</TableCell>
                <TableCell>
                  <MessageStatusBadge status={message.status} />
                  {message.callOutcome ? <div className="text-xs text-muted-foreground">{humanize(message.callOutcome)}</div> : null}
                  {message.status === "queued" && message.sendAfter > message.createdAt ? (
                    <div className="text-xs text-muted-foreground">after {formatDateTime(message.sendAfter, timeZone)}</div>
                  ) : null}
                </TableCell>
                <TableCell className="max-w-[18rem] truncate">{message.subject ?? firstLine(message.bodyText)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
