import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { customers, orderEvents, orderItems, orders, slaClocks } from "@/db/schema";
import { makeCustomer, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { readItems, type FormErrors } from "./order-form-values";
import { enterPhoneOrder } from "./phone-order";
import { phoneOrderSchema } from "./phone-order-schema";

let handle: DatabaseHandle;
let repId: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  repId = (await makeUser(handle.db, { role: "rep" })).id;
});
afterAll(async () => {
  await handle?.close();
});

// What the form sends: amounts already in cents, empty optional fields as "".
function formPayload(overrides: Record<string, unknown> = {}) {
  return {
    customer: { name: "Grace Hopper", email: "grace.phone@example.com", phone: "", preferredChannel: "email", smsConsent: false, timeZone: "Europe/London" },
    shippingAddress: { ...testAddress, line2: "" },
    items: [
      { sku: "MUG-1", name: "Enamel mug", quantity: 3, unitPriceCents: 1999 },
      { sku: "PEN-1", name: "Pen", quantity: 7, unitPriceCents: 10 },
    ],
    shippingCents: 499,
    taxCents: 207,
    paymentMethod: "bank_transfer",
    ...overrides,
  };
}

/** The same parse the server action runs, keyed the way defineAction keys field errors. */
function parse(payload: unknown) {
  const parsed = phoneOrderSchema.safeParse(payload);
  const fieldErrors: FormErrors = {};
  for (const issue of parsed.error?.issues ?? []) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return { data: parsed.data, fieldErrors };
}

describe("entering a phone order", () => {
  it("creates one order with exact totals, the rep as the actor, and opens the confirmation clock", async () => {
    const { data } = parse(formPayload());
    const before = (await handle.db.select({ n: count() }).from(orders))[0]!.n;
    const order = await enterPhoneOrder(handle.db, { order: data!, userId: repId });

    expect((await handle.db.select({ n: count() }).from(orders))[0]!.n).toBe(before + 1);
    // 3 × 19.99 + 7 × 0.10 = 60.67; + 4.99 + 2.07 = 67.73
    expect(order).toMatchObject({ status: "received", externalId: null, subtotalCents: 6067, shippingCents: 499, taxCents: 207, totalCents: 6773, paymentMethod: "bank_transfer", currency: "USD" });
    expect(order.billingAddress).toEqual(testAddress);
    expect(await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id))).toHaveLength(2);

    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(events).toEqual([expect.objectContaining({ type: "received", toStatus: "received", actorType: "user", actorUserId: repId, data: { source: "phone" } })]);
    const clocks = await handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, order.id));
    expect(clocks.map((c) => [c.kind, c.state])).toEqual([["confirmation", "open"]]);
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, order.customerId));
    expect(customer).toMatchObject({ name: "Grace Hopper", email: "grace.phone@example.com", phone: null, timeZone: "Europe/London" });
  });

  it("matches an existing customer by email, ignoring case, as API intake does", async () => {
    const existing = await makeCustomer(handle.db, { name: "Ada Known", email: "ada.known@example.com" });
    const { data } = parse(formPayload({ customer: { name: "Ada (typed)", email: "ADA.Known@example.com", preferredChannel: "email" }, billingAddress: { ...testAddress, city: "Boston" } }));
    const order = await enterPhoneOrder(handle.db, { order: data!, userId: repId });
    expect(order.customerId).toBe(existing.id);
    expect(order.billingAddress).toMatchObject({ city: "Boston" });
    const [typed] = await handle.db.select({ n: count() }).from(customers).where(eq(customers.name, "Ada (typed)"));
    expect(typed!.n).toBe(0);
  });

  it("gives field errors keyed by path for bad input, with the API's messages, and saves nothing", async () => {
    const before = (await handle.db.select({ n: count() }).from(orders))[0]!.n;
    const { data, fieldErrors } = parse(
      formPayload({
        customer: { name: "", email: "", phone: "555-1234", preferredChannel: "sms", timeZone: "Mars/Base" },
        shippingAddress: { ...testAddress, country: "usa" },
        items: [
          { sku: "MUG-1", name: "Enamel mug", quantity: 0, unitPriceCents: 1999 },
          { sku: "", name: "Pen", quantity: "two", unitPriceCents: "12.345" },
        ],
        paymentMethod: "",
      }),
    );
    expect(data).toBeUndefined();
    expect(Object.keys(fieldErrors).sort()).toEqual([
      "customer.name",
      "customer.phone",
      "customer.timeZone",
      "items.0.quantity",
      "items.1.quantity",
      "items.1.sku",
      "items.1.unitPriceCents",
      "paymentMethod",
      "shippingAddress.country",
    ]);
    expect(fieldErrors["items.0.quantity"]).toEqual(["Quantity must be a whole number from 1 to 10000"]);
    expect(fieldErrors["customer.name"]).toEqual(["Customer name is required"]);
    expect((await handle.db.select({ n: count() }).from(orders))[0]!.n).toBe(before);

    expect(parse(formPayload({ items: [] })).fieldErrors).toEqual({ items: ["An order needs at least one item"] });
    expect(parse(formPayload({ customer: { name: "No contact", email: "", phone: "" } })).fieldErrors).toEqual({
      "customer.email": ["Give the customer's email or phone number (or both)"],
    });
  });

  it("reads item rows from the form in screen order, amounts in exact cents, and flags what does not parse", () => {
    const form = new FormData();
    for (const [sku, name, quantity, price] of [
      ["MUG-1", "Mug", "3", "19.99"],
      ["PEN-1", "Pen", "x", "0.29"],
      ["CAP-1", "Cap", "1", "12,50"],
    ]) {
      form.append("itemSku", sku!);
      form.append("itemName", name!);
      form.append("itemQuantity", quantity!);
      form.append("itemUnitPrice", price!);
    }
    const errors: FormErrors = {};
    expect(readItems(form, errors)).toEqual([
      { sku: "MUG-1", name: "Mug", quantity: 3, unitPriceCents: 1999 },
      { sku: "PEN-1", name: "Pen", quantity: "x", unitPriceCents: 29 },
      { sku: "CAP-1", name: "Cap", quantity: 1, unitPriceCents: "12,50" },
    ]);
    expect(Object.keys(errors)).toEqual(["items.2.unitPriceCents"]);
    // What did not parse never reaches an order: the server refuses it.
    expect(Object.keys(parse(formPayload({ items: readItems(form, {}) })).fieldErrors).sort()).toEqual(["items.1.quantity", "items.2.unitPriceCents"]);
  });
});
