import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { apiKeys, orderEvents, orderExceptions, orders, slaClocks, trackingEventReceipts, type OrderStatus } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { receiveOrder } from "@/lib/orders/receive-order";
import { shipOrder } from "@/lib/orders/ship-order";
import { apiErrorSchema, trackingEventAnswerSchema, validationErrorSchema } from "./api-answers";
import { createApiKey, revokeApiKey } from "./api-keys";
import { signatureHeader } from "./signature";
import { handleTrackingEvent } from "./tracking-intake";

let handle: DatabaseHandle;
let adminId: string;
let rep: Actor;
let key: { id: string; key: string; signingSecret: string };
beforeAll(async () => {
  handle = await createTestDatabase();
  adminId = (await makeUser(handle.db, { role: "admin" })).id;
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep" })).id };
  key = await createApiKey(handle.db, { name: "Carrier feed", purpose: "carrier_events", createdBy: adminId });
});
afterAll(async () => {
  await handle.close();
});

const at = (iso: string) => new Date(iso);
let n = 0;
const nextEventId = () => `evt_${++n}_${Date.now()}`;

type Send = { authorization?: string | null; secret?: string; t?: number; signature?: string | null; now?: Date };

/** Signs and posts like a carrier would; `raw` sends the body as given. */
function send(body: unknown, { authorization = `Bearer ${key.key}`, secret = key.signingSecret, t, signature, now }: Send = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const stamp = t ?? Math.floor(Date.now() / 1000);
  return handleTrackingEvent(handle.db, {
    authorization,
    signature: signature === undefined ? signatureHeader(secret, text, stamp) : signature,
    body: new TextEncoder().encode(text),
    now,
  });
}

function event(orderNumber: string, type: string, occurredAt: string, extra: Record<string, unknown> = {}) {
  return { eventId: nextEventId(), orderNumber, type, occurredAt, ...extra };
}

/** A shipped order made the real way, so its clocks are the ones production would have. */
async function shippedOrder() {
  n += 1;
  const customer = await makeCustomer(handle.db, { timeZone: "America/New_York" });
  const { order } = await receiveOrder(handle.db, {
    customer: { id: customer.id },
    externalId: `trk-${n}-${Date.now()}`,
    items: [{ sku: "LAMP", name: "Desk lamp", quantity: 1, unitPriceCents: 4000 }],
    shippingAddress: testAddress,
    actor: { type: "api" },
    at: at("2026-11-16T14:00:00Z"),
  });
  await changeOrderStatus(handle.db, { orderId: order.id, to: "confirmed", promisedDeliveryDate: "2026-11-20", actor: rep, at: at("2026-11-16T14:30:00Z") });
  await changeOrderStatus(handle.db, { orderId: order.id, to: "processing", actor: rep, at: at("2026-11-16T15:00:00Z") });
  const trackingNumber = `1Z${String(n).padStart(6, "0")}${String(Date.now()).slice(-10)}`;
  const shipped = await shipOrder(handle.db, { orderId: order.id, carrier: "ups", trackingNumber, actor: rep, at: at("2026-11-17T15:00:00Z") });
  return { ...shipped, trackingNumber };
}

const orderRow = async (id: string) => (await handle.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const carrierEvents = (orderId: string) =>
  handle.db
    .select({ from: orderEvents.fromStatus, to: orderEvents.toStatus, actor: orderEvents.actorType, at: orderEvents.createdAt })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.actorType, "carrier")))
    .orderBy(orderEvents.id);
const clocksOf = async (orderId: string) =>
  Object.fromEntries(
    (await handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, orderId))).map((c) => [c.kind, { state: c.state, breached: c.breached }]),
  );
async function receiptCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(trackingEventReceipts);
  return row!.n;
}

describe("tracking events: applying", () => {
  it("applies a scan as the carrier, records the receipt and stamps the key's use", async () => {
    const order = await shippedOrder();
    const payload = event(order.number, "in_transit", "2026-11-17T20:00:00Z");
    const result = await send(payload);

    expect(result).toEqual({ status: 200, json: { outcome: "applied", orderNumber: order.number, duplicate: false, detail: "shipped → in transit" } });
    expect(trackingEventAnswerSchema.safeParse(result.json).success).toBe(true);
    expect((await orderRow(order.id)).status).toBe("in_transit");
    expect(await carrierEvents(order.id)).toEqual([{ from: "shipped", to: "in_transit", actor: "carrier", at: at("2026-11-17T20:00:00Z") }]);
    const [receipt] = await handle.db.select().from(trackingEventReceipts).where(eq(trackingEventReceipts.eventId, payload.eventId));
    expect(receipt).toMatchObject({ apiKeyId: key.id, orderId: order.id, outcome: "applied", payload: JSON.stringify(payload) });
    const [stamped] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stamped!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("changes the order once for the same event id, sent again or twice at once, and says so", async () => {
    const order = await shippedOrder();
    const payload = event(order.number, "out_for_delivery", "2026-11-18T13:00:00Z");
    const first = await send(payload);
    const again = await send(payload);
    expect(again).toEqual({ status: 200, json: { ...first.json, duplicate: true } });

    const other = await shippedOrder();
    const racing = event(other.number, "in_transit", "2026-11-18T13:00:00Z");
    const both = await Promise.all([send(racing), send(racing)]);
    expect(both.map((r) => r.json.duplicate).sort()).toEqual([false, true]);

    expect(await carrierEvents(order.id)).toHaveLength(2); // shipped → in transit → out for delivery, once
    expect(await carrierEvents(other.id)).toHaveLength(1);
  });

  it("ignores a scan the order has already reached or passed, changing nothing", async () => {
    const order = await shippedOrder();
    await send(event(order.number, "out_for_delivery", "2026-11-18T13:00:00Z"));
    const before = await orderRow(order.id);

    const late = await send(event(order.number, "in_transit", "2026-11-18T09:00:00Z"));
    expect(late).toEqual({ status: 200, json: { outcome: "ignored", orderNumber: order.number, duplicate: false, detail: `Order ${order.number} is already out for delivery.` } });
    const same = await send(event(order.number, "out_for_delivery", "2026-11-18T13:05:00Z"));
    expect(same.json.outcome).toBe("ignored");

    const after = await orderRow(order.id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe("out_for_delivery");
    expect(await carrierEvents(order.id)).toHaveLength(2);
  });

  it("walks skipped steps in order by tracking number, leaving the clocks a real delivery would", async () => {
    const order = await shippedOrder();
    // Carriers' systems format the number their own way.
    const spaced = order.trackingNumber.toLowerCase().replace(/(.{4})/g, "$1 ");
    const result = await send({ eventId: nextEventId(), trackingNumber: spaced, type: "delivered", occurredAt: "2026-11-19T18:00:00Z" });
    expect(result.json).toMatchObject({ outcome: "applied", orderNumber: order.number, detail: "shipped → in transit → out for delivery → delivered" });

    const delivered = at("2026-11-19T18:00:00Z");
    expect(await carrierEvents(order.id)).toEqual([
      { from: "shipped", to: "in_transit", actor: "carrier", at: delivered },
      { from: "in_transit", to: "out_for_delivery", actor: "carrier", at: delivered },
      { from: "out_for_delivery", to: "delivered", actor: "carrier", at: delivered },
    ]);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: "delivered", deliveredAt: delivered });
    // The out-for-delivery notice the walk opened is owed no more: the delivered notice replaces it. The automatic
    // notices (the default settings) met confirmation, shipping and delivery as each happened.
    expect(await clocksOf(order.id)).toEqual({
      confirmation: { state: "met", breached: false },
      processing_update: { state: "met", breached: false },
      delivery_promise: { state: "met", breached: false },
      shipping_notice: { state: "met", breached: false },
      out_for_delivery_notice: { state: "cancelled", breached: false },
      delivery_notice: { state: "met", breached: false },
    });
  });

  it("never dates a scan before the order's current status began", async () => {
    const order = await shippedOrder(); // shipped at 2026-11-17T15:00Z
    await send(event(order.number, "in_transit", "2026-11-17T14:58:00Z"));
    expect(await carrierEvents(order.id)).toEqual([{ from: "shipped", to: "in_transit", actor: "carrier", at: at("2026-11-17T15:00:00Z") }]);
  });

  it("opens a carrier exception with its delay-notice clock, once per open kind", async () => {
    const order = await shippedOrder();
    const first = await send(
      event(order.number, "exception", "2026-11-18T16:00:00Z", { description: "Snowstorm at the hub", exception: { kind: "weather", revisedEta: "2026-11-23" } }),
    );
    expect(first.json).toMatchObject({ outcome: "applied", detail: "weather exception opened" });
    const [exception] = await handle.db.select().from(orderExceptions).where(eq(orderExceptions.orderId, order.id));
    expect(exception).toMatchObject({ kind: "weather", explanation: "Snowstorm at the hub", revisedEta: "2026-11-23", openedAt: at("2026-11-18T16:00:00Z") });
    const [delay] = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "delay_notice")));
    expect(delay).toMatchObject({ state: "open", subjectId: exception!.id, startedAt: at("2026-11-18T16:00:00Z") });
    expect((await orderRow(order.id)).revisedDeliveryDate).toBe("2026-11-23");
    const [opened] = await handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, "exception_opened")));
    expect(opened!.actorType).toBe("carrier");

    const repeat = await send(event(order.number, "exception", "2026-11-18T17:00:00Z", { exception: { kind: "weather" } }));
    expect(repeat.json).toMatchObject({ outcome: "ignored", detail: `Order ${order.number} already has an open weather exception.` });
    // No kind: a carrier delay, which is a different kind, so it opens.
    const carrierKind = await send(event(order.number, "exception", "2026-11-18T18:00:00Z"));
    expect(carrierKind.json).toMatchObject({ outcome: "applied", detail: "carrier exception opened" });
    expect(await handle.db.select().from(orderExceptions).where(eq(orderExceptions.orderId, order.id))).toHaveLength(2);
  });

  it("ignores scans for a cancelled order", async () => {
    const order = await makeOrder(handle.db, { status: "cancelled" as OrderStatus, cancelReason: "Customer asked" });
    const result = await send(event(order.number, "delivered", "2026-11-19T18:00:00Z"));
    expect(result.json).toMatchObject({ outcome: "ignored", detail: `Order ${order.number} is cancelled.` });
    expect((await orderRow(order.id)).status).toBe("cancelled");
  });
});

describe("tracking events: no matching shipped order", () => {
  it("answers 422 for an unknown order and records nothing, so the same event may come again", async () => {
    const before = await receiptCount();
    const unknown = await send(event("OL-999999999", "delivered", "2026-11-19T18:00:00Z", { trackingNumber: "1Z0000000000000000" }));
    expect(unknown.status).toBe(422);
    expect(apiErrorSchema.safeParse(unknown.json).success).toBe(true);
    expect(unknown.json.error).toMatch(/No order matches order number OL-999999999 or tracking number 1Z0000000000000000/);
    expect(await receiptCount()).toBe(before);
  });

  it("answers 422 for an order not yet shipped, then applies the same event once it has shipped", async () => {
    const customer = await makeCustomer(handle.db);
    const order = await makeOrder(handle.db, { customerId: customer.id, status: "processing", placedAt: at("2026-11-16T14:00:00Z") });
    const payload = event(order.number, "in_transit", "2026-11-17T20:00:00Z");
    const early = await send(payload);
    expect(early.status).toBe(422);
    expect(early.json.error).toMatch(/has not shipped yet \(it is processing\)/);
    expect(await carrierEvents(order.id)).toEqual([]);

    await shipOrder(handle.db, { orderId: order.id, carrier: "ups", trackingNumber: "1Z999AA10123456784", actor: rep, at: at("2026-11-17T15:00:00Z") });
    const retried = await send(payload);
    expect(retried.json).toMatchObject({ outcome: "applied", duplicate: false });
  });
});

describe("tracking events: validation", () => {
  it("lists every problem by path and writes nothing", async () => {
    const order = await shippedOrder();
    const before = await receiptCount();

    const bad = await send({ eventId: "", type: "lost", occurredAt: "2026-11-19 18:00", description: "x".repeat(501), exception: { kind: "gremlins" } });
    expect(bad.status).toBe(400);
    expect(validationErrorSchema.safeParse(bad.json).success).toBe(true);
    const issues = bad.json.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(["description", "eventId", "exception.kind", "occurredAt", "type"]);

    const noOrder = await send({ eventId: nextEventId(), type: "delivered", occurredAt: "2026-11-19T18:00:00Z" });
    expect(noOrder.json.issues).toEqual([{ path: "orderNumber", message: "Give the orderNumber or the trackingNumber (or both)" }]);
    const misplaced = await send(event(order.number, "delivered", "2026-11-19T18:00:00Z", { exception: { kind: "weather" } }));
    expect((misplaced.json.issues as { path: string }[]).map((i) => i.path)).toEqual(["exception"]);
    const future = await send(event(order.number, "delivered", new Date(Date.now() + 3_600_000).toISOString()));
    expect((future.json.issues as { message: string }[])[0]!.message).toBe("occurredAt cannot be in the future");

    expect(await send("{ not json")).toEqual({ status: 400, json: { error: "Body must be JSON" } });
    expect(await receiptCount()).toBe(before);
    expect((await orderRow(order.id)).status).toBe("shipped");
  });
});

describe("tracking events: authentication", () => {
  it("answers 401 and writes nothing for a wrong, missing or revoked key, a key without a secret, or a bad signature", async () => {
    const order = await shippedOrder();
    const payload = event(order.number, "delivered", "2026-11-19T18:00:00Z");
    const body = JSON.stringify(payload);
    const t = Math.floor(Date.now() / 1000);

    const revoked = await createApiKey(handle.db, { name: "Old feed", purpose: "carrier_events", createdBy: adminId });
    await revokeApiKey(handle.db, { id: revoked.id, by: adminId });
    const legacy = await createApiKey(handle.db, { name: "Made before signing", purpose: "both", createdBy: adminId });
    await handle.db.update(apiKeys).set({ signingSecret: null }).where(eq(apiKeys.id, legacy.id));
    const other = await createApiKey(handle.db, { name: "Another carrier", purpose: "carrier_events", createdBy: adminId });
    const [{ lastUsedAt: usedBefore } = { lastUsedAt: null }] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    const receiptsBefore = await receiptCount();

    const refusals: [string, Send, RegExp][] = [
      ["no key", { authorization: null }, /valid API key is required/],
      ["wrong key", { authorization: "Bearer ol_not-a-real-key" }, /valid API key is required/],
      ["revoked key", { authorization: `Bearer ${revoked.key}`, secret: revoked.signingSecret }, /valid API key is required/],
      ["key without a secret", { authorization: `Bearer ${legacy.key}`, secret: "whsec_anything" }, /no signing secret/],
      ["missing signature", { signature: null }, /header is missing/],
      ["malformed signature", { signature: "sha256=abc" }, /must look like/],
      ["another key's secret", { secret: other.signingSecret }, /No v1 signature matches/],
      ["altered body", { signature: signatureHeader(key.signingSecret, body.replace("delivered", "in_transit"), t) }, /No v1 signature matches/],
      ["stale timestamp", { t: t - 6 * 60 }, /more than 5 minutes/],
      ["future timestamp", { t: t + 6 * 60 }, /more than 5 minutes/],
    ];
    for (const [name, options, message] of refusals) {
      const result = await send(payload, options);
      expect(result.status, name).toBe(401);
      expect(String(result.json.error), name).toMatch(message);
    }

    expect(await receiptCount()).toBe(receiptsBefore);
    expect((await orderRow(order.id)).status).toBe("shipped");
    // A forged request is not a use of the key.
    const [after] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(after!.lastUsedAt?.getTime()).toBe(usedBefore?.getTime());
  });

  it("keeps receipts per key: two carriers may use the same event id", async () => {
    const order = await shippedOrder();
    const other = await createApiKey(handle.db, { name: "Second carrier", purpose: "carrier_events", createdBy: adminId });
    const payload = event(order.number, "in_transit", "2026-11-17T20:00:00Z");
    expect((await send(payload)).json.duplicate).toBe(false);
    const second = await send(payload, { authorization: `Bearer ${other.key}`, secret: other.signingSecret });
    expect(second.json).toMatchObject({ outcome: "ignored", duplicate: false });
  });
});
