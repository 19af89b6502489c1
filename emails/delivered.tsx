import { AddressBlock } from "./components/address-block";
import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, Paragraph } from "./components/parts";
import { previewAddress, previewBase } from "./components/preview-data";
import type { Address, BaseProps, Copy } from "./components/types";

// SOP 000 step 4 and SOP 004 §6–7: delivered, who signed for it, and a request for feedback.

export type DeliveredProps = BaseProps & {
  deliveredAt: string;
  /** Proof of delivery, when one was recorded. */
  receivedBy: string | null;
  receivedAt: string | null;
  shippingAddress: Address;
  feedbackUrl: string | null;
};

export function deliveredCopy(p: DeliveredProps): Copy {
  return {
    subject: `Your order #${p.orderNumber} has been delivered`,
    preview: `Delivered ${p.deliveredAt}${p.receivedBy ? `, received by ${p.receivedBy}` : ""}. How did we do?`,
    sms: `${p.brand.shopName}: Your order #${p.orderNumber} was delivered on ${p.deliveredAt}${p.receivedBy ? `, received by ${p.receivedBy}` : ""}. How did we do? ${p.feedbackUrl ?? p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `Your order number ${p.orderNumber} was delivered on ${p.deliveredAt}${p.receivedBy ? ` and received by ${p.receivedBy}` : ""}.`,
      `Did everything arrive in good condition? We'd also love to hear how the delivery went, on a scale of 1 to 5.`,
    ].join(" "),
  };
}

export function DeliveredEmail(p: DeliveredProps) {
  const copy = deliveredCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>Your order #{p.orderNumber} has been delivered.</Paragraph>
      <Facts
        rows={[
          ["Delivered", p.deliveredAt],
          ...(p.receivedBy ? ([["Received by", `${p.receivedBy}${p.receivedAt ? `, ${p.receivedAt}` : ""}`]] as [string, string][]) : []),
        ]}
      />
      <AddressBlock title="Delivered to" address={p.shippingAddress} />
      <Paragraph>If anything is missing or damaged, reply to this email or call us and we will put it right.</Paragraph>
      {p.feedbackUrl ? (
        <>
          <Paragraph>How did we do? It takes ten seconds to rate your delivery.</Paragraph>
          <CallToAction href={p.feedbackUrl} color={p.brand.primaryColor}>
            Rate your delivery
          </CallToAction>
        </>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: DeliveredProps = {
  ...previewBase,
  deliveredAt: "Nov 27, 2026, 3:05 PM EST",
  receivedBy: "A. Lovelace",
  receivedAt: "Nov 27, 2026, 3:04 PM EST",
  shippingAddress: previewAddress,
  feedbackUrl: `${previewBase.trackingPageUrl}#feedback`,
};
DeliveredEmail.PreviewProps = PreviewProps;

export default DeliveredEmail;
