"use client";

import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "@/components/ui/button";
import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export type ItemRowValues = { sku: string; name: string; quantity: string; unitPrice: string };

type Props = {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  currency: string;
  initial: ItemRowValues[];
  /** Server and form errors keyed like the schema: items, items.0.sku, items.0.unitPriceCents … */
  errors: Record<string, string[] | undefined>;
  maxItems?: number;
};

export const emptyItemRow: ItemRowValues = { sku: "", name: "", quantity: "1", unitPrice: "" };

// Rows are uncontrolled inputs sharing a name per column, so FormData.getAll reads them in screen order
// (lib/orders/order-form-values.ts readItems) and a row's position is the index in the server's error keys.
// Removing a row keeps what was typed in the others.
export function ItemsEditor({ idPrefix, currency, initial, errors, maxItems = 200 }: Props) {
  const [rows, setRows] = useState(() => (initial.length > 0 ? initial : [emptyItemRow]).map((values, key) => ({ key, values })));
  const nextKey = useRef(rows.length);
  const addButton = useRef<HTMLButtonElement>(null);

  // Keyboard users land in the row they just added, or back on "Add item" after removing one.
  function add() {
    const key = nextKey.current++;
    flushSync(() => setRows((current) => [...current, { key, values: emptyItemRow }]));
    document.getElementById(`${idPrefix}-sku-${key}`)?.focus();
  }

  function remove(key: number) {
    setRows((current) => current.filter((row) => row.key !== key));
    addButton.current?.focus();
  }

  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-base font-semibold">Items</legend>
      <FieldError id={`${idPrefix}-items-error`} error={errors.items} />
      <ol className="space-y-3">
        {rows.map(({ key, values }, index) => {
          const cell = (column: string) => `${idPrefix}-${column}-${key}`;
          const error = (field: string) => errors[`items.${index}.${field}`];
          return (
            <li key={key} role="group" aria-label={`Item ${index + 1}`} className="grid items-start gap-3 rounded-md border p-3 sm:grid-cols-[8rem_1fr_5rem_8rem_auto]">
              <FormField label="SKU" htmlFor={cell("sku")} error={error("sku")}>
                <Input id={cell("sku")} name="itemSku" defaultValue={values.sku} maxLength={100} autoComplete="off" required aria-invalid={error("sku") ? true : undefined} aria-describedby={fieldDescribedBy(cell("sku"), { error: error("sku") })} />
              </FormField>
              <FormField label="Item name" htmlFor={cell("name")} error={error("name")}>
                <Input id={cell("name")} name="itemName" defaultValue={values.name} maxLength={300} autoComplete="off" required aria-invalid={error("name") ? true : undefined} aria-describedby={fieldDescribedBy(cell("name"), { error: error("name") })} />
              </FormField>
              <FormField label="Quantity" htmlFor={cell("quantity")} error={error("quantity")}>
                <Input
                  id={cell("quantity")}
                  name="itemQuantity"
                  defaultValue={values.quantity}
                  inputMode="numeric"
                  autoComplete="off"
                  required
                  aria-invalid={error("quantity") ? true : undefined}
                  aria-describedby={fieldDescribedBy(cell("quantity"), { error: error("quantity") })}
                />
              </FormField>
              <FormField label={`Unit price (${currency})`} htmlFor={cell("price")} error={error("unitPriceCents")}>
                <Input
                  id={cell("price")}
                  name="itemUnitPrice"
                  defaultValue={values.unitPrice}
                  inputMode="decimal"
                  placeholder="0.00"
                  autoComplete="off"
                  required
                  aria-invalid={error("unitPriceCents") ? true : undefined}
                  aria-describedby={fieldDescribedBy(cell("price"), { error: error("unitPriceCents") })}
                />
              </FormField>
              <Button type="button" variant="ghost" className="sm:mt-6" disabled={rows.length === 1} onClick={() => remove(key)} aria-label={`Remove item ${index + 1}`}>
                Remove
              </Button>
            </li>
          );
        })}
      </ol>
      <Button ref={addButton} type="button" variant="outline" size="sm" disabled={rows.length >= maxItems} onClick={add}>
        Add item
      </Button>
    </fieldset>
  );
}
