import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { templates } from "@/db/schema";
import { csvCell } from "@/lib/csv-writer";
import { parseCsv } from "@/lib/fulfillment/tracking-csv";
import { sampleNoticeFacts } from "@/lib/notifications/sample-notice-facts";
import { defaultFields, renderNotice, templateFields, type NoticeFacts } from "@/lib/notifications/templates";

// What customers and reps write reaches emails and spreadsheets as text, never as markup or formulas
// (docs/security.md "Bad input"). lib/notifications/templates.test.ts checks one fixed fragment per template;
// these try random text around tag, attribute and formula openers in every free field and every customer-typed fact.

// A tag and an attribute break-out; escaped, neither survives as markup.
const injection = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(`"><x-injected data-injected="1">`, `'><x-injected data-injected='1'>`, "<x-injected/>", "</p><x-injected>"), fc.string({ maxLength: 12 }))
  .map(([before, fragment, after]) => `${before}${fragment}${after}`);

const factsWith = (text: string): NoticeFacts => {
  const base = sampleNoticeFacts();
  return {
    ...base,
    customer: { ...base.customer, name: text, firstName: text },
    order: base.order && { ...base.order, shippingAddress: { ...base.order.shippingAddress, name: text, line1: text }, items: [{ sku: text, name: text, quantity: 1, unitPriceCents: 100 }] },
  };
};

describe("emails escape what people typed", () => {
  it.each(templates)("%s: no typed fragment becomes a tag or an attribute", async (template) => {
    await fc.assert(
      fc.asyncProperty(injection, async (text) => {
        const facts = factsWith(text);
        // Every free field the rep fills in (dates and amounts are checked by their own formats, so text goes in the rest).
        const typed = Object.fromEntries(templateFields[template].filter((f) => f.kind === "text" || f.kind === "textarea").map((f) => [f.name, text]));
        const notice = await renderNotice(template, facts, { ...defaultFields(template, facts), ...typed });
        expect(notice.html).not.toMatch(/<x-injected/i);
        expect(notice.html).not.toMatch(/data-injected=["']1/);
        expect(notice.subject).not.toMatch(/[\r\n]/);
      }),
      { seed: 8, numRuns: 15 },
    );
  });
});

describe("the CSV export neutralises formulas", () => {
  it("never lets a cell start a formula, and reads back as the text written (apostrophes aside)", () => {
    const cellText = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r", "=HYPERLINK(", "@SUM(", "-2+3"), fc.string()).map(([start, rest]) => start + rest),
    );
    fc.assert(
      fc.property(cellText, (text) => {
        const cell = csvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
        expect(unquoted).not.toMatch(/^[=+\-@\t\r]/);
        const [row] = parseCsv(`${cell},x\r\n`);
        const read = row!.fields[0]!;
        // Apostrophes aside: one before a formula at the start, one after a ";", tab or line break before a formula.
        const written = text.replace(/\r\n?/g, "\n").replace(/([;\t\n])(?=[=+\-@\t\r"])/g, "$1'");
        expect(read === written || read === `'${written}`).toBe(true);
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});
