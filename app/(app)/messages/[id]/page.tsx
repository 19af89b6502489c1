import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { ReviewScoreBadge } from "@/components/messages/review-score-badge";
import { ChannelLabel } from "@/components/orders/channel-label";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { canOpen } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { getMessageDetail, type MessageDetail } from "@/lib/messages/message-log";
import { reviewScoreLabels } from "@/lib/messages/review-schema";
import { LOCAL_OUTBOX } from "@/lib/delivery/providers";
import { formatDateTime, humanize } from "@/lib/format";
import { viewerTimeZone } from "@/lib/viewer";
import { ReviewForm } from "./review-form";

export const metadata: Metadata = { title: "Message" };

type Props = { params: Promise<{ id: string }> };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/** The review as it stands: score, who and when, the comment. Reps see only this; supervisors also the form. */
function CurrentReview({ detail, timeZone }: { detail: MessageDetail; timeZone: string }) {
  const { message } = detail;
  if (!message.reviewedAt || message.reviewScore === null) return <p className="text-sm text-muted-foreground">Not yet reviewed.</p>;
  return (
    <div className="space-y-2 text-sm" data-testid="current-review">
      <p className="flex flex-wrap items-center gap-2">
        <ReviewScoreBadge score={message.reviewScore} />
        <span>{reviewScoreLabels[message.reviewScore]?.replace(/^\d — /, "")}</span>
      </p>
      <p className="text-muted-foreground">
        Reviewed by {detail.reviewerName ?? "a former user"} on {formatDateTime(message.reviewedAt, timeZone)}
      </p>
      {message.reviewComment ? <blockquote className="border-l-2 pl-3 whitespace-pre-wrap">{message.reviewComment}</blockquote> : null}
    </div>
  );
}

export default async function MessagePage({ params }: Props) {
  const user = await requireScreen("messages");
  const { id } = await params;
  const [detail, timeZone] = await Promise.all([getMessageDetail(await getDb(), id), viewerTimeZone()]);
  if (!detail) notFound();
  const { message, customer } = detail;
  const title = message.subject ?? (message.template ? humanize(message.template) : `${humanize(message.channel)} message`);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/messages" className="text-sm text-muted-foreground hover:underline">
          ← Messages
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <MessageStatusBadge status={message.status} />
        </div>
        {message.provider === LOCAL_OUTBOX ? (
          <p className="text-sm text-muted-foreground">Delivered to the local outbox: no provider was configured, so the customer did not receive it.</p>
        ) : null}
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="space-y-1 text-sm">
              <Fact label="Channel">
                <ChannelLabel channel={message.channel} />
              </Fact>
              <Fact label="Template">{message.template ? humanize(message.template) : "Free text"}</Fact>
              <Fact label="To">
                {customer.name}
                {message.toAddress ? <span className="block text-muted-foreground">{message.toAddress}</span> : null}
              </Fact>
              <Fact label="Sent by">{detail.senderName}</Fact>
              <Fact label="Order">
                {detail.order ? (
                  <Link href={`/orders/${detail.order.number}`} className="text-primary underline-offset-4 hover:underline">
                    {detail.order.number}
                  </Link>
                ) : (
                  "—"
                )}
              </Fact>
              {/* Written is when the message entered the log (the outbox); Sent is when the provider accepted it. */}
              <Fact label="Written">{formatDateTime(message.createdAt, timeZone)}</Fact>
              {message.status === "queued" && message.sendAfter > message.createdAt ? <Fact label="Waits until">{formatDateTime(message.sendAfter, timeZone)}</Fact> : null}
              <Fact label="Sent">{formatDateTime(message.sentAt, timeZone)}</Fact>
              <Fact label="Delivered">{formatDateTime(message.deliveredAt, timeZone)}</Fact>
              {message.callOutcome ? <Fact label="Call outcome">{humanize(message.callOutcome)}</Fact> : null}
              <Fact label="Provider">{message.provider ?? "—"}</Fact>
              <Fact label="Provider id">{message.providerMessageId ? <code className="text-xs">{message.providerMessageId}</code> : "—"}</Fact>
              <Fact label="Tries">{message.attempts}</Fact>
              {message.lastError ? <Fact label="Last error">{message.lastError}</Fact> : null}
            </dl>
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{message.channel === "email" ? "Email as sent" : message.channel === "sms" ? "SMS as sent" : "What was recorded"}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {message.channel === "email" ? (
              <>
                <p className="text-sm">
                  <span className="text-muted-foreground">Subject: </span>
                  {message.subject ?? "—"}
                </p>
                {message.bodyHtml ? (
                  // sandbox="": no scripts, no forms, no same-origin access — the customer's HTML cannot touch the app.
                  <iframe sandbox="" srcDoc={message.bodyHtml} title="The email's HTML as sent" className="h-[32rem] w-full rounded-md border bg-white" />
                ) : null}
                <details open={!message.bodyHtml}>
                  <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
                  <pre data-testid="message-body" className="mt-2 whitespace-pre-wrap rounded-md bg-muted p-3 text-sm">{message.bodyText}</pre>
                </details>
              </>
            ) : message.channel === "sms" ? (
              <div className="space-y-1">
                <p data-testid="message-body" className="max-w-sm whitespace-pre-wrap rounded-2xl bg-muted px-4 py-3 text-sm">{message.bodyText}</p>
                <p className="text-xs text-muted-foreground">{message.bodyText.length} characters</p>
              </div>
            ) : (
              <pre data-testid="message-body" className="whitespace-pre-wrap rounded-md bg-muted p-3 text-sm">{message.bodyText}</pre>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Delivery history</CardTitle>
        </CardHeader>
        <CardContent>
          {detail.events.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Time</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Detail</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {detail.events.map((event) => (
                  <TableRow key={event.id}>
                    <TableCell className="whitespace-nowrap">{formatDateTime(event.occurredAt, timeZone)}</TableCell>
                    <TableCell>
                      <MessageStatusBadge status={event.status} />
                    </TableCell>
                    <TableCell className="whitespace-normal">{event.detail ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Quality review</CardTitle>
        </CardHeader>
        <CardContent className="space-y-6">
          <CurrentReview detail={detail} timeZone={timeZone} />
          {canOpen(user.role, "messageQuality") ? (
            <ReviewForm messageId={message.id} score={message.reviewScore} comment={message.reviewComment} reviewed={message.reviewedAt !== null} />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
