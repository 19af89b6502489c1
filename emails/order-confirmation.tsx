import { AddressBlock } from "./components/address-block";
import { ItemsTable } from "./components/items-table";
import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, Label, Paragraph } from "./components/parts";
import { previewAddress, previewBase, previewItems, previewTotals } from "./components/preview-data";
import type { Address, BaseProps, Copy, ItemLine, Totals } from "./components/types";

// SOP 001 §2: order number, date and time, the items, billing and shipping addresses, the estimated delivery date
// and how to reach us — all of them, within one business hour of the order.

export type OrderConfirmationProps = BaseProps & {
  placedAt: string;
  items: ItemLine[];
  totals: Totals;
  paymentMethod: string;
  shippingAddress: Address;
  billingAddress: Address;
  estimatedDelivery: string;
};

export function orderConfirmationCopy(p: OrderConfirmationProps): Copy {
  return {
    subject: `Thank you for your order #${p.orderNumber}`,
    preview: `We have received your order and will keep you updated. Estimated delivery: ${p.estimatedDelivery}.`,
    sms: `${p.brand.shopName}: Thank you for your order #${p.orderNumber}, ${p.firstName}! Estimated delivery: ${p.estimatedDelivery}. Track it: ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `I'm calling to confirm your order number ${p.orderNumber}, placed on ${p.placedAt}: ${p.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}, ${p.totals.total} in total.`,
      `We'll ship it to ${p.shippingAddress.line1}, ${p.shippingAddress.city}, and the estimated delivery date is ${p.estimatedDelivery}.`,
      `You can follow it on the tracking link we sent you, or call us on ${p.brand.supportPhone}. Is there anything you'd like to change?`,
    ].join(" "),
  };
}

export function OrderConfirmationEmail(p: OrderConfirmationProps) {
  const copy = orderConfirmationCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>
        Thank you for your order #{p.orderNumber}. We have received it and will update you on its progress.
      </Paragraph>
      <Facts
        rows={[
          ["Order number", p.orderNumber],
          ["Placed", p.placedAt],
          ["Estimated delivery", p.estimatedDelivery],
          ["Payment", p.paymentMethod],
        ]}
      />
      <Label>Your items</Label>
      <ItemsTable items={p.items} totals={p.totals} />
      <AddressBlock title="Shipping to" address={p.shippingAddress} />
      <AddressBlock title="Billing address" address={p.billingAddress} />
      {p.trackingPageUrl ? (
        <CallToAction href={p.trackingPageUrl} color={p.brand.primaryColor}>
          Track your order
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: OrderConfirmationProps = {
  ...previewBase,
  placedAt: "Nov 23, 2026, 9:12 AM EST",
  items: previewItems,
  totals: previewTotals,
  paymentMethod: "Card",
  shippingAddress: previewAddress,
  billingAddress: previewAddress,
  estimatedDelivery: "Mon, Nov 30, 2026",
};
OrderConfirmationEmail.PreviewProps = PreviewProps;

export default OrderConfirmationEmail;
