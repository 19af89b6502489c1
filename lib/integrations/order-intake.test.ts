import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { customers, orderEvents, orderItems, orders, slaClocks } from "@/db/schema";
import { makeCustomer, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { intakeAnswerSchema, validationErrorSchema } from "./api-answers";
import { createApiKey, revokeApiKey } from "./api-keys";
import { handleOrderIntake } from "./intake";

let handle: DatabaseHandle;
let adminId: string;
let auth: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  adminId = (await makeUser(handle.db, { role: "admin" })).id;
  auth = `Bearer ${(await createApiKey(handle.db, { name: "Test shop", purpose: "order_intake", createdBy: adminId })).key}`;
});
afterAll(async () => {
  await handle.close();
});

let n = 0;
function body(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    externalId: `shop-${n}-${Date.now()}`,
    customer: { name: "Grace Hopper", email: `grace${n}@example.com`, timeZone: "Europe/London" },
    items: [
      { sku: "MUG-1", name: "Enamel mug", quantity: 2, unitPriceCents: 1200 },
      { sku: "TOTE-1", name: "Canvas tote", quantity: 1, unitPriceCents: 2500 },
    ],
    shippingAddress: testAddress,
    shippingCents: 500,
    taxCents: 390,
    currency: "EUR",
    promisedDeliveryDate: "2026-06-01",
    ...overrides,
  };
}

const post = (payload: unknown, authorization: string | null = auth) =>
  handleOrderIntake(handle.db, { authorization, body: typeof payload === "string" ? payload : JSON.stringify(payload) });

async function orderCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(orders);
  return row!.n;
}

function issuesOf(json: Record<string, unknown>): { path: string; message: string }[] {
  expect(json.error).toBe("Invalid order");
  return json.issues as { path: string; message: string }[];
}

describe("handleOrderIntake: authentication", () => {
  it("answers 401 without a key, with a wrong key and with a revoked key, and writes no order", async () => {
    const before = await orderCount();
    const { id, key } = await createApiKey(handle.db, { name: "Soon revoked", purpose: "order_intake", createdBy: adminId });
    await revokeApiKey(handle.db, { id, by: adminId });

    for (const authorization of [null, "", "Bearer ol_not-a-real-key", `Bearer ${key}`, auth.replace("Bearer ", "")]) {
      const result = await post(body(), authorization);
      expect(result.status).toBe(401);
      expect(typeof result.json.error).toBe("string");
    }
    expect(await orderCount()).toBe(before);
  });

  it("checks the key before it looks at the body", async () => {
    const result = await post("not json", null);
    expect(result.status).toBe(401);
  });
});

describe("handleOrderIntake: validation", () => {
  it("answers 400 for a body that is not JSON", async () => {
    expect(await post("{ nope")).toEqual({ status: 400, json: { error: "Body must be JSON" } });
  });

  it("lists the issues by path", async () => {
    const before = await orderCount();

    const noItems = await post(body({ items: undefined }));
    expect(noItems.status).toBe(400);
    expect(issuesOf(noItems.json).map((i) => i.path)).toEqual(["items"]);

    // The answer is the shape the API reference (lib/integrations/openapi.ts) documents.
    expect(validationErrorSchema.safeParse(noItems.json).success).toBe(true);

    const emptyItems = issuesOf((await post(body({ items: [] }))).json);
    expect(emptyItems).toEqual([{ path: "items", message: "An order needs at least one item" }]);

    const badQuantity = issuesOf(
      (await post(body({ items: [{ sku: "A", name: "A", quantity: 0, unitPriceCents: 100 }, { sku: "B", name: "B", quantity: 1.5, unitPriceCents: 100 }] }))).json,
    );
    expect(badQuantity.map((i) => i.path)).toEqual(["items.0.quantity", "items.1.quantity"]);
    expect(badQuantity[0]!.message).toMatch(/Quantity must be a whole number/);

    const badCountry = issuesOf((await post(body({ shippingAddress: { ...testAddress, country: "usa" } }))).json);
    expect(badCountry).toEqual([{ path: "shippingAddress.country", message: expect.stringMatching(/ISO 3166-1 alpha-2/) }]);

    const noContact = issuesOf((await post(body({ customer: { name: "Nobody" } }))).json);
    expect(noContact).toEqual([{ path: "customer.email", message: "Give the customer's email or phone number (or both)" }]);

    const smsWithoutPhone = issuesOf((await post(body({ customer: { name: "Ann", email: "ann@example.com", preferredChannel: "sms" } }))).json);
    expect(smsWithoutPhone.map((i) => i.path)).toEqual(["customer.phone"]);

    const several = issuesOf(
      (await post(body({ externalId: "", customer: { name: "X", phone: "555-1234", timeZone: "Mars/Base" }, currency: "eur" }))).json,
    );
    expect(several.map((i) => i.path).sort()).toEqual(["currency", "customer.phone", "customer.timeZone", "externalId"]);

    expect(await orderCount()).toBe(before);
  });

  it("accepts null and empty strings for optional fields", async () => {
    const result = await post(
      body({
        customer: { name: "Lin", email: "", phone: "+14155550123", preferredChannel: null, timeZone: null },
        billingAddress: null,
        shippingAddress: { ...testAddress, line2: "", region: null },
        promisedDeliveryDate: null,
      }),
    );
    expect(result.status).toBe(201);
  });
});

describe("handleOrderIntake: recording", () => {
  it("creates the order with its items, event and one confirmation clock, then answers 200 for the same externalId", async () => {
    const payload = body({ placedAt: "2026-05-04T09:15:00Z" });
    const first = await post(payload);
    expect(first.status).toBe(201);
    const answer = first.json.order as { id: string; number: string; status: string; trackingToken: string };
    expect(answer).toEqual({ id: expect.any(String), number: expect.stringMatching(/^OL-\d+$/), status: "received", trackingToken: expect.any(String) });
    expect(intakeAnswerSchema.safeParse(first.json).success).toBe(true);

    const second = await post(payload);
    expect(second).toEqual({ status: 200, json: first.json });

    const rows = await handle.db.select().from(orders).where(eq(orders.externalId, payload.externalId));
    expect(rows).toHaveLength(1);
    const order = rows[0]!;
    expect(order.placedAt.toISOString()).toBe("2026-05-04T09:15:00.000Z");
    expect(order).toMatchObject({ subtotalCents: 4900, shippingCents: 500, taxCents: 390, totalCents: 5790, currency: "EUR" });
    expect(order.promisedDeliveryDate).toBe("2026-06-01");
    expect(order.billingAddress).toEqual(testAddress);

    expect(await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id))).toHaveLength(2);
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(events.map((e) => [e.type, e.actorType])).toEqual([["received", "api"]]);
    const clocks = await handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, order.id));
    expect(clocks.map((c) => [c.kind, c.state])).toEqual([["confirmation", "open"]]);
    expect(clocks[0]!.startedAt.toISOString()).toBe("2026-05-04T09:15:00.000Z");

    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, order.customerId));
    expect(customer).toMatchObject({ name: "Grace Hopper", email: payload.customer.email, timeZone: "Europe/London" });
  });

  it("makes one order when the same order arrives twice at once", async () => {
    const payload = body();
    const results = await Promise.all([post(payload), post(payload)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(results[0]!.json).toEqual(results[1]!.json);
    const rows = await handle.db.select({ id: orders.id }).from(orders).where(eq(orders.externalId, payload.externalId));
    expect(rows).toHaveLength(1);
    expect(await handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, rows[0]!.id))).toHaveLength(1);
  });

  it("reuses an existing customer by email, ignoring case", async () => {
    const existing = await makeCustomer(handle.db, { name: "Katherine Johnson", email: "Katherine@Example.com" });
    const result = await post(body({ customer: { name: "K. Johnson", email: "katherine@example.COM" } }));
    expect(result.status).toBe(201);
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, (result.json.order as { id: string }).id));
    expect(order!.customerId).toBe(existing.id);
    const matches = await handle.db.select().from(customers).where(eq(customers.name, "K. Johnson"));
    expect(matches).toHaveLength(0);
  });

  it("creates a customer from a phone alone", async () => {
    const result = await post(body({ customer: { name: "Dorothy Vaughan", phone: "+442079460000", preferredChannel: "sms", smsConsent: true } }));
    expect(result.status).toBe(201);
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, (result.json.order as { id: string }).id));
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, order!.customerId));
    expect(customer).toMatchObject({ email: null, phone: "+442079460000", preferredChannel: "sms", smsConsent: true });
  });

  it("answers 500 without internal details when the database fails mid-order, and saves nothing", async () => {
    // A database of its own whose clock table is gone: the order insert succeeds, opening its clock fails. Only the
    // tables' owner may drop one.
    const broken = await createTestDatabase({ as: "owner" });
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      const admin = await makeUser(broken.db, { role: "admin" });
      const { key } = await createApiKey(broken.db, { name: "Shop", purpose: "order_intake", createdBy: admin.id });
      await broken.db.execute(sql`drop table sla_clocks cascade`);

      const result = await handleOrderIntake(broken.db, { authorization: `Bearer ${key}`, body: JSON.stringify(body()) });
      expect(result).toEqual({ status: 500, json: { error: "Could not record the order; nothing was saved." } });
      expect(await broken.db.select({ n: count() }).from(orders)).toEqual([{ n: 0 }]);
      expect(await broken.db.select({ n: count() }).from(customers)).toEqual([{ n: 0 }]);
      expect(errors).toHaveLength(1);
      expect(JSON.parse(errors[0]!)).toMatchObject({ level: "error", msg: "order intake failed" });
    } finally {
      spy.mockRestore();
      await broken.close();
    }
  });
});
