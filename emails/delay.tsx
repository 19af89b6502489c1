import { Layout } from "./components/layout";
import { CallToAction, Facts, Greeting, Label, Lines, Paragraph } from "./components/parts";
import { previewBase } from "./components/preview-data";
import type { BaseProps, Copy } from "./components/types";

// SOP 000 step 5, SOP 003 §3.5, SOP 004 §5: apologise, say why, give the new date and what happens next.

export type DelayProps = BaseProps & {
  apology: string;
  cause: string;
  revisedEta: string;
  /** The date the customer was given before, when there was one. */
  previousEta: string | null;
  nextSteps: string;
};

export function delayCopy(p: DelayProps): Copy {
  return {
    subject: `Your order #${p.orderNumber} is delayed: new delivery date ${p.revisedEta}`,
    preview: `We apologize: your order has been delayed. New estimated delivery: ${p.revisedEta}.`,
    sms: `${p.brand.shopName}: We apologize, your order #${p.orderNumber} has been delayed due to ${p.cause}. New estimated delivery: ${p.revisedEta}. ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName} about your order number ${p.orderNumber}.`,
      `${p.apology} Your order has been delayed due to ${p.cause}.`,
      `The new estimated delivery date is ${p.revisedEta}${p.previousEta ? `, instead of ${p.previousEta}` : ""}.`,
      `${p.nextSteps} Is there anything I can do for you in the meantime?`,
    ].join(" "),
  };
}

export function DelayEmail(p: DelayProps) {
  const copy = delayCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>
        <Lines text={p.apology} />
      </Paragraph>
      <Paragraph>
        Your order #{p.orderNumber} has been delayed due to <Lines text={p.cause} />.
      </Paragraph>
      <Facts
        rows={[
          ["New estimated delivery", p.revisedEta],
          ...(p.previousEta ? ([["Previously", p.previousEta]] as [string, string][]) : []),
        ]}
      />
      <Label>What happens next</Label>
      <Paragraph>
        <Lines text={p.nextSteps} />
      </Paragraph>
      {p.trackingPageUrl ? (
        <CallToAction href={p.trackingPageUrl} color={p.brand.primaryColor}>
          Follow your order
        </CallToAction>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: DelayProps = {
  ...previewBase,
  apology: "We're sorry: your order will arrive later than we promised.",
  cause: "a snowstorm that closed the carrier's regional hub",
  revisedEta: "Thu, Dec 3, 2026",
  previousEta: "Mon, Nov 30, 2026",
  nextSteps: "The carrier will deliver as soon as the hub reopens. We are watching your parcel and will tell you if anything changes.",
};
DelayEmail.PreviewProps = PreviewProps;

export default DelayEmail;
