import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, Lines, Paragraph } from "./components/parts";
import { previewBase } from "./components/preview-data";
import type { BaseProps, Copy } from "./components/types";

// SOP 001 §5: the outcome of a modification or cancellation request and its next steps (e.g. the refund), within
// 24 hours of the request.

export type RequestOutcomeProps = BaseProps & {
  /** "approved", "rejected", or a marked gap while the rep has not chosen. */
  decision: string;
  /** What changes on the order — or, when rejected, why not and what the customer can do instead. */
  whatChanges: string;
  refund: { amount: string; timeline: string; method: string } | null;
};

const outcome = (decision: string) => (decision === "approved" ? "approved" : decision === "rejected" ? "declined" : decision);

export function requestOutcomeCopy(p: RequestOutcomeProps): Copy {
  const refund = p.refund ? ` Refund: ${p.refund.amount}, ${p.refund.timeline}.` : "";
  return {
    subject: `Your request for order #${p.orderNumber} has been ${outcome(p.decision)}`,
    preview: p.refund ? `Refund of ${p.refund.amount}: ${p.refund.timeline}.` : `Here is what happens next with your order.`,
    sms: `${p.brand.shopName}: Your request for order #${p.orderNumber} has been ${outcome(p.decision)}.${refund} Details: ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName} about your request for order number ${p.orderNumber}.`,
      `Your request has been ${outcome(p.decision)}. ${p.whatChanges}`,
      p.refund ? `We are refunding ${p.refund.amount} to your ${p.refund.method}: ${p.refund.timeline}.` : "",
      `Do you have any questions about this?`,
    ]
      .filter(Boolean)
      .join(" "),
  };
}

export function RequestOutcomeEmail(p: RequestOutcomeProps) {
  const copy = requestOutcomeCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>
        Your request for order #{p.orderNumber} has been {outcome(p.decision)}.
      </Paragraph>
      <Paragraph>
        <Lines text={p.whatChanges} />
      </Paragraph>
      {p.refund ? (
        <Facts
          rows={[
            ["Refund", p.refund.amount],
            ["Refunded to", p.refund.method],
            ["When", p.refund.timeline],
          ]}
        />
      ) : null}
      {p.trackingPageUrl ? (
        <CallToAction href={p.trackingPageUrl} color={p.brand.primaryColor}>
          See your order
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: RequestOutcomeProps = {
  ...previewBase,
  decision: "approved",
  whatChanges: "We have cancelled your order. Nothing will be shipped.",
  refund: { amount: "$73.53", timeline: "within 5–10 business days", method: "card" },
};
RequestOutcomeEmail.PreviewProps = PreviewProps;

export default RequestOutcomeEmail;
