import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accuracyErrors, orderEvents, orderItems, orders } from "@/db/schema";
import { makeOrder, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { correctItems, correctShippingAddress } from "./correct-order";
import { correctAddressSchema, correctItemsSchema } from "./order-action-schemas";
import { StaleOrderError } from "./order-lock";
import { buildTimeline } from "./timeline";
import { getOrderDetail } from "./order-detail";

let handle: DatabaseHandle;
let actor: Actor;
let userId: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  userId = (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id;
  actor = { type: "user", userId };
});
afterAll(async () => {
  await handle?.close();
});

const newAddress = { ...testAddress, line1: "1 Main St", line2: "Apt 4", postalCode: "01102" };

async function eventsOf(orderId: string) {
  return handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}
async function accuracyOf(orderId: string) {
  return handle.db.select().from(accuracyErrors).where(eq(accuracyErrors.orderId, orderId));
}

describe("correcting the shipping address", () => {
  it("before confirmation: updates the address and records the correction, but no accuracy error", async () => {
    const order = await makeOrder(handle.db, { status: "received" });
    const updated = await correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: newAddress, actor });

    expect(updated.version).toBe(2);
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.shippingAddress).toEqual(newAddress);
    expect(row!.billingAddress).toEqual(testAddress);
    const correction = (await eventsOf(order.id)).find((e) => e.type === "correction");
    expect(correction).toMatchObject({ actorType: "user", actorUserId: userId, data: { field: "address", before: testAddress, after: newAddress, cause: null } });
    expect(await accuracyOf(order.id)).toEqual([]);
  });

  it("after confirmation: requires a cause, then records one accuracy error with it", async () => {
    const order = await makeOrder(handle.db, { status: "processing", confirmedAt: new Date() });
    await expect(correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: newAddress, actor })).rejects.toThrow(/caused the correction/);

    await correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: newAddress, cause: "our_error", note: "Typed the wrong ZIP", actor });
    const errors = await accuracyOf(order.id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: "address", cause: "our_error", recordedBy: userId });
    expect(errors[0]!.detail).toBe("Line 2: — → Apt 4; Postal code: 01101 → 01102 — Typed the wrong ZIP");

    // The history reads it back with its cause and what changed.
    const detail = await getOrderDetail(handle.db, order.number);
    const entry = buildTimeline(detail!).find((e) => e.key.startsWith("event-") && e.title.startsWith("Shipping address corrected"));
    expect(entry).toMatchObject({ title: "Shipping address corrected (cause: our error)", actor: "Riley Rep" });
    expect(entry!.detail).toContain("Postal code: 01101 → 01102");
  });

  it("after confirmation, a change the customer asked for is recorded but is not an accuracy error", async () => {
    const order = await makeOrder(handle.db, { status: "on_hold", statusBeforeHold: "confirmed", holdReason: "address", confirmedAt: new Date() });
    await correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: newAddress, cause: "customer_request", actor });
    expect((await eventsOf(order.id)).filter((e) => e.type === "correction")).toHaveLength(1);
    expect(await accuracyOf(order.id)).toEqual([]);
  });

  it("after shipping: refused with the alternative, and nothing is written", async () => {
    const order = await makeOrder(handle.db, { status: "shipped", confirmedAt: new Date(), shippedAt: new Date() });
    await expect(correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: newAddress, cause: "our_error", actor })).rejects.toThrow(
      "Already shipped — contact the carrier to redirect the parcel.",
    );
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ shippingAddress: testAddress, version: 1 });
    expect((await eventsOf(order.id)).map((e) => e.type)).toEqual(["received"]);
    expect(await accuracyOf(order.id)).toEqual([]);
  });

  it("refuses an edit made against an older version and keeps the newer change", async () => {
    const order = await makeOrder(handle.db, { status: "received" });
    await correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: newAddress, actor });
    const stale = correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: { ...testAddress, city: "Shelbyville" }, actor });
    await expect(stale).rejects.toBeInstanceOf(StaleOrderError);
    await expect(stale).rejects.toThrow(/This order was changed by Riley Rep at/);
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ shippingAddress: newAddress, version: 2 });
  });

  it("refuses a correction that changes nothing", async () => {
    const order = await makeOrder(handle.db, { status: "received" });
    await expect(correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: 1, address: { ...testAddress }, actor })).rejects.toBeInstanceOf(UserFacingError);
    expect((await eventsOf(order.id)).map((e) => e.type)).toEqual(["received"]);
  });
});

describe("correcting the items", () => {
  it("replaces the list and recomputes subtotal and total exactly, keeping shipping and tax unless given", async () => {
    const order = await makeOrder(handle.db, { status: "confirmed", confirmedAt: new Date(), shippingCents: 499, taxCents: 207, totalCents: 2500 + 499 + 207 });
    const items = [
      { sku: "MUG-1", name: "Enamel mug", quantity: 3, unitPriceCents: 1999 },
      { sku: "PEN-1", name: "Pen", quantity: 7, unitPriceCents: 10 },
    ];
    const updated = await correctItems(handle.db, { orderId: order.id, expectedVersion: 1, items, cause: "our_error", actor });
    // 3 × 19.99 + 7 × 0.10 = 60.67; + 4.99 shipping + 2.07 tax = 67.73
    expect(updated).toMatchObject({ subtotalCents: 6067, shippingCents: 499, taxCents: 207, totalCents: 6773, version: 2 });
    const stored = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.sku));
    expect(stored.map((i) => [i.sku, i.quantity, i.unitPriceCents])).toEqual([
      ["MUG-1", 3, 1999],
      ["PEN-1", 7, 10],
    ]);
    const errors = await accuracyOf(order.id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: "items", cause: "our_error" });
    expect(errors[0]!.detail).toBe("1 × SKU-1 → 3 × MUG-1, 7 × PEN-1; total $32.06 → $67.73");

    // New shipping and tax replace the kept ones.
    const again = await correctItems(handle.db, { orderId: order.id, expectedVersion: 2, items, shippingCents: 0, taxCents: 485, cause: "customer_request", actor });
    expect(again).toMatchObject({ subtotalCents: 6067, shippingCents: 0, taxCents: 485, totalCents: 6552, version: 3 });
    const correction = (await eventsOf(order.id)).filter((e) => e.type === "correction").at(-1);
    expect(correction!.data).toMatchObject({
      field: "items",
      cause: "customer_request",
      before: { subtotalCents: 6067, shippingCents: 499, taxCents: 207, totalCents: 6773 },
      after: { totalCents: 6552 },
    });
    expect(await accuracyOf(order.id)).toHaveLength(1);
  });

  it("before confirmation needs no cause and records no accuracy error", async () => {
    const order = await makeOrder(handle.db, { status: "received" });
    await correctItems(handle.db, { orderId: order.id, expectedVersion: 1, items: [{ sku: "SKU-1", name: "Canvas tote", quantity: 2, unitPriceCents: 2500 }], actor });
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ subtotalCents: 5000, totalCents: 5000 });
    expect(await accuracyOf(order.id)).toEqual([]);
  });

  it("is refused once shipped and for a cancelled order", async () => {
    const shipped = await makeOrder(handle.db, { status: "delivered", confirmedAt: new Date() });
    const items = [{ sku: "X", name: "X", quantity: 1, unitPriceCents: 1 }];
    await expect(correctItems(handle.db, { orderId: shipped.id, expectedVersion: 1, items, cause: "our_error", actor })).rejects.toThrow(/^Already shipped — the items can no longer change/);
    const cancelled = await makeOrder(handle.db, { status: "cancelled" });
    await expect(correctItems(handle.db, { orderId: cancelled.id, expectedVersion: 1, items, actor })).rejects.toThrow("The order is cancelled; nothing more can change.");
    const stored = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, shipped.id));
    expect(stored.map((i) => i.sku)).toEqual(["SKU-1"]);
  });

  it("is refused against a stale version", async () => {
    const order = await makeOrder(handle.db, { status: "received" });
    await handle.db.update(orders).set({ version: 5 }).where(eq(orders.id, order.id));
    const items = [{ sku: "X", name: "X", quantity: 1, unitPriceCents: 1 }];
    await expect(correctItems(handle.db, { orderId: order.id, expectedVersion: 4, items, actor })).rejects.toBeInstanceOf(StaleOrderError);
    expect(await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id))).toHaveLength(1);
  });
});

describe("correction schemas", () => {
  const ref = { orderId: "7f1c0c7e-52f2-4c3a-9d35-4b1f7a0d9e11", expectedVersion: "3" };
  const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("holds the address and items to the order-intake rules and keys errors by field", () => {
    const address = correctAddressSchema.safeParse({ ...ref, address: { ...testAddress, country: "usa", line1: "" }, cause: "" });
    expect(Object.keys(errorsOf(address)).sort()).toEqual(["address.country", "address.line1"]);

    const items = correctItemsSchema.safeParse({ ...ref, items: [{ sku: "A", name: "A", quantity: 0, unitPriceCents: 1.5 }], cause: "other" });
    expect(Object.keys(errorsOf(items)).sort()).toEqual(["items.0.quantity", "items.0.unitPriceCents"]);

    const noNote = correctItemsSchema.safeParse({ ...ref, items: [{ sku: "A", name: "A", quantity: 1, unitPriceCents: 150 }], cause: "other" });
    expect(errorsOf(noNote)).toEqual({ note: "Say what happened when the cause is “other”." });

    const ok = correctItemsSchema.parse({ ...ref, items: [{ sku: "A", name: "A", quantity: 1, unitPriceCents: 150 }], cause: "", taxCents: null, note: "  " });
    expect(ok).toMatchObject({ expectedVersion: 3, cause: undefined, note: undefined, taxCents: undefined });
  });
});
