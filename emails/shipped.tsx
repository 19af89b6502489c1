import { Link } from "@react-email/components";
import { AddressBlock } from "./components/address-block";
import { ItemsTable } from "./components/items-table";
import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, isHref, Label, LinkOrText, Paragraph } from "./components/parts";
import { previewAddress, previewBase, previewItems } from "./components/preview-data";
import type { Address, BaseProps, Copy, ItemLine } from "./components/types";

// SOP 000 step 3 / SOP 001 "Order Dispatched": carrier, tracking number and the carrier's tracking link — or, for an
// order that travels without one (hand delivery, a local courier), how it travels and where to follow it instead.

type Tracked = { carrier: string; trackingNumber: string; /** The carrier's tracking page. */ trackingLink: string; travelsBy?: null };
type Untracked = { carrier?: null; trackingNumber?: null; trackingLink?: null; /** e.g. "with a local courier (Speedy Bikes)". */ travelsBy: string };

export type ShippedProps = BaseProps &
  (Tracked | Untracked) & {
    estimatedDelivery: string | null;
    shippingAddress: Address;
    items: ItemLine[];
  };

export function shippedCopy(p: ShippedProps): Copy {
  if (p.travelsBy) return untrackedCopy(p, p.travelsBy);
  return {
    subject: `Your order #${p.orderNumber} has shipped!`,
    preview: `${p.carrier} tracking number ${p.trackingNumber}.${p.estimatedDelivery ? ` Estimated delivery: ${p.estimatedDelivery}.` : ""}`,
    sms: `${p.brand.shopName}: Your order #${p.orderNumber} has shipped with ${p.carrier}! Track it: ${p.trackingLink} Order page: ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `Good news: your order number ${p.orderNumber} has been dispatched with ${p.carrier}.`,
      `The tracking number is ${p.trackingNumber}; we have also sent you the tracking link.`,
      p.estimatedDelivery ? `The estimated delivery date is ${p.estimatedDelivery}.` : "",
      `Is there anything else I can help you with?`,
    ]
      .filter(Boolean)
      .join(" "),
  };
}

function untrackedCopy(p: ShippedProps, travelsBy: string): Copy {
  const eta = p.estimatedDelivery ? ` Estimated delivery: ${p.estimatedDelivery}.` : "";
  return {
    subject: `Your order #${p.orderNumber} is on its way!`,
    preview: `It travels ${travelsBy}, without a tracking number.${eta}`,
    sms: `${p.brand.shopName}: Your order #${p.orderNumber} is on its way ${travelsBy}. There is no tracking number; follow it on your order page: ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `Good news: your order number ${p.orderNumber} has been dispatched and travels ${travelsBy}.`,
      `There is no tracking number for this delivery; your order page shows its progress.`,
      p.estimatedDelivery ? `The estimated delivery date is ${p.estimatedDelivery}.` : "",
      `Is there anything else I can help you with?`,
    ]
      .filter(Boolean)
      .join(" "),
  };
}

export function ShippedEmail(p: ShippedProps) {
  const copy = shippedCopy(p);
  if (p.travelsBy) {
    return (
      <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
        <Greeting firstName={p.firstName} />
        <Paragraph>Good news: your order #{p.orderNumber} has been dispatched and is on its way {p.travelsBy}.</Paragraph>
        <Facts
          rows={[
            ["Delivery", p.travelsBy],
            ["Tracking", "There is no tracking number for this delivery."],
            ...(p.estimatedDelivery ? ([["Estimated delivery", p.estimatedDelivery]] as [string, string][]) : []),
          ]}
        />
        <AddressBlock title="Shipping to" address={p.shippingAddress} />
        <Label>In this parcel</Label>
        <ItemsTable items={p.items} />
        {p.trackingPageUrl ? (
          <Paragraph>
            Follow every step on your order page: <Link href={p.trackingPageUrl}>see your order</Link>.
          </Paragraph>
        ) : null}
      </Layout>
    );
  }
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>Good news: your order #{p.orderNumber} has been dispatched and is on its way!</Paragraph>
      <Facts
        rows={[
          ["Carrier", p.carrier!],
          ["Tracking number", p.trackingNumber!],
          ["Track your parcel", <LinkOrText key="link" value={p.trackingLink!} />],
          ...(p.estimatedDelivery ? ([["Estimated delivery", p.estimatedDelivery]] as [string, string][]) : []),
        ]}
      />
      {p.trackingLink && isHref(p.trackingLink) ? (
        <CallToAction href={p.trackingLink} color={p.brand.primaryColor}>
          Track with {p.carrier}
        </CallToAction>
      ) : null}
      <AddressBlock title="Shipping to" address={p.shippingAddress} />
      <Label>In this parcel</Label>
      <ItemsTable items={p.items} />
      {p.trackingPageUrl ? (
        <Paragraph>
          Your order page shows every step: <Link href={p.trackingPageUrl}>see your order</Link>.
        </Paragraph>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: ShippedProps = {
  ...previewBase,
  carrier: "UPS",
  trackingNumber: "1Z999AA10123456784",
  trackingLink: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  estimatedDelivery: "Mon, Nov 30, 2026",
  shippingAddress: previewAddress,
  items: previewItems,
};
ShippedEmail.PreviewProps = PreviewProps;

export default ShippedEmail;
