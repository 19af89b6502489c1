import type { Address } from "@/db/schema/orders";
import { defaultBranding } from "@/lib/settings/defaults";
import type { NoticeFacts } from "./templates";

// Realistic facts for rendering tests (no database): a shipped two-item order to Boston, customer in New York time.

export const sampleShipping: Address = { name: "Ada Lovelace", line1: "12 Marlborough Street", line2: "Apt 4", city: "Boston", region: "MA", postalCode: "02116", country: "US" };
export const sampleBilling: Address = { name: "Ada King", line1: "1 Ockham Park", city: "Cambridge", region: "MA", postalCode: "02139", country: "US" };
export const sampleTrackingPage = `https://orders.northwind.example/track/${"3f9c2a7be1d04c6f".repeat(4)}`;

type Overrides = { customer?: Partial<NoticeFacts["customer"]>; order?: Partial<NonNullable<NoticeFacts["order"]>> | null } & Partial<
  Omit<NoticeFacts, "customer" | "order">
>;

export function sampleNoticeFacts(overrides: Overrides = {}): NoticeFacts {
  const { customer, order, ...rest } = overrides;
  return {
    customer: {
      id: "7b0c1f52-5a5e-4a39-9a5c-0d6f1c2b3a4d",
      name: "Ada Lovelace",
      firstName: "Ada",
      email: "ada@example.com",
      phone: "+16175550123",
      preferredChannel: "email",
      smsConsent: true,
      timeZone: "America/New_York",
      ...customer,
    },
    order:
      order === null
        ? null
        : {
            id: "0f6a3c9e-2d41-4b8e-9c3a-5e7d1b2f4a60",
            number: "OL-104823",
            status: "shipped",
            placedAt: new Date("2026-11-23T14:12:00Z"),
            currency: "USD",
            items: [
              { sku: "TOTE-CNV", name: "Canvas tote", quantity: 2, unitPriceCents: 2500 },
              { sku: "MUG-ENM-BLU", name: "Enamel mug, blue", quantity: 1, unitPriceCents: 1450 },
            ],
            subtotalCents: 6450,
            shippingCents: 500,
            taxCents: 403,
            totalCents: 7353,
            paymentMethod: "card",
            shippingAddress: sampleShipping,
            billingAddress: sampleBilling,
            promisedDeliveryDate: "2026-11-30",
            revisedDeliveryDate: null,
            carrierLabel: "UPS",
            trackingNumber: "1Z999AA10123456784",
            trackingLink: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
            travelsBy: null,
            deliveredAt: null,
            ...order,
          },
    proofOfDelivery: null,
    trackingPageUrl: order === null ? null : sampleTrackingPage,
    branding: defaultBranding,
    ...rest,
  };
}
