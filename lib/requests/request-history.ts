import type { ChangeRequest, RequestKind } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/format";
import type { ItemLine } from "@/lib/orders/corrections";
import { describeRequest } from "./request-changes";
import { requestKindLabels } from "./request-schemas";

// How a request's events read in the order's history: what was asked, what was decided and why.

const verbs: Record<string, string> = {
  request_received: "received",
  request_approved: "approved",
  request_rejected: "rejected",
  request_withdrawn: "withdrawn",
};

const isKind = (value: unknown): value is RequestKind => typeof value === "string" && value in requestKindLabels;

/** The title and detail of a request event (or of the date change an approval makes); null for other events. */
export function requestEventText(
  type: string,
  data: Record<string, unknown> | null,
  reason: string | null,
  context: { requests: readonly ChangeRequest[]; items: readonly ItemLine[]; currency: string },
): { title: string; detail: string | null } | null {
  if (type === "delivery_date_changed") {
    const before = typeof data?.before === "string" ? formatDate(data.before) : "none";
    const after = typeof data?.after === "string" ? formatDate(data.after) : "—";
    return { title: "Delivery date changed", detail: [`${before} → ${after}`, reason].filter(Boolean).join(" — ") };
  }
  const verb = verbs[type];
  if (!verb) return null;
  const kind = isKind(data?.kind) ? data.kind : null;
  const title = `Request ${verb}${kind ? `: ${requestKindLabels[kind].toLowerCase()}` : ""}`;
  const request = context.requests.find((r) => r.id === data?.requestId);
  if (verb === "received") {
    const asked = request ? describeRequest(request.kind, request.payload, context.items) : null;
    return { title, detail: [asked, reason ?? request?.note].filter(Boolean).join(" — ") || null };
  }
  const parts = [reason];
  if (data?.cause === "our_error") parts.push("corrects our error (counts toward order accuracy)");
  if (typeof data?.refundCents === "number" && data.refundCents > 0) {
    parts.push(`${data.refundKind === "release" ? "authorization released" : "refund"}: ${formatMoney(data.refundCents, context.currency)}`);
  }
  return { title, detail: parts.filter(Boolean).join(" — ") || null };
}
