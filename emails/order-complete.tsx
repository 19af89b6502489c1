import { ItemsTable } from "./components/items-table";
import { Layout } from "./components/layout";
import { Facts, Greeting, Label, Paragraph } from "./components/parts";
import { previewBase, previewItems, previewTotals } from "./components/preview-data";
import type { BaseProps, Copy, ItemLine, Totals } from "./components/types";

// SOP 001 §6 and its "Order Completion" template: thank the customer; the receipt travels as a PDF attachment.

export type OrderCompleteProps = BaseProps & {
  placedAt: string;
  items: ItemLine[];
  totals: Totals;
  receiptFilename: string;
};

export function orderCompleteCopy(p: OrderCompleteProps): Copy {
  return {
    subject: `Your order #${p.orderNumber} is complete`,
    preview: `Thank you for shopping with us! Your receipt is attached.`,
    sms: `${p.brand.shopName}: Your order #${p.orderNumber} is complete. Thank you for shopping with us! Order details: ${p.trackingPageUrl ?? ""}`,
    callScript: [
      `Hello, may I speak with ${p.firstName}? This is (your name) calling from ${p.brand.shopName}.`,
      `Your order number ${p.orderNumber} is complete, ${p.totals.total} in total. Thank you for shopping with us!`,
      `We have emailed you the receipt. Was everything as you expected?`,
    ].join(" "),
  };
}

export function OrderCompleteEmail(p: OrderCompleteProps) {
  const copy = orderCompleteCopy(p);
  return (
    <Layout brand={p.brand} preview={copy.preview} trackingPageUrl={p.trackingPageUrl}>
      <Greeting firstName={p.firstName} />
      <Paragraph>Your order #{p.orderNumber} is complete. Thank you for shopping with {p.brand.shopName}!</Paragraph>
      <Paragraph>Your receipt is attached ({p.receiptFilename}).</Paragraph>
      <Facts rows={[["Ordered", p.placedAt]]} />
      <Label>Summary</Label>
      <ItemsTable items={p.items} totals={p.totals} />
    </Layout>
  );
}

export const PreviewProps: OrderCompleteProps = {
  ...previewBase,
  placedAt: "Nov 23, 2026, 9:12 AM EST",
  items: previewItems,
  totals: previewTotals,
  receiptFilename: "receipt-OL-104823.pdf",
};
OrderCompleteEmail.PreviewProps = PreviewProps;

export default OrderCompleteEmail;
