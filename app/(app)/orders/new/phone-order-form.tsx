"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { AddressFields } from "@/components/orders/address-fields";
import { ItemsEditor } from "@/components/orders/items-editor";
import { Button } from "@/components/ui/button";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { channels } from "@/db/schema/enums";
import { channelLabels, formatMoney, humanize } from "@/lib/format";
import { amountValue, readAddress, readItems, type FormErrors } from "@/lib/orders/order-form-values";
import { paymentMethods, type PhoneOrderInput } from "@/lib/orders/phone-order-schema";
import { createPhoneOrder } from "./actions";

type Props = { currency: string; defaultTimeZone: string; timeZones: string[] };

const PHONE_HINT = "International form, e.g. +14155550123";
const EMAIL_HINT = "If a customer has this email, the order is theirs and their stored details are kept.";

/** The form as the server's schema takes it, plus the messages for amounts that did not parse. */
function readPhoneOrder(form: FormData, sameBilling: boolean): { payload: PhoneOrderInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const value = (name: string) => String(form.get(name) ?? "");
  const payload = {
    customer: {
      name: value("customer.name"),
      email: value("customer.email"),
      phone: value("customer.phone").replace(/[\s()-]/g, ""),
      preferredChannel: value("customer.preferredChannel"),
      smsConsent: form.get("customer.smsConsent") === "on",
      timeZone: value("customer.timeZone"),
    },
    shippingAddress: readAddress(form, "shippingAddress"),
    billingAddress: sameBilling ? undefined : readAddress(form, "billingAddress"),
    items: readItems(form, errors),
    shippingCents: amountValue(value("shipping"), "shippingCents", "Shipping", errors),
    taxCents: amountValue(value("tax"), "taxCents", "Tax", errors),
    paymentMethod: value("paymentMethod"),
  };
  // Amounts that did not parse travel as typed, so the server refuses them (see order-form-values.ts).
  return { payload: payload as PhoneOrderInput, errors };
}

/** What the rep reads back to the customer; amounts that do not parse yet count as nothing. */
function totalsOf(form: FormData) {
  const { items, shippingCents, taxCents } = readPhoneOrder(form, true).payload;
  const cents = (v: unknown) => (typeof v === "number" ? v : 0);
  const subtotal = items.reduce((sum, item) => sum + cents(item.quantity) * cents(item.unitPriceCents), 0);
  return { subtotal, total: subtotal + cents(shippingCents) + cents(taxCents) };
}

// Submitted from onSubmit, never reset: after an error everything typed stays, with each message beside its field.
export function PhoneOrderForm({ currency, defaultTimeZone, timeZones }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sameBilling, setSameBilling] = useState(true);
  const [totals, setTotals] = useState({ subtotal: 0, total: 0 });
  const [pending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { payload, errors: formErrors } = readPhoneOrder(new FormData(event.currentTarget), sameBilling);
    startTransition(async () => {
      const result = await createPhoneOrder(payload);
      if (result.ok) {
        toast({ title: `Order ${result.data.number} entered`, variant: "success" });
        router.push(`/orders/${result.data.number}`);
        return;
      }
      // The form's own message for an amount it could not read beats the server's "whole number of cents".
      setErrors({ ...(result.fieldErrors ?? {}), ...formErrors });
      setMessage(result.message);
      requestAnimationFrame(() => summaryRef.current?.focus());
    });
  }

  const field = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": fieldDescribedBy(idOf(name), { error: errors[name], hint: hintOf(name) }),
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} onChange={() => formRef.current && setTotals(totalsOf(new FormData(formRef.current)))} className="space-y-8" noValidate>
      {message ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive outline-none">
          {message}
          {errors._form ? ` ${errors._form.join(" ")}` : null}
          {Object.keys(errors).length > 0 ? " Each problem is shown next to its field." : null}
        </div>
      ) : null}

      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Customer</legend>
        <FormField label="Name" htmlFor={idOf("customer.name")} error={errors["customer.name"]} className="sm:col-span-2">
          <Input id={idOf("customer.name")} name="customer.name" maxLength={200} autoComplete="off" required {...field("customer.name")} />
        </FormField>
        <FormField label="Email" htmlFor={idOf("customer.email")} error={errors["customer.email"]} hint={EMAIL_HINT}>
          <Input id={idOf("customer.email")} name="customer.email" type="email" maxLength={254} autoComplete="off" {...field("customer.email")} />
        </FormField>
        <FormField label="Phone" htmlFor={idOf("customer.phone")} error={errors["customer.phone"]} hint={PHONE_HINT}>
          <Input id={idOf("customer.phone")} name="customer.phone" type="tel" maxLength={32} autoComplete="off" {...field("customer.phone")} />
        </FormField>
        <FormField label="Preferred channel" htmlFor={idOf("customer.preferredChannel")} error={errors["customer.preferredChannel"]}>
          <NativeSelect id={idOf("customer.preferredChannel")} name="customer.preferredChannel" defaultValue="email" wrapperClassName="w-full" {...field("customer.preferredChannel")}>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {channelLabels[channel]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Time zone" htmlFor={idOf("customer.timeZone")} error={errors["customer.timeZone"]}>
          <NativeSelect id={idOf("customer.timeZone")} name="customer.timeZone" defaultValue={defaultTimeZone} wrapperClassName="w-full" {...field("customer.timeZone")}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="customer.smsConsent" className="size-4" />
          The customer agrees to receive text messages (SMS)
        </label>
      </fieldset>

      <AddressFields legend="Shipping address" name="shippingAddress" idPrefix="shipping" errors={errors} />

      <div className="space-y-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={sameBilling} onChange={(e) => setSameBilling(e.target.checked)} className="size-4" />
          Billing address is the same as the shipping address
        </label>
        {/* Kept mounted while hidden, so unticking again brings back what was typed. */}
        <AddressFields legend="Billing address" name="billingAddress" idPrefix="billing" errors={errors} hidden={sameBilling} />
      </div>

      <ItemsEditor idPrefix="item" currency={currency} initial={[]} errors={errors} />

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 text-base font-semibold">Payment</legend>
        <FormField label={`Shipping (${currency})`} htmlFor={idOf("shippingCents")} error={errors.shippingCents}>
          <Input id={idOf("shippingCents")} name="shipping" inputMode="decimal" placeholder="0.00" autoComplete="off" {...field("shippingCents")} />
        </FormField>
        <FormField label={`Tax (${currency})`} htmlFor={idOf("taxCents")} error={errors.taxCents}>
          <Input id={idOf("taxCents")} name="tax" inputMode="decimal" placeholder="0.00" autoComplete="off" {...field("taxCents")} />
        </FormField>
        <FormField label="Payment method" htmlFor={idOf("paymentMethod")} error={errors.paymentMethod}>
          <NativeSelect id={idOf("paymentMethod")} name="paymentMethod" defaultValue="card" wrapperClassName="w-full" {...field("paymentMethod")}>
            {paymentMethods.map((method) => (
              <option key={method} value={method}>
                {humanize(method)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <p className="text-sm sm:col-span-3">
          Subtotal {formatMoney(totals.subtotal, currency)} · <span className="font-medium">Total {formatMoney(totals.total, currency)}</span>
        </p>
      </fieldset>

      <Button type="submit" disabled={pending}>
        {pending ? <Spinner label="Saving…" /> : null}
        Enter order
      </Button>
    </form>
  );
}

// Element ids follow the schema's error keys ("customer.email" → "phone-order-customer-email").
function idOf(name: string): string {
  return `phone-order-${name.replaceAll(".", "-")}`;
}

function hintOf(name: string): string | undefined {
  if (name === "customer.phone") return PHONE_HINT;
  if (name === "customer.email") return EMAIL_HINT;
  return undefined;
}
