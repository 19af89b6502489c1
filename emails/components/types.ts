import type { Address } from "@/db/schema/orders";

// What every template is given. Values arrive formatted for the customer (dates in their zone, money in the order's
// currency); lib/notifications/templates.ts builds them from the order, and a required value that is still empty
// arrives as a marked gap that the renderer turns into a visible placeholder.

export type { Address };

export type Brand = {
  shopName: string;
  logoUrl: string | null;
  primaryColor: string;
  supportEmail: string;
  supportPhone: string;
};

export type ItemLine = { sku: string; name: string; quantity: number; unitPrice: string; lineTotal: string };

export type Totals = { subtotal: string; shipping: string; tax: string; total: string };

export type BaseProps = {
  brand: Brand;
  firstName: string;
  orderNumber: string;
  /** The customer's tracking page (an unguessable token, never the order number). */
  trackingPageUrl: string | null;
};

/** The words around the email: subject line, inbox preview, the SMS and what a rep reads out on the phone. */
export type Copy = { subject: string; preview: string; sms: string; callScript: string };
