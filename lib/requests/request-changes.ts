import type { Address, RequestKind } from "@/db/schema";
import { formatDate } from "@/lib/format";
import type { ItemLine } from "@/lib/orders/corrections";
import { parseRequestPayload, type RequestPayloads } from "./request-schemas";

// What a request asks for, in words (order page, inbox, history, the customer's notices), and the item list a
// change_items request comes to. Pure and client-safe: the domain function and the dialogs compute it alike.

export function oneLineAddress(address: Address): string {
  const place = [address.city, [address.region, address.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [address.name, address.line1, address.line2, place, address.country].filter(Boolean).join(", ");
}

const itemText = (item: { quantity: number; name: string; sku: string }) => `${item.quantity} × ${item.name} (${item.sku})`;

/** The list a change_items request comes to: its own list, or the order's lines with the asked quantities. */
export function proposedItems(payload: RequestPayloads["change_items"], current: readonly ItemLine[]): { items: ItemLine[] } | { problem: string } {
  if (payload.items && payload.items.length > 0) return { items: payload.items.map(({ sku, name, quantity, unitPriceCents }) => ({ sku, name, quantity, unitPriceCents })) };
  if (!payload.lines || payload.lines.length === 0) {
    return { problem: "The request describes the change only in words: set the new items when approving." };
  }
  const missing = payload.lines.find((line) => !current.some((item) => item.sku === line.sku));
  if (missing) return { problem: `The order no longer has ${missing.sku}; set the new items when approving.` };
  const items = current
    .map((item) => ({ ...item, quantity: payload.lines!.find((line) => line.sku === item.sku)?.quantity ?? item.quantity }))
    .filter((item) => item.quantity > 0);
  if (items.length === 0) return { problem: "That would remove every item; cancel the order instead." };
  return { items };
}

function linesText(lines: NonNullable<RequestPayloads["change_items"]["lines"]>, current: readonly ItemLine[]): string {
  return lines
    .map((line) => {
      const item = current.find((i) => i.sku === line.sku);
      const name = item ? `${item.name} (${line.sku})` : line.sku;
      // No "from" quantity: the history shows this long after the order's own quantities have changed.
      return line.quantity === 0 ? `remove ${name}` : `${name} → ${line.quantity}`;
    })
    .join("; ");
}

/** "Ship to: …", "New items: …", "Deliver on …", "Cancel — reason: …"; the order's items name the SKUs a customer changed. */
export function describeRequest(kind: RequestKind, payload: unknown, current: readonly ItemLine[] = []): string {
  switch (kind) {
    case "change_address": {
      const parsed = parseRequestPayload(kind, payload);
      return parsed.ok ? `Ship to: ${oneLineAddress(parsed.payload.shippingAddress)}` : "A new shipping address (not readable)";
    }
    case "change_items": {
      const parsed = parseRequestPayload(kind, payload);
      if (!parsed.ok) return "Different items (not readable)";
      const { items, lines, note } = parsed.payload;
      const change = items?.length ? `New items: ${items.map(itemText).join(", ")}` : lines?.length ? `Change: ${linesText(lines, current)}` : null;
      return [change, note ? `“${note}”` : null].filter(Boolean).join(" — ");
    }
    case "change_delivery_date": {
      const parsed = parseRequestPayload(kind, payload);
      return parsed.ok ? `Deliver on ${formatDate(parsed.payload.deliveryDate)}` : "A different delivery date (not readable)";
    }
    case "cancel": {
      const parsed = parseRequestPayload(kind, payload);
      return parsed.ok && parsed.payload.reason ? `Cancel — reason: ${parsed.payload.reason}` : "Cancel — no reason given";
    }
  }
}
