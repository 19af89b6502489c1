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
import { requestKinds, type Address, type RequestKind } from "@/db/schema";
import { centsToAmount } from "@/lib/money";
import type { ItemLine } from "@/lib/orders/corrections";
import { readAddress, readItems, type FormErrors } from "@/lib/orders/order-form-values";
import { requestKindLabels, type LogRequestInput } from "@/lib/requests/request-schemas";
import { logRequest } from "./request-actions";
import { useAction } from "@/components/actions/use-action";

type Props = {
  orderId: string;
  currency: string;
  address: Address;
  items: ItemLine[];
  /** Why the order can no longer honour each kind (lib/requests/receive-request.ts), or null. */
  refusals: Record<RequestKind, string | null>;
};

const PREFIX = "log-request";

// A rep logging what a customer asked by phone or email: the same request, clocks and acknowledgement as the
// tracking page's, with the rep as its author.
export function LogRequestButton(props: Props) {
  const [open, setOpen] = useState(false);
  const firstAllowed = requestKinds.find((k) => props.refusals[k] === null) ?? "change_address";
  const [kind, setKind] = useState<RequestKind>(firstAllowed);
  const { run, errors: serverErrors, isPending } = useAction(() => setOpen(false));
  const [local, setLocal] = useState<FormErrors>({});
  // The server's keys are payload.shippingAddress.city, payload.items.0.sku …; the fields use them without "payload.".
  const errors: FormErrors = { ...Object.fromEntries(Object.entries(serverErrors).map(([k, v]) => [k.replace(/^payload\./, ""), v])), ...local };
  const refusal = props.refusals[kind];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const localErrors: FormErrors = {};
    const payload = payloadFor(kind, form, localErrors);
    setLocal(localErrors);
    const input = { orderId: props.orderId, kind, payload, channel: String(form.get("channel") ?? ""), note: String(form.get("note") ?? "") };
    // Values that did not parse travel as typed, so the server refuses them and nothing is saved.
    run(() => logRequest(input as LogRequestInput), "Request logged — the customer is acknowledged");
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        Log a request…
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="sm:max-w-4xl">
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <DialogHeader>
              <DialogTitle>Log a request</DialogTitle>
              <DialogDescription>What the customer asked by phone or email. It is acknowledged to them and waits for a decision.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField label="The customer asks to" htmlFor={`${PREFIX}-kind`}>
                <NativeSelect id={`${PREFIX}-kind`} name="kind" value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
                  {requestKinds.map((k) => (
                    <option key={k} value={k}>
                      {requestKindLabels[k]}
                      {props.refusals[k] ? " (not possible now)" : ""}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField label="Came in by" htmlFor={`${PREFIX}-channel`} error={serverErrors.channel}>
                <NativeSelect id={`${PREFIX}-channel`} name="channel" defaultValue="phone">
                  <option value="phone">Phone call</option>
                  <option value="email">Email</option>
                </NativeSelect>
              </FormField>
            </div>
            {refusal ? (
              <p className="text-sm font-medium" role="status">
                {refusal}
              </p>
            ) : (
              <KindFields kind={kind} errors={errors} today={today} {...props} />
            )}
            <FormField label="Note (optional)" htmlFor={`${PREFIX}-note`} error={serverErrors.note}>
              <Textarea id={`${PREFIX}-note`} name="note" rows={2} maxLength={1000} />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={isPending || refusal !== null}>
                Log request
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}

function payloadFor(kind: RequestKind, form: FormData, errors: FormErrors): Record<string, unknown> {
  switch (kind) {
    case "change_address":
      return { shippingAddress: readAddress(form, "shippingAddress") };
    case "change_items":
      return { items: readItems(form, errors) };
    case "change_delivery_date":
      return { deliveryDate: String(form.get("deliveryDate") ?? "") };
    case "cancel":
      return { reason: String(form.get("reason") ?? "") };
  }
}

function KindFields({ kind, errors, today, currency, address, items }: Props & { kind: RequestKind; errors: FormErrors; today: string }) {
  switch (kind) {
    case "change_address":
      return <AddressFields legend="New shipping address" name="shippingAddress" idPrefix={`${PREFIX}-address`} defaults={address} errors={errors} />;
    case "change_items":
      return (
        <ItemsEditor
          idPrefix={`${PREFIX}-item`}
          currency={currency}
          errors={errors}
          initial={items.map((i) => ({ sku: i.sku, name: i.name, quantity: String(i.quantity), unitPrice: centsToAmount(i.unitPriceCents) }))}
        />
      );
    case "change_delivery_date": {
      const id = `${PREFIX}-date`;
      return (
        <FormField label="Deliver on" htmlFor={id} error={errors.deliveryDate}>
          <Input id={id} name="deliveryDate" type="date" min={today} required className="w-48" aria-invalid={errors.deliveryDate ? true : undefined} aria-describedby={fieldDescribedBy(id, { error: errors.deliveryDate })} />
        </FormField>
      );
    }
    case "cancel": {
      const id = `${PREFIX}-reason`;
      return (
        <FormField label="Reason the customer gave (optional)" htmlFor={id} error={errors.reason}>
          <Textarea id={id} name="reason" rows={2} maxLength={500} />
        </FormField>
      );
    }
  }
}
