import type { Address } from "@/db/schema";
import { firstNames, lastNames, products, taxRates, usCities } from "./catalog";
import type { OrderCtx } from "./context";
import { randomUsAddress } from "./people";

// What the customer bought and where it goes: items, money in cents, billing and shipping addresses.

export type OrderLine = { sku: string; name: string; quantity: number; unitPriceCents: number };

export type OrderBase = {
  lines: OrderLine[];
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  billingAddress: Address;
  shippingAddress: Address;
  paymentMethod: string;
};

export function buildOrderBase(o: OrderCtx): OrderBase {
  const { rng, customer } = o;
  const lineCount = rng.weighted([[1, 45], [2, 30], [3, 15], [4, 10]] as const);
  const lines = rng.sample(products, lineCount).map((p) => ({
    sku: p.sku,
    name: p.name,
    quantity: rng.weighted([[1, 80], [2, 15], [3, 5]] as const),
    unitPriceCents: p.priceCents,
  }));
  const subtotalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const express = rng.chance(0.15);
  const shippingCents = express ? 1495 : subtotalCents >= 7500 ? 0 : 695;

  const billingAddress = customer.address;
  let shippingAddress = customer.address;
  // A gift to someone else, or (for customers abroad) an order shipped to family in the US.
  if (customer.address.country !== "US" || rng.chance(0.12)) {
    const recipient = rng.chance(0.5) ? customer.name : `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    shippingAddress = randomUsAddress(rng, recipient);
  }
  const rate = taxRates[shippingAddress.region ?? ""] ?? 0.07;
  const taxCents = Math.round(subtotalCents * rate);
  return {
    lines,
    subtotalCents,
    shippingCents,
    taxCents,
    totalCents: subtotalCents + shippingCents + taxCents,
    billingAddress,
    shippingAddress,
    paymentMethod: rng.weighted([["card", 82], ["paypal", 12], ["apple_pay", 6]] as const),
  };
}

/** The time zone at the shipping address (US cities from the catalog), else the customer's own. */
export function deliveryTimeZone(address: Address, fallback: string): string {
  return usCities.find((c) => c.city === address.city && c.region === address.region)?.tz ?? fallback;
}
