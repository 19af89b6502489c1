import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EscalationStatusBadge, ResponseClockBadge, SeverityBadge } from "@/components/escalations/escalation-badges";
import { InquiryStatusBadge } from "@/components/inquiries/inquiry-badges";
import { StatusBadge } from "@/components/orders/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { getEscalationDetail, type EscalationDetail } from "@/lib/escalations/escalation-detail";
import { activeSupervisors } from "@/lib/escalations/work-escalation";
import { formatDateTime, humanize } from "@/lib/format";
import { firstLine } from "@/lib/inquiries/list-inquiries";
import { requestKindLabels } from "@/lib/requests/request-schemas";
import { clockDueLabels } from "@/lib/sla/clock-labels";
import { viewerTimeZone } from "@/lib/viewer";
import { CommentForm, EscalationWork } from "./escalation-work";

export const metadata: Metadata = { title: "Escalation" };

type Props = { params: Promise<{ id: string }> };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export default async function EscalationPage({ params }: Props) {
  await requireScreen("escalations");
  const { id } = await params;
  const db = await getDb();
  const [detail, supervisors, timeZone] = await Promise.all([getEscalationDetail(db, id), activeSupervisors(db), viewerTimeZone()]);
  if (!detail) notFound();
  const { escalation } = detail;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/escalations" className="text-sm text-muted-foreground hover:underline">
          ← Escalations
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{escalation.reason}</h1>
          <SeverityBadge severity={escalation.severity} />
          <EscalationStatusBadge status={escalation.status} />
        </div>
        <p className="text-sm text-muted-foreground">
          Raised by {detail.raisedBy}, {formatDateTime(escalation.createdAt, timeZone)} · {detail.assigneeName ? `Assigned to ${detail.assigneeName}` : "Unassigned"}
        </p>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Note</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            <p className="whitespace-pre-wrap" data-testid="escalation-note">
              {escalation.note ?? (escalation.automatic ? "Raised automatically by the escalation policy." : "No note.")}
            </p>
            {escalation.outcome ? (
              <p data-testid="escalation-outcome">
                <span className="font-medium">Outcome: </span>
                {escalation.outcome}
              </p>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>About</CardTitle>
          </CardHeader>
          <CardContent>
            <SubjectFacts detail={detail} timeZone={timeZone} />
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {escalation.status !== "resolved" ? (
          <EscalationWork escalationId={escalation.id} status={escalation.status} assigneeId={escalation.assigneeId} supervisors={supervisors} />
        ) : null}
        <Comments detail={detail} timeZone={timeZone} />
      </div>

      <History detail={detail} timeZone={timeZone} />
    </div>
  );
}

function SubjectFacts({ detail, timeZone }: { detail: EscalationDetail; timeZone: string }) {
  const { order, request, inquiry, response, sourceClock } = detail;
  return (
    <dl className="space-y-1 text-sm">
      <Fact label="Order">
        {order ? (
          <span className="inline-flex flex-wrap items-center gap-2">
            <Link href={`/orders/${order.number}#escalations`} className="text-primary underline-offset-4 hover:underline">
              {order.number}
            </Link>
            <StatusBadge status={order.status} />
          </span>
        ) : (
          "No order"
        )}
      </Fact>
      {request ? (
        <Fact label="Request">
          <Link href={`/orders/${order?.number ?? ""}#requests`} className="text-primary underline-offset-4 hover:underline">
            {requestKindLabels[request.kind]}
          </Link>{" "}
          ({humanize(request.status).toLowerCase()})
        </Fact>
      ) : null}
      {inquiry ? (
        <Fact label="Inquiry">
          <span className="inline-flex flex-wrap items-center gap-2">
            <Link href={`/inquiries/${inquiry.id}`} className="text-primary underline-offset-4 hover:underline">
              {firstLine(inquiry.body, 80) || "(no text)"}
            </Link>
            <InquiryStatusBadge status={inquiry.status} />
          </span>
        </Fact>
      ) : null}
      {sourceClock ? (
        <Fact label="Raised by clock">
          {clockDueLabels[sourceClock.kind]} {formatDateTime(sourceClock.dueAt, timeZone)}
          {sourceClock.state === "open" ? " — still open" : ` — ${humanize(sourceClock.state).toLowerCase()} since`}
        </Fact>
      ) : null}
      <Fact label="Response">
        <span className="inline-flex flex-wrap items-center gap-2">
          <ResponseClockBadge clock={response ? { state: response.clock.state, dueAt: response.clock.dueAt, band: response.band, breached: response.clock.breached } : null} />
          {response ? <span className="text-muted-foreground">due {formatDateTime(response.clock.dueAt, timeZone)}</span> : null}
        </span>
      </Fact>
    </dl>
  );
}

function Comments({ detail, timeZone }: { detail: EscalationDetail; timeZone: string }) {
  return (
    <section aria-labelledby="escalation-comments-heading" className="space-y-3">
      <h2 id="escalation-comments-heading" className="text-lg font-semibold">
        Comments
      </h2>
      {detail.comments.length === 0 ? (
        <p className="text-sm text-muted-foreground">No comments yet.</p>
      ) : (
        <ol className="space-y-3" data-testid="escalation-comments">
          {detail.comments.map(({ comment, authorName }) => (
            <li key={comment.id} className="rounded-md border p-3 text-sm">
              <p className="whitespace-pre-wrap">{comment.body}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                {authorName} · {formatDateTime(comment.createdAt, timeZone)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <CommentForm escalationId={detail.escalation.id} />
    </section>
  );
}

function History({ detail, timeZone }: { detail: EscalationDetail; timeZone: string }) {
  return (
    <section aria-labelledby="escalation-history-heading" className="space-y-3">
      <h2 id="escalation-history-heading" className="text-lg font-semibold">
        History
      </h2>
      <ol className="space-y-3 border-l pl-4" data-testid="escalation-history">
        {detail.history.map((entry) => (
          <li key={entry.key} className="text-sm">
            <p className="font-medium">{entry.title}</p>
            {entry.detail ? <p className="text-muted-foreground">{entry.detail}</p> : null}
            <p className="text-xs text-muted-foreground">
              {formatDateTime(entry.at, timeZone)} · {entry.actor}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
