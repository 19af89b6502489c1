import { AddressBlock } from "./components/address-block";
import { Layout } from "./components/layout";
import { CallToAction, Greeting, Paragraph } from "./components/parts";
import { previewAddress, previewBase } from "./components/preview-data";
import type { Address, BaseProps, Copy } from "./components/types";

// SOP 003 §3.6: the parcel is on the van today; the time window when the carrier gives one.

export type OutForDeliveryProps = BaseProps & {
  carrier: string | null;
  /** "between 2 pm and 6 pm"; without one the notice says "today". */
  timeWindow: string | null;
  trackingLink: string | null;
  shippingAddress: Address;
};

const when = (p: OutForDeliveryProps) => (p.timeWindow ? `today, ${p.timeWindow}` : "today");

export function outForDeliveryCopy(p: OutForDeliveryProps): Copy {
  return {
    subject: `Your order #${p.orderNumber} is out for delivery`,
    preview: `It should arrive ${when(p)}.`,
    sms: `${p.brand.shopName}: Your order #${p.orderNumber} is out for delivery and should arrive ${when(p)}. Track it: ${p.trackingPageUrl ?? p.trackingLink ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `Your order number ${p.orderNumber} is out for delivery${p.carrier ? ` with ${p.carrier}` : ""} and should arrive ${when(p)}, at ${p.shippingAddress.line1}, ${p.shippingAddress.city}.`,
      `Will someone be there to receive it?`,
    ].join(" "),
  };
}

export function OutForDeliveryEmail(p: OutForDeliveryProps) {
  const copy = outForDeliveryCopy(p);
  const trackHref = p.trackingLink ?? p.trackingPageUrl;
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>
        Your order #{p.orderNumber} is out for delivery{p.carrier ? ` with ${p.carrier}` : ""} and should arrive {when(p)}.
      </Paragraph>
      <AddressBlock title="Delivering to" address={p.shippingAddress} />
      <Paragraph>If nobody is in, the carrier will leave a note with what happens next.</Paragraph>
      {trackHref ? (
        <CallToAction href={trackHref} color={p.brand.primaryColor}>
          Track your parcel
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: OutForDeliveryProps = {
  ...previewBase,
  carrier: "UPS",
  timeWindow: "between 2 pm and 6 pm",
  trackingLink: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  shippingAddress: previewAddress,
};
OutForDeliveryEmail.PreviewProps = PreviewProps;

export default OutForDeliveryEmail;
