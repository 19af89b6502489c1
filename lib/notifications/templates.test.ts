import { describe, expect, it } from "vitest";
import { templates, type TemplateName } from "@/db/schema";
import { sampleNoticeFacts, sampleTrackingPage } from "./sample-notice-facts";
import { defaultFields, renderNotice, suggestedTemplate, templateFields, type NoticeFacts, type RenderedNotice } from "./templates";

// Rendering is pure: realistic facts in, and the facts a customer needs must come out in every part they read.

const UPS_LINK = "https://www.ups.com/track?tracknum=1Z999AA10123456784";
const deliveredFacts = () =>
  sampleNoticeFacts({
    order: { status: "delivered", deliveredAt: new Date("2026-11-27T20:05:00Z") },
    proofOfDelivery: { recipientName: "A. Lovelace", receivedAt: new Date("2026-11-27T20:04:00Z") },
  });

/** Fields a rep would fill in for each template, on top of the prefilled ones. */
const filled: Record<TemplateName, Record<string, string>> = {
  order_confirmation: {},
  processing_update: { updateExpectedBy: "2026-11-25T17:00", reason: "One item is engraved by hand, which takes an extra day." },
  shipped: {},
  tracking_updated: {},
  out_for_delivery: { timeWindow: "between 2 pm and 6 pm" },
  delivered: {},
  delay: { cause: "a snowstorm that closed the carrier's regional hub.", revisedEta: "2026-12-03" },
  request_received: { request: "cancel", details: "You asked us to cancel the whole order." },
  request_outcome: { decision: "approved", whatChanges: "We have cancelled your order; nothing will be shipped.", refundAmount: "73.53", refundTimeline: "within 5-10 business days" },
  order_complete: {},
  issue: { issueKind: "payment", problem: "your card was declined", customerAction: "call us to update your card details" },
  inquiry_response: { question: "Can I pick it up from the depot?", answer: "Yes: once it is out for delivery, UPS lets you choose a pick-up point." },
};

const factsFor = (template: TemplateName): NoticeFacts =>
  template === "delivered" || template === "order_complete" ? deliveredFacts() : template === "inquiry_response" ? sampleNoticeFacts({ order: null }) : sampleNoticeFacts();

function renderFilled(template: TemplateName, fields: Record<string, string> = {}, facts = factsFor(template), options?: { timeZone?: string }) {
  return renderNotice(template, facts, { ...defaultFields(template, facts), ...filled[template], ...fields }, options);
}

/** The fact is in the HTML, the plain text and the SMS. */
function expectEverywhere(notice: RenderedNotice, ...facts: (string | RegExp)[]) {
  // React separates adjacent text pieces with empty comments; a reader never sees them.
  const parts = { html: notice.html.replaceAll("<!-- -->", ""), text: notice.text, sms: notice.sms };
  for (const fact of facts) {
    for (const [part, value] of Object.entries(parts)) {
      if (typeof fact === "string") expect(value, `${notice.template} ${part}`).toContain(fact);
      else expect(value, `${notice.template} ${part}`).toMatch(fact);
    }
  }
}

const names = (notice: RenderedNotice) => notice.missing.map((m) => m.name);

describe("every template with realistic data", () => {
  it.each(templates)("%s renders complete, in GSM-7 within two SMS segments", async (template) => {
    const notice = await renderFilled(template);
    expect(notice.missing).toEqual([]);
    expect(notice.html).toMatch(/^<!DOCTYPE html/);
    expect(notice.text).toContain("Hi Ada,");
    expect(notice.html).toContain("Northwind Goods");
    expect(notice.text).toContain("support@northwind.example");
    expect(notice.sms.startsWith("Northwind Goods: ")).toBe(true);
    expect(notice.smsSegments).toMatchObject({ encoding: "GSM-7" });
    expect(notice.smsSegments.segments).toBeLessThanOrEqual(2);
    expect(notice.callScript).toContain("Ada");
    for (const part of [notice.subject, notice.preview, notice.html, notice.text, notice.sms, notice.callScript]) {
      expect(part).not.toMatch(/undefined|\bnull\b|NaN|\[object|[\uE000\uE001]|\[[A-Z][a-z]/);
    }
    expect(JSON.parse(JSON.stringify(notice.data))).toEqual(notice.data);
    // Every SMS about an order names it and links its tracking page.
    if (template !== "inquiry_response") expectEverywhere(notice, "OL-104823", sampleTrackingPage);
  });

  it("defaults give every field of the template, prefilled from the order", () => {
    const facts = sampleNoticeFacts({ order: { revisedDeliveryDate: "2026-12-03" } });
    for (const template of templates) {
      expect(Object.keys(defaultFields(template, facts)).sort()).toEqual(templateFields[template].map((f) => f.name).sort());
    }
    expect(defaultFields("delay", facts)).toMatchObject({ revisedEta: "2026-12-03", cause: "" });
    expect(defaultFields("order_confirmation", facts).estimatedDelivery).toBe("2026-12-03");
    expect(defaultFields("shipped", sampleNoticeFacts()).estimatedDelivery).toBe("2026-11-30");
  });
});

describe("the facts each stage needs", () => {
  it("order_confirmation: number, date, items, both addresses, estimated delivery and contact", async () => {
    const n = await renderFilled("order_confirmation");
    expect(n.subject).toBe("Thank you for your order #OL-104823");
    expectEverywhere(n, "OL-104823", "Mon, Nov 30, 2026", sampleTrackingPage);
    for (const part of [n.html, n.text]) {
      for (const fact of ["Canvas tote", "Enamel mug, blue", "$50.00", "$73.53", "12 Marlborough Street", "Boston, MA 02116", "1 Ockham Park", "Nov 23, 2026", "+1 555 0100"]) {
        expect(part).toContain(fact);
      }
    }
    expect(n.text).toMatch(/Placed: Nov 23, 2026, 9:12\sAM EST/);
  });

  it("order_confirmation without a delivery estimate or items is not sendable", async () => {
    const facts = sampleNoticeFacts({ order: { promisedDeliveryDate: null, items: [] } });
    const n = await renderNotice("order_confirmation", facts, defaultFields("order_confirmation", facts));
    expect(names(n).sort()).toEqual(["estimatedDelivery", "order.items"]);
    expect(n.text).toContain("Estimated delivery: [Estimated delivery date]");
  });

  it("processing_update: the time of the next update, in the customer's zone", async () => {
    const n = await renderFilled("processing_update");
    expectEverywhere(n, "OL-104823", /Nov 25, 2026, 5:00\sPM EST/);
    expect(n.sms).toContain("Nov 25, 2026, 5:00 PM EST"); // a plain space: Intl's narrow one would force UCS-2
    expect(n.text).toContain("engraved by hand");
    expect(names(await renderFilled("processing_update", { updateExpectedBy: "" }))).toEqual(["updateExpectedBy"]);
    const typo = await renderFilled("processing_update", { updateExpectedBy: "tomorrow" });
    expect(typo.missing).toEqual([{ name: "updateExpectedBy", label: "Update expected by (not a date and time)" }]);
  });

  it("shipped: carrier, tracking number and the carrier's link", async () => {
    const n = await renderFilled("shipped");
    expect(n.subject).toBe("Your order #OL-104823 has shipped!");
    expectEverywhere(n, "OL-104823", "UPS", UPS_LINK, sampleTrackingPage);
    expect(n.html).toContain(`href="${UPS_LINK}"`);
    for (const part of [n.html, n.text]) expect(part).toContain("1Z999AA10123456784");
  });

  it("shipped without tracking lists each gap and links nowhere", async () => {
    const facts = sampleNoticeFacts({ order: { carrierLabel: null, trackingNumber: null, trackingLink: null } });
    const n = await renderNotice("shipped", facts, defaultFields("shipped", facts));
    expect(names(n)).toEqual(["order.carrier", "order.trackingNumber", "order.trackingLink"]);
    expect(n.html).toContain('<span data-missing="order.trackingNumber"');
    expect(n.html).not.toMatch(/href="[^"]*\[/);
    expect(n.sms).toContain("[Carrier tracking link]");
  });

  it("out_for_delivery: the time window, or today", async () => {
    expectEverywhere(await renderFilled("out_for_delivery"), "OL-104823", "today, between 2 pm and 6 pm");
    const plain = await renderFilled("out_for_delivery", { timeWindow: "" });
    expect(plain.missing).toEqual([]);
    expectEverywhere(plain, "should arrive today.");
  });

  it("delivered: when, who received it, and where to rate it", async () => {
    const n = await renderFilled("delivered");
    expectEverywhere(n, "OL-104823", /Nov 27, 2026, 3:05\sPM EST/, "A. Lovelace", `${sampleTrackingPage}#feedback`);
    const unknown = sampleNoticeFacts({ order: { status: "delivered" } });
    expect(names(await renderNotice("delivered", unknown, {}))).toEqual(["order.deliveredAt"]);
  });

  it("delay: apology, cause, revised date and next steps", async () => {
    const n = await renderFilled("delay");
    expect(n.subject).toBe("Your order #OL-104823 is delayed: new delivery date Thu, Dec 3, 2026");
    expectEverywhere(n, "OL-104823", "Thu, Dec 3, 2026", "snowstorm that closed the carrier");
    expect(n.text).toContain("delayed due to a snowstorm that closed the carrier's regional hub.");
    expect(n.text).not.toContain("hub..");
    expect(n.text).toContain("Previously: Mon, Nov 30, 2026");
    expect(n.text).toContain("We're sorry");
    expect(n.text).toContain("keeping a close eye on your order");
  });

  it("delay without a cause marks the gap in every part and cannot be sent", async () => {
    const n = await renderFilled("delay", { cause: "  " });
    expect(n.missing).toEqual([{ name: "cause", label: "Cause of the delay" }]);
    expect(n.html).toContain('<span data-missing="cause" style="background-color:#fff3bf;color:#c92a2a;font-weight:600">[Cause of the delay]</span>');
    expect(n.text).toContain("delayed due to [Cause of the delay].");
    expect(n.sms).toContain("delayed due to [Cause of the delay].");
    expect(n.callScript).toContain("[Cause of the delay]");
    expect(names(await renderFilled("delay", { revisedEta: "2026-02-30" }))).toEqual(["revisedEta"]);
  });

  it("request_received: what was asked", async () => {
    expectEverywhere(await renderFilled("request_received"), "your request to cancel order #OL-104823");
    expectEverywhere(await renderFilled("request_received", { request: "" }), "your request about order #OL-104823");
  });

  it("request_outcome: the decision, what changes, the refund and when", async () => {
    const n = await renderFilled("request_outcome");
    expect(n.subject).toBe("Your request for order #OL-104823 has been approved");
    expectEverywhere(n, "OL-104823", "approved", "$73.53", "within 5-10 business days");
    for (const part of [n.html, n.text]) expect(part).toContain("nothing will be shipped");
    const rejected = await renderFilled("request_outcome", { decision: "rejected", refundAmount: "", refundTimeline: "" });
    expectEverywhere(rejected, "has been declined");
    expect(rejected.text).not.toContain("Refund");
    expect(names(await renderFilled("request_outcome", { refundTimeline: "" }))).toEqual(["refundTimeline"]);
    expect(names(await renderFilled("request_outcome", { decision: "maybe", refundAmount: "12,50" }))).toEqual(["decision", "refundAmount"]);
  });

  it("order_complete: thanks, with the PDF receipt attached", async () => {
    const n = await renderFilled("order_complete");
    expectEverywhere(n, "OL-104823", "Thank you for shopping with");
    expect(n.text).toContain("Your receipt is attached (receipt-OL-104823.pdf)");
    expect(n.attachments).toHaveLength(1);
    const [receipt] = n.attachments;
    expect(receipt).toMatchObject({ filename: "receipt-OL-104823.pdf", contentType: "application/pdf" });
    expect(receipt!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await renderFilled("delivered")).attachments).toEqual([]);
  });

  it("issue: the problem and what the customer must do", async () => {
    const n = await renderFilled("issue");
    expect(n.subject).toBe("Action needed: a payment problem with your order #OL-104823");
    expectEverywhere(n, "OL-104823", "your card was declined", /[Cc]all us to update your card details/);
    expect(n.text).toContain("What we need from you\n\nCall us to update your card details.");
    expect(names(await renderFilled("issue", { problem: "", customerAction: "" }))).toEqual(["problem", "customerAction"]);
  });

  it("inquiry_response: an answer without any order", async () => {
    const n = await renderFilled("inquiry_response");
    expect(n.subject).toBe("Re: your question");
    expectEverywhere(n, "UPS lets you choose a pick-up point");
    expect(n.text).toContain("Can I pick it up from the depot?");
    expect(n.html).not.toContain("/track/");
    const withOrder = await renderFilled("inquiry_response", {}, sampleNoticeFacts());
    expect(withOrder.subject).toBe("Re: your question about order #OL-104823");
    expect(names(await renderFilled("inquiry_response", { answer: "" }))).toEqual(["answer"]);
  });

  it("a template about an order, given none, is missing the order", async () => {
    const n = await renderNotice("shipped", sampleNoticeFacts({ order: null }), {});
    expect(names(n)).toContain("order");
    expect(n.subject).toBe("Your order #[Order] has shipped!");
  });
});

describe("what the customer typed, and what is missing", () => {
  const hostile = '<script>alert(1)</script> & "Bob"';

  it.each(templates)("%s escapes customer-entered text in the HTML", async (template) => {
    const base = factsFor(template);
    const facts: NoticeFacts = {
      ...base,
      customer: { ...base.customer, name: hostile, firstName: hostile },
      order: base.order && { ...base.order, shippingAddress: { ...base.order.shippingAddress, name: hostile }, items: [{ sku: "X", name: hostile, quantity: 1, unitPriceCents: 100 }] },
    };
    const fields = Object.fromEntries(Object.entries(filled[template]).map(([k, v]) => [k, templateFields[template].find((f) => f.name === k)?.kind === "textarea" ? hostile : v]));
    const n = await renderNotice(template, facts, { ...defaultFields(template, facts), ...fields });
    expect(n.html).not.toContain("<script");
    expect(n.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;");
    expect(n.text).toContain(hostile);
  });

  it.each(templates)("%s never greets an unnamed customer with 'Hi ,'", async (template) => {
    const base = factsFor(template);
    const n = await renderFilled(template, {}, { ...base, customer: { ...base.customer, name: " ", firstName: "" } });
    expect(names(n)).toContain("customer.name");
    expect(n.text).toContain("Hi [Customer name],");
    expect(n.html).toContain('Hi <!-- --><span data-missing="customer.name"');
    expect(`${n.text}${n.sms}${n.callScript}`).not.toMatch(/Hi ,|with ,|speak with \?/);
  });
});

describe("branding and time zones", () => {
  it("shows the logo and the brand colour, and refuses a colour that is not one", async () => {
    const branding = { shopName: "Fern & Co", supportEmail: "help@fern.example", supportPhone: "+44 20 7946 0000", logoUrl: "https://fern.example/logo.png", primaryColor: "#2f9e44" };
    const n = await renderNotice("shipped", sampleNoticeFacts({ branding }), {});
    expect(n.html).toContain('src="https://fern.example/logo.png"');
    expect(n.html).toContain('alt="Fern &amp; Co"');
    expect(n.html).toContain("#2f9e44");
    expect(n.text).toContain("help@fern.example");
    expect(n.sms.startsWith("Fern & Co: ")).toBe(true);
    const odd = await renderNotice("shipped", sampleNoticeFacts({ branding: { ...branding, primaryColor: "red;background:url(https://x.example)" } }), {});
    expect(odd.html).not.toContain("x.example");
  });

  it("shows times in the zone asked for, reading typed times in the customer's zone", async () => {
    const n = await renderFilled("processing_update", {}, sampleNoticeFacts(), { timeZone: "Europe/London" });
    expect(n.text).toMatch(/Nov 25, 2026, 10:00\sPM GMT/);
    expect(n.data).toMatchObject({ timeZone: "Europe/London" });
  });
});

describe("suggestedTemplate", () => {
  it("answers the most urgent clock a notice can meet", () => {
    expect(suggestedTemplate(["delay_notice", "shipping_notice"])).toBe("delay");
    expect(suggestedTemplate(["delivery_promise", "escalation_response", "request_ack"])).toBe("request_received");
    expect(suggestedTemplate(["confirmation"])).toBe("order_confirmation");
    expect(suggestedTemplate(["inquiry_ack"])).toBe("inquiry_response");
    expect(suggestedTemplate(["contact_failure", "delivery_promise"])).toBeNull();
    expect(suggestedTemplate([])).toBeNull();
  });
});
