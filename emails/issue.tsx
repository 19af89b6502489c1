import { Layout } from "./components/layout";
import { asSentence, Greeting, Label, Lines, Paragraph } from "./components/parts";
import { previewBase } from "./components/preview-data";
import type { BaseProps, Copy } from "./components/types";

// SOP 001 §3 and its "Issue Notification" template: a payment, stock or address problem, and what the customer
// must do about it.

export type IssueKind = "payment" | "stock" | "address" | "other";

export type IssueProps = BaseProps & {
  issueKind: IssueKind | null;
  problem: string;
  customerAction: string;
};

const about = (kind: IssueKind | null) => (kind && kind !== "other" ? `a ${kind} problem` : "a problem");

export function issueCopy(p: IssueProps): Copy {
  return {
    subject: `Action needed: ${about(p.issueKind)} with your order #${p.orderNumber}`,
    preview: `What we need from you: ${p.customerAction}`,
    sms: `${p.brand.shopName}: There is an issue with your order #${p.orderNumber}: ${p.problem}. What we need from you: ${p.customerAction}. Call us: ${p.brand.supportPhone} ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName} about your order number ${p.orderNumber}.`,
      `There is an issue with your order: ${p.problem}.`,
      `To sort it out, we need you to ${p.customerAction}. Can we do that together now?`,
    ].join(" "),
  };
}

export function IssueEmail(p: IssueProps) {
  const copy = issueCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>
        There is an issue with your order #{p.orderNumber}: <Lines text={p.problem} />.
      </Paragraph>
      <Label>What we need from you</Label>
      <Paragraph>
        <Lines text={asSentence(p.customerAction)} />
      </Paragraph>
      <Paragraph>
        Please contact us for assistance at {p.brand.supportEmail} or {p.brand.supportPhone}. Your order waits for you until this is sorted
        out.
      </Paragraph>
    </Layout>
  );
}

export const PreviewProps: IssueProps = {
  ...previewBase,
  issueKind: "payment",
  problem: "your card was declined when we tried to take the payment",
  customerAction: "update your card details by calling us, or reply with a time that suits you for a call",
};
IssueEmail.PreviewProps = PreviewProps;

export default IssueEmail;
