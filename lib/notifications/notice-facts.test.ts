import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderItems, proofsOfDelivery, settings } from "@/db/schema";
import { makeCustomer, makeOrder, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { UserFacingError } from "@/lib/errors";
import { defaultBranding, settingKeys } from "@/lib/settings/defaults";
import { loadNoticeFacts } from "./notice-facts";
import { renderNotice } from "./templates";

describe("loadNoticeFacts", () => {
  let handle: DatabaseHandle;
  const savedAppUrl = process.env.APP_URL;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(() => {
    if (savedAppUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = savedAppUrl;
  });

  it("reads the order, its items, customer, proof of delivery, branding and tracking page", async () => {
    process.env.APP_URL = "https://orders.northwind.example/";
    const customer = await makeCustomer(handle.db, {
      name: "  Grace Brewster Hopper ",
      email: "grace@example.com",
      phone: "+12025550147",
      preferredChannel: "sms",
      smsConsent: true,
      timeZone: "America/Chicago",
    });
    const order = await makeOrder(handle.db, {
      customerId: customer.id,
      status: "delivered",
      currency: "USD",
      subtotalCents: 4000,
      shippingCents: 500,
      taxCents: 250,
      totalCents: 4750,
      promisedDeliveryDate: "2026-11-30",
      revisedDeliveryDate: "2026-12-02",
      carrier: "other",
      carrierName: "Speedy Parcels",
      trackingUrlTemplate: "https://track.speedy.example/{tracking}",
      trackingNumber: "SP12345678",
      deliveredAt: new Date("2026-12-02T18:30:00Z"),
    });
    await handle.db.insert(orderItems).values({ orderId: order.id, sku: "A-MUG", name: "Enamel mug", quantity: 3, unitPriceCents: 500 });
    await handle.db.insert(proofsOfDelivery).values({ orderId: order.id, recipientName: "G. Hopper", receivedAt: new Date("2026-12-02T18:29:00Z"), actorType: "carrier" });
    const branding = { ...defaultBranding, shopName: "Fern & Co", primaryColor: "#2f9e44" };
    await handle.db.insert(settings).values({ key: settingKeys.branding, value: branding });

    const facts = await loadNoticeFacts(handle.db, { orderId: order.id });

    expect(facts.customer).toEqual({
      id: customer.id,
      name: "Grace Brewster Hopper",
      firstName: "Grace",
      email: "grace@example.com",
      phone: "+12025550147",
      preferredChannel: "sms",
      smsConsent: true,
      timeZone: "America/Chicago",
    });
    expect(facts.order).toMatchObject({
      id: order.id,
      number: order.number,
      status: "delivered",
      totalCents: 4750,
      shippingAddress: testAddress,
      promisedDeliveryDate: "2026-11-30",
      revisedDeliveryDate: "2026-12-02",
      carrierLabel: "Speedy Parcels",
      trackingNumber: "SP12345678",
      trackingLink: "https://track.speedy.example/SP12345678",
      deliveredAt: new Date("2026-12-02T18:30:00Z"),
    });
    expect(facts.order!.items).toEqual([
      { sku: "A-MUG", name: "Enamel mug", quantity: 3, unitPriceCents: 500 },
      { sku: "SKU-1", name: "Canvas tote", quantity: 1, unitPriceCents: 2500 },
    ]);
    expect(facts.proofOfDelivery).toEqual({ recipientName: "G. Hopper", receivedAt: new Date("2026-12-02T18:29:00Z") });
    expect(facts.branding).toEqual(branding);
    // The unguessable token, never the order number.
    expect(facts.trackingPageUrl).toBe(`https://orders.northwind.example/track/${order.trackingToken}`);
    expect(facts.trackingPageUrl).not.toContain(order.number);

    // And what the customer would read, in their own zone (Chicago).
    const notice = await renderNotice("delivered", facts, {}, { timeZone: facts.customer.timeZone });
    expect(notice.missing).toEqual([]);
    expect(notice.text).toMatch(/Dec 2, 2026, 12:30\sPM CST/);
    expect(notice.sms).toContain("received by G. Hopper");
    expect(notice.html).toContain("Fern &amp; Co");
  });

  it("gives the customer alone for an answer about no order", async () => {
    const customer = await makeCustomer(handle.db, { name: "Linus" });
    const facts = await loadNoticeFacts(handle.db, { orderId: null, customerId: customer.id });
    expect(facts).toMatchObject({ customer: { id: customer.id, firstName: "Linus" }, order: null, proofOfDelivery: null, trackingPageUrl: null });
  });

  it("follows the order to its own customer and refuses what does not exist", async () => {
    const order = await makeOrder(handle.db);
    const stranger = await makeCustomer(handle.db);
    expect((await loadNoticeFacts(handle.db, { orderId: order.id, customerId: stranger.id })).customer.id).toBe(order.customerId);
    await expect(loadNoticeFacts(handle.db, { orderId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(UserFacingError);
    await expect(loadNoticeFacts(handle.db, {})).rejects.toBeInstanceOf(UserFacingError);
  });

  it("leaves tracking empty before shipping and defaults the app address", async () => {
    delete process.env.APP_URL;
    const order = await makeOrder(handle.db);
    const facts = await loadNoticeFacts(handle.db, { orderId: order.id });
    expect(facts.order).toMatchObject({ carrierLabel: null, trackingNumber: null, trackingLink: null, deliveredAt: null });
    expect(facts.trackingPageUrl).toBe(`http://localhost:3000/track/${order.trackingToken}`);
  });
});
