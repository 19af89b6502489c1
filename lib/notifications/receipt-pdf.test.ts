import { inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { receiptFilename, receiptPdf } from "./receipt-pdf";
import { sampleNoticeFacts } from "./sample-notice-facts";

// WinAnsi is latin1 except 0x80–0x9F (Node's TextDecoder may lack the table, so it is spelled out).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const winAnsi = (bytes: Buffer) => Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join("");

/** The text a PDF draws: its content streams inflated, each hex string shown by Tj decoded from WinAnsi. */
function drawnText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const shown: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      content = raw.slice(start, end);
    }
    for (const [, hex] of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) shown.push(winAnsi(Buffer.from(hex!, "hex")));
  }
  return shown.join("\n");
}

describe("receiptPdf", () => {
  it("is a PDF with the shop, order, items, totals and billing address", async () => {
    const pdf = await receiptPdf(sampleNoticeFacts());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = drawnText(pdf);
    for (const fact of ["Northwind Goods", "OL-104823", "Nov 23, 2026", "Canvas tote", "Enamel mug, blue", "$25.00", "$50.00", "$64.50", "$5.00", "$4.03", "$73.53", "Ada King", "1 Ockham Park"]) {
      expect(text).toContain(fact);
    }
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe("Receipt OL-104823");
  });

  it("replaces what the standard font cannot encode instead of failing", async () => {
    const facts = sampleNoticeFacts();
    const billingAddress = { ...facts.order!.billingAddress, name: "Zoë 李 Őrs 😀" };
    const pdf = await receiptPdf({ ...facts, order: { ...facts.order!, billingAddress, items: [{ sku: "TEA-李", name: "Jasmine tea “Dragon” — 50 g", quantity: 1, unitPriceCents: 1200 }] } });
    const text = drawnText(pdf);
    expect(text).toContain("Zoë ? Ors ?");
    expect(text).toContain("Jasmine tea “Dragon” — 50 g");
    expect(text).toContain("TEA-?");
    expect(await PDFDocument.load(pdf)).toBeTruthy();
  });

  it("continues on a new page when the items do not fit on one", async () => {
    const facts = sampleNoticeFacts();
    const items = Array.from({ length: 60 }, (_, i) => ({ sku: `SKU-${i}`, name: `Item number ${i} with a rather long descriptive name that must be cut short`, quantity: 1, unitPriceCents: 100 }));
    const pdf = await receiptPdf({ ...facts, order: { ...facts.order!, items } });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(1);
    expect(drawnText(pdf)).toContain("SKU-59");
  });

  it("names the file after the order number alone", () => {
    expect(receiptFilename("OL-104823")).toBe("receipt-OL-104823.pdf");
    expect(receiptFilename("../OL 1/2")).toBe("receipt-OL12.pdf");
  });
});
