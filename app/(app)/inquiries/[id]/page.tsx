import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EscalateButton } from "@/components/escalations/escalate-dialog";
import { InquiryClockBadge, InquiryStatusBadge } from "@/components/inquiries/inquiry-badges";
import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { ChannelLabel } from "@/components/orders/channel-label";
import { StatusBadge } from "@/components/orders/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { channels, type Channel } from "@/db/schema";
import { getDb } from "@/db/client";
import { canOpen, escalationRaiserRoles } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { channelLabels, formatDateTime, formatDuration, humanize } from "@/lib/format";
import { getInquiryDetail, type InquiryDetail } from "@/lib/inquiries/inquiry-detail";
import { inquiryChannelLabels } from "@/lib/inquiries/inquiry-schemas";
import { clockView } from "@/lib/inquiries/list-inquiries";
import { automaticChannel } from "@/lib/notifications/milestones";
import { loadNoticeFacts } from "@/lib/notifications/notice-facts";
import { channelProblem } from "@/lib/notifications/send-notice";
import { viewerTimeZone } from "@/lib/viewer";
import { InquiryWork, type ChannelOption } from "./inquiry-work";

export const metadata: Metadata = { title: "Inquiry" };

type Props = { params: Promise<{ id: string }> };

const eventTitles: Record<string, string> = {
  inquiry_answered: "Answered",
  inquiry_waiting: "Waiting on the customer",
  inquiry_resumed: "The customer replied",
  inquiry_resolved: "Resolved",
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export default async function InquiryPage({ params }: Props) {
  const user = await requireScreen("inquiries");
  const { id } = await params;
  const db = await getDb();
  const [detail, timeZone] = await Promise.all([getInquiryDetail(db, id), viewerTimeZone()]);
  if (!detail) notFound();
  const { inquiry, customer, order } = detail;
  const now = new Date();
  const clock = detail.clock ? clockView(detail.clock, now) : null;
  // The answer form offers what can reach this customer, the preferred channel first (as automatic notices choose).
  const facts = inquiry.status === "resolved" ? null : await loadNoticeFacts(db, { orderId: inquiry.orderId, customerId: inquiry.customerId });
  const channelOptions: ChannelOption[] = facts
    ? channels.map((c) => ({ value: c, label: c === "phone" ? "Phone (told them on a call)" : channelLabels[c], problem: c === "phone" ? null : channelProblem(c, facts) }))
    : [];

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/inquiries" className="text-sm text-muted-foreground hover:underline">
          ← Inquiries
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Inquiry from {customer.name}</h1>
          <InquiryStatusBadge status={inquiry.status} />
          <span data-testid="inquiry-clock">
            <InquiryClockBadge clock={clock} now={now} />
          </span>
          {escalationRaiserRoles.includes(user.role) ? (
            <span className="ml-auto">
              <EscalateButton subject="inquiry" subjectId={inquiry.id} subjectLabel={`the inquiry from ${customer.name}`} />
            </span>
          ) : null}
        </div>
        <p className="text-sm text-muted-foreground">
          Asked {formatDateTime(inquiry.createdAt, timeZone)} by {inquiryChannelLabels[inquiry.channel].toLowerCase()}
          {detail.createdByName ? `, logged by ${detail.createdByName}` : ""}
        </p>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>The question</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm whitespace-pre-wrap" data-testid="inquiry-question">
              {inquiry.body}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="space-y-1 text-sm">
              <Fact label="Customer">{customer.name}</Fact>
              <Fact label="Email">{customer.email ?? "—"}</Fact>
              <Fact label="Phone">{customer.phone ?? "—"}</Fact>
              <Fact label="Prefers">
                <ChannelLabel channel={customer.preferredChannel} />
              </Fact>
              <Fact label="Order">
                {order ? (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Link href={`/orders/${order.number}#inquiries`} className="text-primary underline-offset-4 hover:underline">
                      {order.number}
                    </Link>
                    <StatusBadge status={order.status} />
                  </span>
                ) : (
                  "No order"
                )}
              </Fact>
              <ClockFacts clock={detail.clock} timeZone={timeZone} now={now} />
              <Fact label="First response">{formatDateTime(inquiry.firstResponseAt, timeZone)}</Fact>
              {inquiry.resolvedAt ? <Fact label="Resolved">{formatDateTime(inquiry.resolvedAt, timeZone)}</Fact> : null}
            </dl>
          </CardContent>
        </Card>
      </div>

      {inquiry.status !== "resolved" ? (
        <InquiryWork
          inquiryId={inquiry.id}
          status={inquiry.status}
          answered={inquiry.firstResponseAt !== null}
          channels={channelOptions}
          defaultChannel={facts ? automaticChannel(facts) : null}
        />
      ) : null}

      <Messages detail={detail} timeZone={timeZone} linked={canOpen(user.role, "messages")} />
      <History detail={detail} timeZone={timeZone} />
    </div>
  );
}

function ClockFacts({ clock, timeZone, now }: { clock: InquiryDetail["clock"]; timeZone: string; now: Date }) {
  if (!clock) return <Fact label="Reply due">—</Fact>;
  if (clock.state === "paused") {
    return <Fact label="Reply clock">Paused since {formatDateTime(clock.pausedAt, timeZone)} ({formatDuration((now.getTime() - (clock.pausedAt ?? now).getTime()) / 1000)})</Fact>;
  }
  return (
    <>
      <Fact label="Reply due">{formatDateTime(clock.dueAt, timeZone)}</Fact>
      {clock.pausedSeconds > 0 ? <Fact label="Paused for">{formatDuration(clock.pausedSeconds)} in all</Fact> : null}
    </>
  );
}

function Messages({ detail, timeZone, linked }: { detail: InquiryDetail; timeZone: string; linked: boolean }) {
  return (
    <section aria-labelledby="inquiry-messages-heading" className="space-y-3">
      <h2 id="inquiry-messages-heading" className="text-lg font-semibold">
        Messages about this inquiry
      </h2>
      {detail.messages.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing sent yet.</p>
      ) : (
        <Table data-testid="inquiry-messages">
          <TableHeader>
            <TableRow>
              <TableHead>Sent</TableHead>
              <TableHead>Channel</TableHead>
              <TableHead>Message</TableHead>
              <TableHead>By</TableHead>
              <TableHead>Status</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {detail.messages.map(({ message, senderName }) => (
              <TableRow key={message.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(message.createdAt, timeZone)}</TableCell>
                <TableCell>
                  <ChannelLabel channel={message.channel} />
                </TableCell>
                <TableCell className="max-w-md">
                  {linked ? (
                    <Link href={`/messages/${message.id}`} className="block truncate text-primary underline-offset-4 hover:underline">
                      {message.subject ?? message.bodyText.slice(0, 140)}
                    </Link>
                  ) : (
                    <span className="block truncate">{message.subject ?? message.bodyText.slice(0, 140)}</span>
                  )}
                  <span className="block truncate text-xs text-muted-foreground">{message.bodyText.slice(0, 200)}</span>
                </TableCell>
                <TableCell>{message.senderType === "user" ? (senderName ?? "A user") : "System"}</TableCell>
                <TableCell>
                  <MessageStatusBadge status={message.status} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function History({ detail, timeZone }: { detail: InquiryDetail; timeZone: string }) {
  if (detail.events.length === 0) return null;
  return (
    <section aria-labelledby="inquiry-history-heading" className="space-y-3">
      <h2 id="inquiry-history-heading" className="text-lg font-semibold">
        History
      </h2>
      <ol className="space-y-3 border-l pl-4" data-testid="inquiry-history">
        {detail.events.map(({ event, actorName }) => (
          <li key={event.id} className="text-sm">
            <p className="font-medium">{eventTitles[event.type] ?? event.type}</p>
            {event.reason || event.data?.channel ? <p className="text-muted-foreground">{event.reason ?? `By ${channelLabels[event.data!.channel as Channel]}`}</p> : null}
            <p className="text-xs text-muted-foreground">
              {formatDateTime(event.createdAt, timeZone)} · {event.actorType === "user" ? (actorName ?? "A user") : humanize(event.actorType)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
