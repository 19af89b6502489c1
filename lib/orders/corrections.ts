import type { Address, OrderStatus } from "@/db/schema";
import { formatMoney, humanize } from "@/lib/format";

// Corrections to an order's shipping address or items (design.md "Order lifecycle": a correction made after
// confirmation records an accuracy error with its cause). Pure: shared by the domain function, the order page's
// dialogs and the timeline, so all three name causes and changes alike.

export const correctionFields = ["address", "items"] as const;
export type CorrectionField = (typeof correctionFields)[number];

export const correctionCauses = ["our_error", "customer_error", "carrier", "customer_request", "other"] as const;
export type CorrectionCause = (typeof correctionCauses)[number];

export const correctionCauseLabels: Record<CorrectionCause, string> = {
  our_error: "Our error (entry, verification or picking)",
  customer_error: "Customer gave wrong details",
  carrier: "Carrier reported a problem (e.g. undeliverable address)",
  customer_request: "Customer asked for a change",
  other: "Other (say what in the note)",
};

/**
 * Whether a correction after confirmation counts against order accuracy. Everything that was wrong when the order
 * was confirmed counts, whoever typed it — confirmation is where it should have been caught (SOP 001 §1). A change
 * the customer asks for afterwards is a modification, not an error: it is recorded on the order, not in the KPI.
 */
export function countsAgainstAccuracy(cause: CorrectionCause): boolean {
  return cause !== "customer_request";
}

const shipped: readonly OrderStatus[] = ["shipped", "in_transit", "out_for_delivery", "delivered", "closed"];

/** Why this part of the order can no longer be corrected, or null while it can (until it ships). */
export function correctionRefusal(status: OrderStatus, field: CorrectionField): string | null {
  if (status === "cancelled") return "The order is cancelled; nothing more can change.";
  if (!shipped.includes(status)) return null;
  return field === "address"
    ? "Already shipped — contact the carrier to redirect the parcel."
    : "Already shipped — the items can no longer change; arrange a return or a replacement instead.";
}

export type ItemLine = { sku: string; name: string; quantity: number; unitPriceCents: number };
export type ItemsSnapshot = { items: ItemLine[]; subtotalCents: number; shippingCents: number; taxCents: number; totalCents: number };

const addressLabels: [keyof Address, string][] = [
  ["name", "Name"],
  ["line1", "Line 1"],
  ["line2", "Line 2"],
  ["city", "City"],
  ["region", "Region"],
  ["postalCode", "Postal code"],
  ["country", "Country"],
];

/** The address fields that differ, as "Line 1: 1 Main St → 1 Main St Apt 4; Postal code: 01101 → 01102". */
export function addressChangeSummary(before: Partial<Address>, after: Partial<Address>): string {
  return addressLabels
    .filter(([key]) => (before[key] ?? "") !== (after[key] ?? ""))
    .map(([key, label]) => `${label}: ${before[key] || "—"} → ${after[key] || "—"}`)
    .join("; ");
}

function itemList(items: ItemLine[]): string {
  return items.map((item) => `${item.quantity} × ${item.sku}`).join(", ") || "no items";
}

/** "2 × MUG-1, 1 × TOTE-1 → 3 × MUG-1; total $49.00 → $36.00". */
export function itemsChangeSummary(before: ItemsSnapshot, after: ItemsSnapshot, currency: string): string {
  const lists = `${itemList(before.items)} → ${itemList(after.items)}`;
  if (before.totalCents === after.totalCents) return lists;
  return `${lists}; total ${formatMoney(before.totalCents, currency)} → ${formatMoney(after.totalCents, currency)}`;
}

export function sameAddress(a: Partial<Address>, b: Partial<Address>): boolean {
  return addressLabels.every(([key]) => (a[key] ?? "") === (b[key] ?? ""));
}

export function sameItems(a: ItemLine[], b: ItemLine[]): boolean {
  const key = (items: ItemLine[]) =>
    JSON.stringify(items.map((i) => [i.sku, i.name, i.quantity, i.unitPriceCents]).sort((x, y) => String(x).localeCompare(String(y))));
  return key(a) === key(b);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

// As words ("our error"); also reads the demo seed's finer causes (address_typo, picking_error …).
const causeLabel = (cause: unknown) => (typeof cause === "string" && cause ? humanize(cause).toLowerCase() : null);

/** A correction event as the order's history shows it: what changed, the cause, and before → after. */
export function correctionText(data: Record<string, unknown> | null, note: string | null): { title: string; detail: string | null } {
  const field = isRecord(data) ? data.field : null;
  const what = field === "items" ? "Items corrected" : field === "address" ? "Shipping address corrected" : "Order corrected";
  const cause = causeLabel(isRecord(data) ? data.cause : null);
  let change: string | null = null;
  if (isRecord(data) && isRecord(data.before) && isRecord(data.after)) {
    const { before, after } = data;
    if (field === "address") change = addressChangeSummary(before, after);
    if (field === "items" && Array.isArray(before.items) && Array.isArray(after.items)) {
      change = itemsChangeSummary(before as ItemsSnapshot, after as ItemsSnapshot, typeof data.currency === "string" ? data.currency : "USD");
    }
  }
  return { title: cause ? `${what} (cause: ${cause})` : what, detail: [change, note].filter(Boolean).join(" — ") || null };
}
