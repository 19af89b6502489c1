import { Layout } from "./components/layout";
import { CallToAction, Greeting, Label, Lines, Paragraph } from "./components/parts";
import * as s from "./components/styles";
import { previewBase } from "./components/preview-data";
import { Text } from "@react-email/components";
import type { BaseProps, Copy } from "./components/types";

// SOP 002 §4.3: every question is acknowledged or answered within 24 hours. It may be about no order at all.

export type InquiryResponseProps = Omit<BaseProps, "orderNumber"> & {
  orderNumber: string | null;
  /** The customer's question, quoted back, when the rep includes it. */
  question: string | null;
  answer: string;
};

// Inbox previews show about a line; cut by code point so an emoji is never halved.
const clip = (text: string, max: number) => {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
};

const topic = (p: InquiryResponseProps) => (p.orderNumber ? `your question about order #${p.orderNumber}` : "your question");

export function inquiryResponseCopy(p: InquiryResponseProps): Copy {
  return {
    subject: `Re: ${topic(p)}`,
    preview: clip(p.answer, 140),
    sms: `${p.brand.shopName}: ${p.orderNumber ? `Re your order #${p.orderNumber}: ` : ""}${p.answer}${p.trackingPageUrl ? ` ${p.trackingPageUrl}` : ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName} regarding ${topic(p)}.`,
      p.question ? `You asked: ${p.question}` : "",
      p.answer,
      `Does that answer your question?`,
    ]
      .filter(Boolean)
      .join(" "),
  };
}

export function InquiryResponseEmail(p: InquiryResponseProps) {
  const copy = inquiryResponseCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>Thank you for {topic(p)}.</Paragraph>
      {p.question ? (
        <>
          <Label>You asked</Label>
          <Text style={s.quote}>
            <Lines text={p.question} />
          </Text>
        </>
      ) : null}
      <Paragraph>
        <Lines text={p.answer} />
      </Paragraph>
      <Paragraph>If anything is still unclear, just reply to this email.</Paragraph>
      {p.trackingPageUrl ? (
        <CallToAction href={p.trackingPageUrl} color={p.brand.primaryColor}>
          See your order
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: InquiryResponseProps = {
  ...previewBase,
  question: "Can I pick the parcel up from the depot instead?",
  answer: "Yes: once it is out for delivery, UPS lets you choose a pick-up point from the tracking page.",
};
InquiryResponseEmail.PreviewProps = PreviewProps;

export default InquiryResponseEmail;
