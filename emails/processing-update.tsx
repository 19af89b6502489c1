import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, Lines, Paragraph } from "./components/parts";
import { previewBase } from "./components/preview-data";
import type { BaseProps, Copy } from "./components/types";

// SOP 000 step 2: processing takes longer than usual, so the customer hears it from us with a time for the next
// update ("update expected by") — which is also when the next processing_update clock falls due.

export type ProcessingUpdateProps = BaseProps & {
  updateExpectedBy: string;
  reason: string | null;
  estimatedDelivery: string | null;
};

export function processingUpdateCopy(p: ProcessingUpdateProps): Copy {
  return {
    subject: `Your order #${p.orderNumber} is being processed`,
    preview: `It is taking a little longer than usual. Next update expected by ${p.updateExpectedBy}.`,
    sms: `${p.brand.shopName}: Your order #${p.orderNumber} is being processed; it is taking longer than usual. Update expected by ${p.updateExpectedBy}. ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName} about your order number ${p.orderNumber}.`,
      `Your order is being processed, but it is taking longer than usual.${p.reason ? ` ${p.reason}` : ""}`,
      `We will give you an update by ${p.updateExpectedBy}.${p.estimatedDelivery ? ` The estimated delivery date is still ${p.estimatedDelivery}.` : ""}`,
      `I'm sorry for the wait. Is there anything I can help you with in the meantime?`,
    ].join(" "),
  };
}

export function ProcessingUpdateEmail(p: ProcessingUpdateProps) {
  const copy = processingUpdateCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>Your order #{p.orderNumber} is being processed, but it is taking a little longer than usual.</Paragraph>
      {p.reason ? (
        <Paragraph>
          <Lines text={p.reason} />
        </Paragraph>
      ) : null}
      <Facts
        rows={[
          ["Next update expected by", p.updateExpectedBy],
          ...(p.estimatedDelivery ? ([["Estimated delivery", p.estimatedDelivery]] as [string, string][]) : []),
        ]}
      />
      <Paragraph>Thank you for your patience. We will be in touch by then, sooner if anything changes.</Paragraph>
      {p.trackingPageUrl ? (
        <CallToAction href={p.trackingPageUrl} color={p.brand.primaryColor}>
          See your order
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: ProcessingUpdateProps = {
  ...previewBase,
  updateExpectedBy: "Nov 25, 2026, 5:00 PM EST",
  reason: "One of your items is being engraved by hand, which takes an extra day.",
  estimatedDelivery: "Mon, Nov 30, 2026",
};
ProcessingUpdateEmail.PreviewProps = PreviewProps;

export default ProcessingUpdateEmail;
