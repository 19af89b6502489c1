import { PDFDocument, rgb, StandardFonts, type PDFFont } from "pdf-lib";
import type { Address } from "@/db/schema/orders";
import { formatDateTime, formatMoney, isValidTimeZone } from "@/lib/format";
import type { NoticeFacts } from "./templates";

// The receipt attached to order_complete (SOP 001 §6): shop, order number and date, items with quantities and
// prices, the totals and the billing address. Standard PDF fonts need no font file but only speak WinAnsi, so text
// is brought into that set first: "ë" stays, "ő" becomes "o", "李" becomes "?" — a receipt must never fail to render
// because of a customer's name.

const PAGE = { width: 612, height: 792 }; // US Letter: the default calendar and currency are American
const MARGIN = 50;
const COLUMNS = { qty: 370, unit: 470, total: PAGE.width - MARGIN }; // right edges
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.45, 0.45, 0.5);

export function receiptFilename(orderNumber: string): string {
  return `receipt-${orderNumber.replace(/[^\w-]/g, "")}.pdf`;
}

export async function receiptPdf(facts: NoticeFacts, options?: { timeZone?: string }): Promise<Buffer> {
  const order = facts.order;
  if (!order) throw new Error("A receipt needs an order.");
  const zone = [options?.timeZone, facts.customer.timeZone].find(isValidTimeZone) ?? "UTC";
  const money = (cents: number) => formatMoney(cents, order.currency);

  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const safe = winAnsi(regular);
  doc.setTitle(safe(`Receipt ${order.number}`));
  doc.setAuthor(safe(facts.branding.shopName));
  doc.setCreator("Orderline");
  doc.setProducer("Orderline");

  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const text = (value: string, x: number, size = 10, font: PDFFont = regular, color = INK) => {
    page.drawText(safe(value), { x, y, size, font, color });
  };
  const right = (value: string, edge: number, size = 10, font: PDFFont = regular) => {
    const s = safe(value);
    page.drawText(s, { x: edge - font.widthOfTextAtSize(s, size), y, size, font, color: INK });
  };
  const newPageIfBelow = (room: number) => {
    if (y - room >= MARGIN) return false;
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
    return true;
  };

  text(facts.branding.shopName, MARGIN, 18, bold);
  right("Receipt", COLUMNS.total, 18, bold);
  y -= 16;
  text(`${facts.branding.supportEmail} · ${facts.branding.supportPhone}`, MARGIN, 9, regular, GREY);
  y -= 30;

  for (const [label, value] of [
    ["Order number", order.number],
    ["Order date", formatDateTime(order.placedAt, zone)],
    ["Payment", order.paymentMethod],
  ] as const) {
    text(label, MARGIN, 10, bold);
    text(value, MARGIN + 100, 10);
    y -= 15;
  }
  y -= 10;
  text("Billed to", MARGIN, 10, bold);
  for (const line of addressLines(order.billingAddress)) {
    text(line, MARGIN + 100, 10);
    y -= 14;
  }
  y -= 16;

  const tableHeader = () => {
    text("Item", MARGIN, 9, bold, GREY);
    right("Qty", COLUMNS.qty, 9, bold);
    right("Unit price", COLUMNS.unit, 9, bold);
    right("Amount", COLUMNS.total, 9, bold);
    y -= 6;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: COLUMNS.total, y }, thickness: 0.5, color: GREY });
    y -= 14;
  };
  tableHeader();
  const nameWidth = COLUMNS.qty - 40 - MARGIN;
  for (const item of order.items) {
    if (newPageIfBelow(20)) tableHeader();
    text(fit(safe(item.name), regular, 10, nameWidth), MARGIN);
    right(String(item.quantity), COLUMNS.qty);
    right(money(item.unitPriceCents), COLUMNS.unit);
    right(money(item.unitPriceCents * item.quantity), COLUMNS.total);
    y -= 12;
    text(item.sku, MARGIN, 8, regular, GREY);
    y -= 16;
  }

  newPageIfBelow(90);
  page.drawLine({ start: { x: COLUMNS.qty - 40, y: y + 8 }, end: { x: COLUMNS.total, y: y + 8 }, thickness: 0.5, color: GREY });
  y -= 6;
  for (const [label, cents, font] of [
    ["Subtotal", order.subtotalCents, regular],
    ["Shipping", order.shippingCents, regular],
    ["Tax", order.taxCents, regular],
    ["Total", order.totalCents, bold],
  ] as const) {
    right(label, COLUMNS.unit, 10, font);
    right(money(cents), COLUMNS.total, 10, font);
    y -= 15;
  }

  y -= 24;
  newPageIfBelow(20);
  text(`Thank you for shopping with ${facts.branding.shopName}!`, MARGIN, 10, regular, GREY);

  return Buffer.from(await doc.save());
}

function addressLines(a: Address): string[] {
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [a.name, a.line1, a.line2, cityLine, a.country].filter((line): line is string => !!line?.trim());
}

/** Text the font can encode: kept where it can, its letter without the accent where that can, else "?". */
function winAnsi(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  const can = (s: string) => Array.from(s).every((c) => supported.has(c.codePointAt(0)!));
  return (text) =>
    Array.from(text.replace(/[\t\r\n]+/g, " "), (char) => {
      if (can(char)) return char;
      // NFKD turns Intl's narrow no-break space into a space and "ő" into "o" + a combining mark.
      const plain = char.normalize("NFKD").replace(/\p{M}/gu, "");
      return plain && can(plain) ? plain : "?";
    }).join("");
}

/** Cut to the width with an ellipsis, so a long item name never runs into the price columns. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}
