"use client";

import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { untrackedReasons, type Carrier, type UntrackedReason } from "@/db/schema";
import type { BulkShipInput } from "@/lib/orders/bulk-schemas";
import { carrierLabels, untrackedReasonLabels } from "@/lib/orders/tracking";
import type { Selected } from "./board";

// One order's row in the ship dialog: what was typed for it (kept by the dialog, so a refusal loses nothing) and the
// refusals beside the fields they are about.

/**
 * What is typed for one order: with a carrier and its tracking number (for "other", the carrier's name and tracking
 * link too), or without a tracking number for a reason (hand delivery, a local courier) and an optional note. Both
 * sets of fields are kept, so switching back and forth loses nothing typed.
 */
export type ShipDraft = {
  mode: "tracking" | "untracked";
  carrier: Carrier;
  trackingNumber: string;
  carrierName: string;
  trackingUrlTemplate: string;
  untrackedReason: UntrackedReason;
  untrackedNote: string;
};
export type ShipField = Exclude<keyof ShipDraft, "mode">;
/** Refusals by field; "row" for those about the order as a whole (the domain's: a bad number, a changed order). */
export type RowErrors = Partial<Record<ShipField | "row", string[]>>;

export const newShipDraft = (): ShipDraft => ({
  mode: "tracking",
  carrier: "ups",
  trackingNumber: "",
  carrierName: "",
  trackingUrlTemplate: "",
  untrackedReason: "hand_delivery",
  untrackedNote: "",
});

export const shipFields: readonly ShipField[] = ["carrier", "trackingNumber", "carrierName", "trackingUrlTemplate", "untrackedReason", "untrackedNote"];

// The carrier select's last choice: no carrier tracking at all.
const NO_TRACKING = "none";

export function shipPayload(order: Selected, draft: ShipDraft): BulkShipInput["orders"][number] {
  if (draft.mode === "untracked") {
    return { orderId: order.orderId, version: order.version, mode: "untracked", untrackedReason: draft.untrackedReason, untrackedNote: draft.untrackedNote };
  }
  const base = { orderId: order.orderId, version: order.version, carrier: draft.carrier, trackingNumber: draft.trackingNumber };
  return draft.carrier === "other" ? { ...base, carrierName: draft.carrierName, trackingUrlTemplate: draft.trackingUrlTemplate } : base;
}

const carriers = Object.entries(carrierLabels) as [Carrier, string][];

type Props = { idBase: string; order: Selected; draft: ShipDraft; errors: RowErrors | undefined; onChange: (draft: ShipDraft) => void };

export function ShipRow({ idBase, order, draft, errors, onChange }: Props) {
  const errorId = `${idBase}-error`;
  const messages = errors ? Object.values(errors).flat() : [];
  // The domain's refusal names no field; it is about the tracking the row gives, so it sits with the number.
  const invalid = (field: ShipField) => Boolean(errors?.[field] || (field === "trackingNumber" && errors?.row));
  const field = (name: ShipField) => ({
    "aria-invalid": invalid(name) || undefined,
    "aria-describedby": invalid(name) ? errorId : undefined,
  });
  const set = (patch: Partial<ShipDraft>) => onChange({ ...draft, ...patch });
  return (
    <li className="grid gap-2 border-b pb-3 last:border-b-0 sm:grid-cols-[7rem_10rem_1fr]" data-ship-row={order.number} data-refused={messages.length > 0 || undefined}>
      <span className="pt-2 text-sm font-medium">{order.number}</span>
      <NativeSelect
        aria-label={`Carrier for ${order.number}`}
        value={draft.mode === "untracked" ? NO_TRACKING : draft.carrier}
        onChange={(e) => set(e.target.value === NO_TRACKING ? { mode: "untracked" } : { mode: "tracking", carrier: e.target.value as Carrier })}
        {...field("carrier")}
      >
        {carriers.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
        <option value={NO_TRACKING}>No tracking number…</option>
      </NativeSelect>
      {draft.mode === "untracked" ? (
        <div className="grid gap-2 sm:grid-cols-[12rem_1fr]">
          <NativeSelect
            aria-label={`Why ${order.number} has no tracking number`}
            value={draft.untrackedReason}
            onChange={(e) => set({ untrackedReason: e.target.value as UntrackedReason })}
            {...field("untrackedReason")}
          >
            {untrackedReasons.map((r) => (
              <option key={r} value={r}>
                {untrackedReasonLabels[r]}
              </option>
            ))}
          </NativeSelect>
          <Input
            aria-label={`How ${order.number} travels`}
            placeholder={draft.untrackedReason === "other" ? "How it travels (required)" : "Note for the customer (optional)"}
            value={draft.untrackedNote}
            onChange={(e) => set({ untrackedNote: e.target.value })}
            required={draft.untrackedReason === "other"}
            maxLength={200}
            autoComplete="off"
            {...field("untrackedNote")}
          />
        </div>
      ) : (
        <Input
          aria-label={`Tracking number for ${order.number}`}
          value={draft.trackingNumber}
          onChange={(e) => set({ trackingNumber: e.target.value })}
          required
          maxLength={60}
          autoComplete="off"
          {...field("trackingNumber")}
        />
      )}
      {draft.mode === "tracking" && draft.carrier === "other" ? (
        <div className="grid gap-2 sm:col-span-2 sm:col-start-2 sm:grid-cols-[10rem_1fr]">
          <Input
            aria-label={`Carrier name for ${order.number}`}
            placeholder="Carrier name"
            value={draft.carrierName}
            onChange={(e) => set({ carrierName: e.target.value })}
            required
            maxLength={80}
            autoComplete="off"
            {...field("carrierName")}
          />
          <Input
            aria-label={`Tracking link template for ${order.number}`}
            placeholder="https://track.example.com/{tracking}"
            type="url"
            value={draft.trackingUrlTemplate}
            onChange={(e) => set({ trackingUrlTemplate: e.target.value })}
            required
            maxLength={500}
            autoComplete="off"
            {...field("trackingUrlTemplate")}
          />
        </div>
      ) : null}
      {messages.length > 0 ? (
        <p id={errorId} role="alert" className="text-sm text-destructive sm:col-span-2 sm:col-start-2">
          {messages.join(" ")}
        </p>
      ) : null}
    </li>
  );
}
