"use client";

import { useState, type FormEvent } from "react";
import { AddressFields } from "@/components/orders/address-fields";
import { ItemsEditor } from "@/components/orders/items-editor";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { Address } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/action";
import { centsToAmount } from "@/lib/money";
import { correctionCauseLabels, correctionCauses, type ItemLine } from "@/lib/orders/corrections";
import { amountValue, readAddress, readItems, type FormErrors } from "@/lib/orders/order-form-values";
import { correctAddress, correctOrderItems } from "./actions";
import { useAction } from "@/components/actions/use-action";

type Props = {
  orderId: string;
  version: number;
  /** Confirmed orders need a cause: their corrections feed the order-accuracy KPI. */
  confirmed: boolean;
  currency: string;
  address: Address;
  items: ItemLine[];
  shippingCents: number;
  taxCents: number;
  /** Why the address or items can no longer be corrected (lib/orders/corrections.ts), or null. */
  refusals: { address: string | null; items: string | null };
};

type Open = null | "address" | "items";

// Like every order edit, a correction carries the version the user saw; a stale one is refused and the page
// refreshes (components/actions/use-action.ts).
export function CorrectionControls(props: Props) {
  const [open, setOpen] = useState<Open>(null);
  const { refusals } = props;
  const reasons = [...new Set([refusals.address, refusals.items].filter((r): r is string => r !== null))];
  return (
    <>
      {refusals.address === null ? (
        <Button variant="outline" onClick={() => setOpen("address")}>
          Correct address…
        </Button>
      ) : null}
      {refusals.items === null ? (
        <Button variant="outline" onClick={() => setOpen("items")}>
          Correct items…
        </Button>
      ) : null}
      {reasons.map((reason) => (
        <p key={reason} className="basis-full text-sm text-muted-foreground">
          {reason}
        </p>
      ))}
      <AddressDialog {...props} open={open === "address"} onOpenChange={(o) => setOpen(o ? "address" : null)} />
      <ItemsDialog {...props} open={open === "items"} onOpenChange={(o) => setOpen(o ? "items" : null)} />
    </>
  );
}

type DialogProps = Props & { open: boolean; onOpenChange: (open: boolean) => void };

/** The order-page action runner plus the form's own messages (a missing cause, an amount it cannot read). */
function useCorrection(close: () => void, confirmed: boolean) {
  const { run, errors, isPending } = useAction(close);
  const [local, setLocal] = useState<FormErrors>({});
  function submit(form: FormData, localErrors: FormErrors, action: (cause: string, note: string) => Promise<ActionResult<unknown>>, success: string) {
    const cause = String(form.get("cause") ?? "");
    if (confirmed && !cause) localErrors.cause = ["Pick what caused the correction."];
    setLocal(localErrors);
    run(() => action(cause, String(form.get("note") ?? "")), success);
  }
  return { submit, errors: { ...errors, ...local } as FormErrors, isPending };
}

function AddressDialog({ orderId, version, confirmed, address, open, onOpenChange }: DialogProps) {
  const { submit, errors, isPending } = useCorrection(() => onOpenChange(false), confirmed);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const corrected = readAddress(form, "address");
    submit(form, {}, (cause, note) => correctAddress({ orderId, expectedVersion: version, address: corrected, cause, note }), "Shipping address corrected");
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <DialogHeader>
            <DialogTitle>Correct the shipping address</DialogTitle>
            <DialogDescription>{accuracyNote(confirmed)}</DialogDescription>
          </DialogHeader>
          <AddressFields legend="Shipping address" name="address" idPrefix="correct-address" defaults={address} errors={errors} />
          <CauseFields idPrefix="correct-address" confirmed={confirmed} errors={errors} />
          <DialogFooter>
            <Button type="submit" disabled={isPending}>
              Save address
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ItemsDialog({ orderId, version, confirmed, currency, items, shippingCents, taxCents, open, onOpenChange }: DialogProps) {
  const { submit, errors, isPending } = useCorrection(() => onOpenChange(false), confirmed);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const local: FormErrors = {};
    const input = {
      orderId,
      expectedVersion: version,
      items: readItems(form, local),
      shippingCents: amountValue(String(form.get("shipping") ?? ""), "shippingCents", "Shipping", local),
      taxCents: amountValue(String(form.get("tax") ?? ""), "taxCents", "Tax", local),
    };
    // Amounts that did not parse travel as typed, so the server refuses them (lib/orders/order-form-values.ts).
    submit(form, local, (cause, note) => correctOrderItems({ ...input, cause, note } as Parameters<typeof correctOrderItems>[0]), "Items corrected");
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-4xl">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <DialogHeader>
            <DialogTitle>Correct the items</DialogTitle>
            <DialogDescription>The list replaces the order&apos;s items; the subtotal and total are recomputed. {accuracyNote(confirmed)}</DialogDescription>
          </DialogHeader>
          <ItemsEditor
            idPrefix="correct-item"
            currency={currency}
            errors={errors}
            initial={items.map((item) => ({ sku: item.sku, name: item.name, quantity: String(item.quantity), unitPrice: centsToAmount(item.unitPriceCents) }))}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <AmountField id="correct-shipping" name="shipping" label={`Shipping (${currency})`} defaultCents={shippingCents} error={errors.shippingCents} />
            <AmountField id="correct-tax" name="tax" label={`Tax (${currency})`} defaultCents={taxCents} error={errors.taxCents} />
          </div>
          <CauseFields idPrefix="correct-items" confirmed={confirmed} errors={errors} />
          <DialogFooter>
            <Button type="submit" disabled={isPending}>
              Save items
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function accuracyNote(confirmed: boolean): string {
  return confirmed
    ? "The order is already confirmed, so the correction is recorded as an accuracy error with its cause — unless the customer asked for the change."
    : "The order is not confirmed yet: fixing it now is part of confirming it and is not an accuracy error.";
}

function AmountField({ id, name, label, defaultCents, error }: { id: string; name: string; label: string; defaultCents: number; error?: string[] }) {
  return (
    <FormField label={label} htmlFor={id} error={error}>
      <Input id={id} name={name} defaultValue={centsToAmount(defaultCents)} inputMode="decimal" autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={fieldDescribedBy(id, { error })} />
    </FormField>
  );
}

function CauseFields({ idPrefix, confirmed, errors }: { idPrefix: string; confirmed: boolean; errors: FormErrors }) {
  const causeId = `${idPrefix}-cause`;
  const noteId = `${idPrefix}-note`;
  const hint = confirmed ? "Required: the order was already confirmed." : "Optional before confirmation.";
  return (
    <div className="grid gap-3">
      <FormField label="Cause" htmlFor={causeId} error={errors.cause} hint={hint}>
        <NativeSelect
          id={causeId}
          name="cause"
          defaultValue=""
          required={confirmed}
          wrapperClassName="w-full sm:w-96"
          aria-invalid={errors.cause ? true : undefined}
          aria-describedby={fieldDescribedBy(causeId, { error: errors.cause, hint })}
        >
          <option value="">{confirmed ? "Choose a cause…" : "No cause given"}</option>
          {correctionCauses.map((cause) => (
            <option key={cause} value={cause}>
              {correctionCauseLabels[cause]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Note (optional)" htmlFor={noteId} error={errors.note}>
        <Textarea id={noteId} name="note" rows={2} maxLength={2000} aria-invalid={errors.note ? true : undefined} aria-describedby={fieldDescribedBy(noteId, { error: errors.note })} />
      </FormField>
    </div>
  );
}
