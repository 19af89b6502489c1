import { parseAmountToCents } from "@/lib/money";

// Reading the order forms (phone order, item and address corrections) into the shape their server schemas take.
// Amounts are typed in major units and sent as exact integer cents. An amount that does not parse is sent as
// typed, so the server refuses it and nothing is saved, while the form shows its own, clearer message for it.

export type FormErrors = Record<string, string[]>;

const text = (value: FormDataEntryValue | null | undefined) => (typeof value === "string" ? value : "");

/** Cents for a typed amount, or the text itself (with a message in `errors[key]`) when it is not an amount. */
export function amountValue(raw: string, key: string, label: string, errors: FormErrors, required = false): number | string | undefined {
  const typed = raw.trim();
  if (typed === "") {
    if (required) errors[key] = [`Enter the ${label.toLowerCase()}, e.g. 12.50`];
    return required ? "" : undefined;
  }
  const cents = parseAmountToCents(typed);
  if (cents !== null) return cents;
  errors[key] = [`${label} must be an amount such as 12.50 (at most two decimals)`];
  return typed;
}

/** A whole number as a number; anything else as typed, for the server's quantity message. */
export function quantityValue(raw: string): number | string {
  const typed = raw.trim();
  return /^\d{1,9}$/.test(typed) ? Number(typed) : typed;
}

export type ItemValues = { sku: string; name: string; quantity: number | string; unitPriceCents: number | string | undefined };

/** The item rows in screen order: each row's inputs share a name (itemSku, itemName, itemQuantity, itemUnitPrice). */
export function readItems(form: FormData, errors: FormErrors, key = "items"): ItemValues[] {
  const names = form.getAll("itemName").map(text);
  const quantities = form.getAll("itemQuantity").map(text);
  const prices = form.getAll("itemUnitPrice").map(text);
  return form.getAll("itemSku").map((sku, i) => ({
    sku: text(sku),
    name: names[i] ?? "",
    quantity: quantityValue(quantities[i] ?? ""),
    unitPriceCents: amountValue(prices[i] ?? "", `${key}.${i}.unitPriceCents`, "Unit price", errors, true),
  }));
}

export const addressKeys = ["name", "line1", "line2", "city", "region", "postalCode", "country"] as const;

/** An address fieldset whose inputs are named `${prefix}.line1` and so on; the country in capitals. */
export function readAddress(form: FormData, prefix: string): Record<(typeof addressKeys)[number], string> {
  const value = (key: string) => text(form.get(`${prefix}.${key}`));
  return {
    name: value("name"),
    line1: value("line1"),
    line2: value("line2"),
    city: value("city"),
    region: value("region"),
    postalCode: value("postalCode"),
    country: value("country").trim().toUpperCase(),
  };
}
