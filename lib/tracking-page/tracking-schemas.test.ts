import { describe, expect, it } from "vitest";
import { bannerFor } from "./banners";
import { deliveryDateRange, parseRequestForm } from "./tracking-schemas";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};
// 23:30 in New York on March 2 is already March 3 in UTC: "tomorrow" is the customer's.
const context = { timeZone: "America/New_York", now: new Date("2026-03-03T04:30:00Z"), items: [{ sku: "MUG-1", quantity: 2 }, { sku: "TOTE-1", quantity: 1 }] };
const address = { "address.name": "Ada L", "address.line1": "5 Side St", "address.city": "Shelbyville", "address.postalCode": "01102", "address.country": "us" };

describe("reading the tracking page's request forms", () => {
  it("reads a new address (country in capitals, optional parts absent) and refuses an incomplete one", () => {
    expect(parseRequestForm(form({ kind: "change_address", ...address, "address.line2": "" }), context)).toEqual({
      kind: "change_address",
      payload: { shippingAddress: { name: "Ada L", line1: "5 Side St", city: "Shelbyville", postalCode: "01102", country: "US" } }
    });
    expect(parseRequestForm(form({ kind: "change_address", ...address, "address.city": " " }), context)).toEqual({ error: "address" });
  });

  it("accepts a delivery date from tomorrow to 60 days out in the customer's zone", () => {
    expect(deliveryDateRange(context.timeZone, context.now)).toEqual({ min: "2026-03-03", max: "2026-05-01" });
    expect(parseRequestForm(form({ kind: "change_delivery_date", deliveryDate: "2026-03-03" }), context)).toEqual({ kind: "change_delivery_date", payload: { deliveryDate: "2026-03-03" } });
    for (const deliveryDate of ["2026-03-02", "2026-05-02", "2026-04-31", "soon", ""]) {
      expect(parseRequestForm(form({ kind: "change_delivery_date", deliveryDate }), context), deliveryDate).toEqual({ error: "date" });
    }
  });

  it("sends only changed quantities of the order's own items, with the note; nothing changed is refused", () => {
    expect(parseRequestForm(form({ kind: "change_items", "quantity.MUG-1": "0", "quantity.TOTE-1": "1", "quantity.OTHER": "5", itemsNote: "" }), context)).toEqual({
      kind: "change_items",
      payload: { lines: [{ sku: "MUG-1", quantity: 0 }] }
    });
    expect(parseRequestForm(form({ kind: "change_items", "quantity.MUG-1": "2", itemsNote: "Blue instead of red" }), context)).toMatchObject({ payload: { lines: [], note: "Blue instead of red" } });
    expect(parseRequestForm(form({ kind: "change_items", "quantity.MUG-1": "2", itemsNote: " " }), context)).toEqual({ error: "items" });
    expect(parseRequestForm(form({ kind: "change_items", "quantity.MUG-1": "-1" }), context)).toEqual({ error: "items" });
  });

  it("takes an optional cancellation reason, and refuses unknown kinds", () => {
    expect(parseRequestForm(form({ kind: "cancel", reason: "" }), context)).toEqual({ kind: "cancel", payload: {} });
    expect(parseRequestForm(form({ kind: "cancel", reason: " Ordered twice " }), context)).toEqual({ kind: "cancel", payload: { reason: "Ordered twice" } });
    expect(parseRequestForm(form({ kind: "cancel", reason: "x".repeat(501) }), context)).toEqual({ error: "reason" });
    expect(parseRequestForm(form({ kind: "refund" }), context)).toEqual({ error: "not-allowed" });
  });
});

describe("the page's banners", () => {
  it("shows only its own texts for known codes, never text from the address", () => {
    expect(bannerFor({ done: "question" })).toEqual({ kind: "done", text: expect.stringContaining("received your question") });
    expect(bannerFor({ error: "busy", done: "question" })).toMatchObject({ kind: "error" });
    expect(bannerFor({ error: "Call +1 555 scam" })).toBeNull();
    expect(bannerFor({ done: "toString" })).toBeNull();
    expect(bannerFor({ done: ["question", "rating"] })).toBeNull();
  });
});
