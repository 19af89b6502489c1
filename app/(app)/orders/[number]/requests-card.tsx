import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChangeRequest, Order, OrderItem } from "@/db/schema";
import { requestKinds } from "@/db/schema";
import { getDb } from "@/db/client";
import { formatDateTime, formatMoney, humanize } from "@/lib/format";
import { getOrderRequests, type OrderRequest } from "@/lib/requests/order-requests";
import { requestRefusal } from "@/lib/requests/receive-request";
import { refundFor } from "@/lib/requests/refund";
import { describeRequest, proposedItems } from "@/lib/requests/request-changes";
import { parseRequestPayload, requestKindLabels } from "@/lib/requests/request-schemas";
import { EscalateButton } from "@/components/escalations/escalate-dialog";
import { LogRequestButton } from "./log-request-dialog";
import { RequestDecision, type DecisionSetup } from "./request-dialogs";

type Props = { order: Order; items: OrderItem[]; canDecide: boolean; canEscalate: boolean; timeZone: string };

const statusVariants: Record<ChangeRequest["status"], BadgeProps["variant"]> = { open: "warning", approved: "success", rejected: "destructive", withdrawn: "secondary" };
const sources = { customer: "the customer on the tracking page", rep: "customer service" } as const;

/** The order's modification and cancellation requests: what each asks, its decision, and (for reps) the decision dialogs. */
export async function RequestsCard({ order, items, canDecide, canEscalate, timeZone }: Props) {
  const requests = await getOrderRequests(await getDb(), order.id);
  const lines = items.map(({ sku, name, quantity, unitPriceCents }) => ({ sku, name, quantity, unitPriceCents }));
  const refusals = Object.fromEntries(requestKinds.map((kind) => [kind, requestRefusal(order.status, kind)])) as Record<ChangeRequest["kind"], string | null>;
  return (
    <Card id="requests">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>Requests</CardTitle>
        {canDecide ? (
          <LogRequestButton orderId={order.id} currency={order.currency} address={order.shippingAddress} items={lines} refusals={refusals} />
        ) : null}
      </CardHeader>
      <CardContent>
        {requests.length === 0 ? (
          <p className="text-sm text-muted-foreground">No modification or cancellation requests.</p>
        ) : (
          <ul className="divide-y" data-testid="order-requests">
            {requests.map((entry) => (
              <RequestEntry key={entry.request.id} entry={entry} order={order} lines={lines} canDecide={canDecide} canEscalate={canEscalate} timeZone={timeZone} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function RequestEntry({
  entry,
  order,
  lines,
  canDecide,
  canEscalate,
  timeZone,
}: {
  entry: OrderRequest;
  order: Order;
  lines: DecisionSetup["items"];
  canDecide: boolean;
  canEscalate: boolean;
  timeZone: string;
}) {
  const { request } = entry;
  const refusal = request.status === "open" ? requestRefusal(order.status, request.kind) : null;
  return (
    <li className="space-y-1 py-3 text-sm first:pt-0 last:pb-0" data-testid="order-request">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{requestKindLabels[request.kind]}</span>
        <Badge variant={statusVariants[request.status]}>{humanize(request.status)}</Badge>
      </div>
      <p>{describeRequest(request.kind, request.payload, lines)}</p>
      <p className="text-xs text-muted-foreground">
        From {entry.createdByName ? `${sources.rep} (${entry.createdByName})` : sources[request.source]}, {formatDateTime(request.createdAt, timeZone)}
        {request.note ? ` · ${request.note}` : ""}
      </p>
      {request.status !== "open" ? (
        <p className="text-muted-foreground">
          {humanize(request.status)} by {entry.decidedByName ?? (request.status === "withdrawn" ? "the customer" : "—")}, {formatDateTime(request.decidedAt, timeZone)}
          {request.decisionReason ? ` — ${request.decisionReason}` : ""}
          {request.refundCents ? ` — refund ${formatMoney(request.refundCents, order.currency)}` : ""}
        </p>
      ) : null}
      {refusal ? <p className="text-muted-foreground">Can no longer be approved: {refusal}</p> : null}
      {request.status === "open" && canDecide ? <RequestDecision setup={decisionSetup(request, order, lines, refusal)} /> : null}
      {canEscalate ? (
        <EscalateButton subject="request" subjectId={request.id} subjectLabel={`the request “${requestKindLabels[request.kind]}” on ${order.number}`} />
      ) : null}
    </li>
  );
}

// What the approve dialog shows before anything is applied: the item list the request comes to, the refund.
function decisionSetup(request: ChangeRequest, order: Order, lines: DecisionSetup["items"], refusal: string | null): DecisionSetup {
  let items = lines;
  let itemsProblem: string | null = null;
  if (request.kind === "change_items") {
    const parsed = parseRequestPayload("change_items", request.payload);
    const proposal = parsed.ok ? proposedItems(parsed.payload, lines) : { problem: parsed.message };
    if ("items" in proposal) items = proposal.items;
    else itemsProblem = proposal.problem;
  }
  const refund = request.kind === "cancel" ? refundFor(order) : null;
  const refundText =
    refund && refund.kind !== "none"
      ? `${refund.kind === "release" ? "Authorization released" : "Refund"}: ${refund.cents === null ? "the remaining balance" : formatMoney(refund.cents, order.currency)}, ${refund.timeline}.`
      : refund
        ? "Nothing to refund: no payment was taken."
        : null;
  return {
    requestId: request.id,
    kind: request.kind,
    asked: describeRequest(request.kind, request.payload, lines),
    canApprove: refusal === null,
    items,
    itemsProblem,
    currency: order.currency,
    refundText,
  };
}
