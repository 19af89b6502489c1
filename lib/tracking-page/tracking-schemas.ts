import { z } from "zod";
import { requestKinds, type RequestKind } from "@/db/schema";
import { readAddress } from "@/lib/orders/order-form-values";
import { REQUEST_NOTE_MAX, requestPayloadSchemas } from "@/lib/requests/request-schemas";
import { dayNumberOf, isoFromDayNumber } from "@/lib/sla/zoned-time";
import type { ErrorCode } from "./banners";

// The tracking page's forms, read from FormData (they post without JavaScript) into what the domain takes.

export const QUESTION_MAX = 2000;
export const REASON_MAX = 500;
export const ITEMS_NOTE_MAX = REQUEST_NOTE_MAX;
export const LATEST_DATE_DAYS = 60;

export const questionSchema = z.object({ body: z.string().trim().min(1).max(QUESTION_MAX) });

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** The first and last dates a customer may ask delivery for, in their own time zone: tomorrow to 60 days out. */
export function deliveryDateRange(timeZone: string, now: Date): { min: string; max: string } {
  const today = dayNumberOf(timeZone, now.getTime());
  return { min: isoFromDayNumber(today + 1), max: isoFromDayNumber(today + LATEST_DATE_DAYS) };
}

export type ItemLine = { sku: string; quantity: number };
export type ParsedRequest = { kind: RequestKind; payload: Record<string, unknown> } | { error: ErrorCode };

const errorOfKind: Record<RequestKind, ErrorCode> = { change_address: "address", change_delivery_date: "date", change_items: "items", cancel: "reason" };

/**
 * One request form → kind and payload, held to the same payload schemas as every other path
 * (lib/requests/request-schemas.ts). `items` are the order's lines, so only their SKUs can be named and only changed
 * quantities are sent; a quantity of 0 asks to remove the item.
 */
export function parseRequestForm(form: FormData, context: { timeZone: string; now: Date; items: readonly ItemLine[] }): ParsedRequest {
  const kind = z.enum(requestKinds).safeParse(form.get("kind"));
  if (!kind.success) return { error: "not-allowed" };
  const read = readPayload(kind.data, form, context);
  if ("error" in read) return read;
  const parsed = requestPayloadSchemas[kind.data].safeParse(read.payload);
  if (!parsed.success) return { error: errorOfKind[kind.data] };
  return { kind: kind.data, payload: parsed.data as Record<string, unknown> };
}

function readPayload(kind: RequestKind, form: FormData, context: { timeZone: string; now: Date; items: readonly ItemLine[] }): { payload: Record<string, unknown> } | { error: ErrorCode } {
  switch (kind) {
    case "change_address":
      return { payload: { shippingAddress: readAddress(form, "address") } };
    case "change_delivery_date": {
      const { min, max } = deliveryDateRange(context.timeZone, context.now);
      const date = text(form.get("deliveryDate"));
      return date >= min && date <= max ? { payload: { deliveryDate: date } } : { error: "date" };
    }
    case "cancel": {
      const reason = text(form.get("reason")).trim();
      return reason.length > REASON_MAX ? { error: "reason" } : { payload: { reason: reason || null } };
    }
    case "change_items": {
      const note = text(form.get("itemsNote")).trim();
      const lines: ItemLine[] = [];
      for (const item of context.items) {
        const raw = text(form.get(`quantity.${item.sku}`)).trim();
        if (raw === "") continue;
        if (!/^\d{1,4}$/.test(raw) || Number(raw) > 1000) return { error: "items" };
        if (Number(raw) !== item.quantity) lines.push({ sku: item.sku, quantity: Number(raw) });
      }
      if (note.length > ITEMS_NOTE_MAX) return { error: "items" };
      return { payload: { lines, note: note || null } };
    }
  }
}
