import { Link } from "@react-email/components";
import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, isHref, LinkOrText, Paragraph } from "./components/parts";
import { previewBase } from "./components/preview-data";
import type { BaseProps, Copy } from "./components/types";

// The tracking of a shipped order changed after the shipped notice went out (a mistyped number, a re-labelled parcel,
// or tracking given to a parcel that first travelled without): the customer is told which number to follow now.

export type TrackingUpdatedProps = BaseProps & {
  carrier: string;
  trackingNumber: string;
  /** The carrier's tracking page. */
  trackingLink: string;
  estimatedDelivery: string | null;
};

export function trackingUpdatedCopy(p: TrackingUpdatedProps): Copy {
  return {
    subject: `New tracking details for your order #${p.orderNumber}`,
    preview: `Follow it with ${p.carrier}, tracking number ${p.trackingNumber}.${p.estimatedDelivery ? ` Estimated delivery: ${p.estimatedDelivery}.` : ""}`,
    sms: `${p.brand.shopName}: New tracking for your order #${p.orderNumber}: ${p.carrier} ${p.trackingNumber}. Track it: ${p.trackingLink} Order page: ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `The tracking details of your order number ${p.orderNumber} have changed: it travels with ${p.carrier}, tracking number ${p.trackingNumber}.`,
      `We have also sent you the new tracking link. Please use it from now on.`,
      `Is there anything else I can help you with?`,
    ].join(" "),
  };
}

export function TrackingUpdatedEmail(p: TrackingUpdatedProps) {
  const copy = trackingUpdatedCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>The tracking details of your order #{p.orderNumber} have changed. Please follow it with these from now on:</Paragraph>
      <Facts
        rows={[
          ["Carrier", p.carrier],
          ["Tracking number", p.trackingNumber],
          ["Track your parcel", <LinkOrText key="link" value={p.trackingLink} />],
          ...(p.estimatedDelivery ? ([["Estimated delivery", p.estimatedDelivery]] as [string, string][]) : []),
        ]}
      />
      {isHref(p.trackingLink) ? (
        <CallToAction href={p.trackingLink} color={p.brand.primaryColor}>
          Track with {p.carrier}
        </CallToAction>
      ) : null}
      {p.trackingPageUrl ? (
        <Paragraph>
          Your order page shows every step: <Link href={p.trackingPageUrl}>see your order</Link>.
        </Paragraph>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: TrackingUpdatedProps = {
  ...previewBase,
  carrier: "UPS",
  trackingNumber: "1Z999AA10123456784",
  trackingLink: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  estimatedDelivery: "Mon, Nov 30, 2026",
};
TrackingUpdatedEmail.PreviewProps = PreviewProps;

export default TrackingUpdatedEmail;
