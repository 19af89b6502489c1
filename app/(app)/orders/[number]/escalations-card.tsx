import Link from "next/link";
import { EscalateButton } from "@/components/escalations/escalate-dialog";
import { EscalationStatusBadge, SeverityBadge } from "@/components/escalations/escalation-badges";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listOrderEscalations } from "@/lib/escalations/list-escalations";
import { formatDateTime } from "@/lib/format";
import { requestKindLabels } from "@/lib/requests/request-schemas";

type Props = { orderId: string; orderNumber: string; canRaise: boolean; canHandle: boolean; timeZone: string };

/** The order's escalations, newest first: status and severity for everyone, each linked to its page for supervisors. */
export async function EscalationsCard({ orderId, orderNumber, canRaise, canHandle, timeZone }: Props) {
  const rows = await listOrderEscalations(await getDb(), orderId);
  return (
    <Card id="escalations">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>Escalations</CardTitle>
        {canRaise ? <EscalateButton subject="order" subjectId={orderId} subjectLabel={`order ${orderNumber}`} label="Escalate order…" /> : null}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing escalated about this order.</p>
        ) : (
          <ul className="divide-y" data-testid="order-escalations">
            {rows.map((row) => (
              <li key={row.id} className="space-y-1 py-3 text-sm first:pt-0 last:pb-0" data-testid="order-escalation">
                <div className="flex flex-wrap items-center gap-2">
                  {canHandle ? (
                    <Link href={`/escalations/${row.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {row.reason}
                    </Link>
                  ) : (
                    <span className="font-medium">{row.reason}</span>
                  )}
                  <SeverityBadge severity={row.severity} />
                  <EscalationStatusBadge status={row.status} />
                </div>
                <p className="text-xs text-muted-foreground">
                  {row.subject.requestKind ? `About the request “${requestKindLabels[row.subject.requestKind]}” · ` : row.subject.inquiryId ? "About a customer inquiry · " : ""}
                  Raised by {row.automatic ? "System" : (row.raisedByName ?? "a user")}, {formatDateTime(row.createdAt, timeZone)}
                  {row.assigneeName ? ` · with ${row.assigneeName}` : ""}
                </p>
                {row.outcome ? <p className="text-muted-foreground">Outcome: {row.outcome}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
