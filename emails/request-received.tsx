import { Layout } from "./components/layout";
import { CallToAction, Greeting, Lines, Paragraph } from "./components/parts";
import { previewBase } from "./components/preview-data";
import type { BaseProps, Copy } from "./components/types";

// SOP 001 §5: "We have received your request to [modify/cancel] order #[Order Number]", within one business hour.

export type RequestReceivedProps = BaseProps & {
  /** "modify" or "cancel" (or a marked gap) when known; without it the notice says "your request about". */
  request: string | null;
  details: string | null;
};

const asked = (p: RequestReceivedProps) => (p.request ? `your request to ${p.request}` : "your request about");

export function requestReceivedCopy(p: RequestReceivedProps): Copy {
  return {
    subject: `We received ${asked(p)} order #${p.orderNumber}`,
    preview: `We are reviewing it and will let you know the outcome and any next steps.`,
    sms: `${p.brand.shopName}: We have received ${asked(p)} order #${p.orderNumber}. We will let you know the outcome. ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `I'm confirming that we have received ${asked(p)} order number ${p.orderNumber}.${p.details ? ` ${p.details}` : ""}`,
      `We are reviewing it now and will let you know the outcome and any next steps. Is there anything you'd like to add?`,
    ].join(" "),
  };
}

export function RequestReceivedEmail(p: RequestReceivedProps) {
  const copy = requestReceivedCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>
        We have received {asked(p)} order #{p.orderNumber}.
      </Paragraph>
      {p.details ? (
        <Paragraph>
          <Lines text={p.details} />
        </Paragraph>
      ) : null}
      <Paragraph>We are reviewing it now and will let you know the outcome and any next steps.</Paragraph>
      {p.trackingPageUrl ? (
        <CallToAction href={p.trackingPageUrl} color={p.brand.primaryColor}>
          See your order
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: RequestReceivedProps = {
  ...previewBase,
  request: "modify",
  details: "You asked us to deliver to 40 Beacon Street, Boston instead.",
};
RequestReceivedEmail.PreviewProps = PreviewProps;

export default RequestReceivedEmail;
