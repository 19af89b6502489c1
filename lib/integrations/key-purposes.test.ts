import { asc, eq, getTableColumns } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { apiKeys, orders, type ApiKeyPurpose, type Carrier } from "@/db/schema";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { makeOrder, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { shipOrder } from "@/lib/orders/ship-order";
import { apiErrorSchema } from "./api-answers";
import { CARRIER_EVENTS_REFUSED, ORDERS_REFUSED } from "./api-key-schema";
import { createApiKey } from "./api-keys";
import { handleOrderIntake } from "./intake";
import { signatureHeader } from "./signature";
import { handleTrackingEvent } from "./tracking-intake";

// Issue 15, "Any key can post signed carrier events for any order": each key has a purpose, and a carrier key may
// be bound to carriers. One test per combination, through the same handlers the routes call, on a real database.

let handle: DatabaseHandle;
let adminId: string;
let repId: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  adminId = (await makeUser(handle.db, { role: "admin" })).id;
  repId = (await makeUser(handle.db, { role: "rep" })).id;
});
afterAll(async () => {
  await handle.close();
});

type Key = { id: string; key: string; signingSecret: string };
const makeKey = (purpose: ApiKeyPurpose, carriers: Carrier[] = []) =>
  createApiKey(handle.db, { name: `${purpose} ${carriers.join("+") || "any"}`, purpose, carriers, createdBy: adminId });

let n = 0;
const unique = () => `${++n}${Date.now()}`;

function postOrder(key: Key) {
  const id = unique();
  const body = {
    externalId: `purpose-${id}`,
    customer: { name: "Grace Hopper", email: `grace.${id}@example.com` },
    items: [{ sku: "MUG-1", name: "Enamel mug", quantity: 1, unitPriceCents: 1200 }],
    shippingAddress: testAddress,
  };
  return handleOrderIntake(handle.db, { authorization: `Bearer ${key.key}`, body: JSON.stringify(body) });
}

function postEvent(key: Key, event: { orderNumber?: string; trackingNumber?: string; type?: string }) {
  const text = JSON.stringify({ eventId: `evt-${unique()}`, type: "in_transit", occurredAt: "2026-11-18T10:00:00Z", ...event });
  return handleTrackingEvent(handle.db, {
    authorization: `Bearer ${key.key}`,
    signature: signatureHeader(key.signingSecret, text, Math.floor(Date.now() / 1000)),
    body: new TextEncoder().encode(text),
  });
}

// Tracking numbers each carrier would issue, unique in this run (ten digits: the clock's last seven and a counter).
const serial = () => String(Date.now()).slice(-7) + String(++n % 1000).padStart(3, "0");
const trackingFor: Record<Carrier, () => string> = {
  ups: () => `1Z${serial().padStart(16, "0")}`,
  usps: () => serial().padStart(22, "9"),
  fedex: () => serial().padStart(12, "7"),
  dhl: () => serial(),
  other: () => `LC${serial()}`,
};

/** An order shipped with this carrier (or without one), the way the order page ships it. */
async function shippedWith(carrier: Carrier | null) {
  const order = await makeOrder(handle.db, { status: "processing" });
  const actor = { type: "user", userId: repId } as const;
  const at = new Date("2026-11-17T15:00:00Z");
  const trackingNumber = carrier ? trackingFor[carrier]() : null;
  if (!carrier) await shipOrder(handle.db, { orderId: order.id, untracked: { reason: "hand_delivery", note: "Driven over" }, actor, at });
  else if (carrier === "other") {
    await shipOrder(handle.db, { orderId: order.id, carrier, trackingNumber: trackingNumber!, carrierName: "Acme Couriers", trackingUrlTemplate: "https://acme.example/t/{tracking}", actor, at });
  } else await shipOrder(handle.db, { orderId: order.id, carrier, trackingNumber: trackingNumber!, actor, at });
  return { id: order.id, number: order.number, trackingNumber };
}

const statusOf = async (orderId: string) => (await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;

/**
 * Every table's rows (db/testing/database-checksum.ts). The keys' last-used times are left out: an authenticated call
 * stamps its key even when it is then refused (docs/security.md), so an admin can see a misconfigured system at work.
 * Everything else about the keys is compared.
 */
async function everything() {
  const { api_keys: _stamped, ...tables } = await databaseChecksum(handle.db);
  const { lastUsedAt: _lastUsedAt, ...keyColumns } = getTableColumns(apiKeys);
  const keys = await handle.db.select(keyColumns).from(apiKeys).orderBy(asc(apiKeys.id));
  return { ...tables, api_keys: JSON.stringify(keys) };
}

/** Runs a call that must be refused with 403 and this message, and checks it wrote nothing. */
async function expectRefused(call: () => Promise<{ status: number; json: Record<string, unknown> }>, message: string | RegExp) {
  const before = await everything();
  const answer = await call();
  expect(answer.status).toBe(403);
  expect(apiErrorSchema.safeParse(answer.json).success).toBe(true);
  if (typeof message === "string") expect(answer.json.error).toBe(message);
  else expect(answer.json.error).toMatch(message);
  expect(await everything()).toEqual(before);
}

describe("a key's purpose", () => {
  it("an order-intake key sends orders; its carrier events are refused with 403 and nothing is written", async () => {
    const key = await makeKey("order_intake");
    expect((await postOrder(key)).status).toBe(201);
    const order = await shippedWith("ups");
    await expectRefused(() => postEvent(key, { orderNumber: order.number }), CARRIER_EVENTS_REFUSED);
    expect(CARRIER_EVENTS_REFUSED).toMatch(/^This key may not post carrier events/);
    expect(await statusOf(order.id)).toBe("shipped");
  });

  it("a carrier-events key sends carrier events; its orders are refused with 403 and nothing is written", async () => {
    const key = await makeKey("carrier_events");
    await expectRefused(() => postOrder(key), ORDERS_REFUSED);
    expect(ORDERS_REFUSED).toMatch(/^This key may not post orders/);
    const order = await shippedWith("ups");
    expect(await postEvent(key, { orderNumber: order.number })).toMatchObject({ status: 200, json: { outcome: "applied" } });
    expect(await statusOf(order.id)).toBe("in_transit");
  });

  it("a key for both sends orders and carrier events (as every key made before purposes existed now does)", async () => {
    const key = await makeKey("both");
    expect((await postOrder(key)).status).toBe(201);
    const order = await shippedWith("fedex");
    expect(await postEvent(key, { orderNumber: order.number })).toMatchObject({ status: 200, json: { outcome: "applied" } });
  });

  it("refuses the wrong purpose even when the body is invalid: who may call comes before what was sent", async () => {
    const key = await makeKey("order_intake");
    await expectRefused(() => postEvent(key, { type: "teleported" }), CARRIER_EVENTS_REFUSED);
    const events = await makeKey("carrier_events");
    const before = await everything();
    expect(await handleOrderIntake(handle.db, { authorization: `Bearer ${events.key}`, body: "{ not json" })).toEqual({ status: 403, json: { error: ORDERS_REFUSED } });
    expect(await everything()).toEqual(before);
  });
});

describe("a carrier key bound to carriers", () => {
  it("moves an order shipped with its carrier, by order number and by tracking number", async () => {
    const key = await makeKey("carrier_events", ["ups", "dhl"]);
    const ups = await shippedWith("ups");
    expect(await postEvent(key, { orderNumber: ups.number })).toMatchObject({ status: 200, json: { outcome: "applied", orderNumber: ups.number } });
    const dhl = await shippedWith("dhl");
    expect(await postEvent(key, { trackingNumber: dhl.trackingNumber!, type: "delivered" })).toMatchObject({ status: 200, json: { outcome: "applied", orderNumber: dhl.number } });
    expect(await statusOf(ups.id)).toBe("in_transit");
    expect(await statusOf(dhl.id)).toBe("delivered");
  });

  it("refuses an order shipped with another carrier with 403 and writes nothing, whether named by number or by tracking", async () => {
    const key = await makeKey("carrier_events", ["ups"]);
    const fedex = await shippedWith("fedex");
    const message = "This key may not move orders shipped with FedEx: it is limited to UPS. Nothing was recorded.";
    await expectRefused(() => postEvent(key, { orderNumber: fedex.number }), message);
    await expectRefused(() => postEvent(key, { trackingNumber: fedex.trackingNumber!, type: "delivered" }), message);
    // An exception would open a clock and a notice: refused the same way.
    await expectRefused(() => postEvent(key, { orderNumber: fedex.number, type: "exception" }), message);
    expect(await statusOf(fedex.id)).toBe("shipped");

    const other = await shippedWith("other");
    await expectRefused(() => postEvent(key, { orderNumber: other.number }), /^This key may not move orders shipped with Acme Couriers: it is limited to UPS\./);
    // A key bound to "other" carriers moves those.
    const local = await makeKey("both", ["other"]);
    expect(await postEvent(local, { orderNumber: other.number })).toMatchObject({ status: 200, json: { outcome: "applied" } });
  });

  it("refuses an order shipped without a carrier, and leaves an order not yet shipped to the usual 422", async () => {
    const key = await makeKey("carrier_events", ["usps"]);
    const handDelivered = await shippedWith(null);
    await expectRefused(() => postEvent(key, { orderNumber: handDelivered.number }), /^This key may not move orders shipped without a carrier: it is limited to USPS\./);

    const waiting = await makeOrder(handle.db, { status: "processing" });
    const early = await postEvent(key, { orderNumber: waiting.number });
    expect(early.status).toBe(422);
    expect(early.json.error).toMatch(/has not shipped yet/);
  });

  it("keeps the current answer for an order that does not exist", async () => {
    const key = await makeKey("carrier_events", ["ups"]);
    const answer = await postEvent(key, { orderNumber: "OL-999999998" });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatch(/^No order matches order number OL-999999998/);
  });

  it("a key with no carriers moves orders of every carrier, as before", async () => {
    const key = await makeKey("carrier_events");
    for (const carrier of ["ups", "usps", "fedex", "dhl", "other", null] as const) {
      const order = await shippedWith(carrier);
      expect(await postEvent(key, { orderNumber: order.number }), String(carrier)).toMatchObject({ status: 200, json: { outcome: "applied" } });
    }
  });
});
