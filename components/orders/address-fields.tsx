import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { Address } from "@/db/schema";

type Props = {
  legend: string;
  /** Input names are `${name}.line1` …, matching the server's error keys (lib/orders/order-form-values.ts reads them). */
  name: string;
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  defaults?: Partial<Address>;
  errors: Record<string, string[] | undefined>;
  hidden?: boolean;
};

const fields: { key: keyof Address; label: string; optional?: boolean; className?: string; maxLength: number }[] = [
  { key: "name", label: "Recipient name", className: "sm:col-span-2", maxLength: 200 },
  { key: "line1", label: "Address line 1", className: "sm:col-span-2", maxLength: 200 },
  { key: "line2", label: "Address line 2 (optional)", optional: true, className: "sm:col-span-2", maxLength: 200 },
  { key: "city", label: "City", maxLength: 100 },
  { key: "region", label: "State or region (optional)", optional: true, maxLength: 100 },
  { key: "postalCode", label: "Postal code", maxLength: 20 },
  { key: "country", label: "Country code", maxLength: 2 },
];

const COUNTRY_HINT = "Two letters, e.g. US";

/** One postal address as a fieldset. A rep types someone else's address, so the browser's autofill stays off. */
export function AddressFields({ legend, name, idPrefix, defaults, errors, hidden }: Props) {
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2" hidden={hidden}>
      <legend className="mb-2 text-base font-semibold">{legend}</legend>
      <FieldError className="sm:col-span-2" error={errors[name]} />
      {fields.map((field) => {
        const id = `${idPrefix}-${field.key}`;
        const error = errors[`${name}.${field.key}`];
        const hint = field.key === "country" ? COUNTRY_HINT : undefined;
        return (
          <FormField key={field.key} label={field.label} htmlFor={id} error={error} hint={hint} className={field.className}>
            <Input
              id={id}
              name={`${name}.${field.key}`}
              defaultValue={defaults?.[field.key] ?? (field.key === "country" ? "US" : "")}
              maxLength={field.maxLength}
              autoComplete="off"
              required={!field.optional}
              className={field.key === "country" ? "w-20 uppercase" : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={fieldDescribedBy(id, { error, hint })}
            />
          </FormField>
        );
      })}
    </fieldset>
  );
}
