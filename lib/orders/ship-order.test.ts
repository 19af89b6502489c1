import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders, slaClocks } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { forEachOrder } from "./bulk";
import { shipOrder } from "./ship-order";

describe("shipping in bulk", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    actor = { type: "user", userId: (await makeUser(handle.db, { role: "fulfillment" })).id };
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("ships each order with its tracking in one step per order; a bad one is refused alone and left untouched", async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeOrder(handle.db, { status: "processing" })));
    const tracking: Record<string, [ "ups" | "fedex" | "dhl", string ]> = {
      [a!.id]: ["ups", "1z999aa1 0123456784"],
      [b!.id]: ["fedex", "1Z999AA10123456784"], // a UPS number given as FedEx
      [c!.id]: ["dhl", "1234567890"],
      [d!.id]: ["dhl", "1234567891"],
    };
    await handle.db.update(orders).set({ status: "delivered" }).where(eq(orders.id, d!.id));
    const results = await forEachOrder(
      handle.db,
      [a!.id, b!.id, c!.id, d!.id],
      (orderId) => shipOrder(handle.db, { orderId, carrier: tracking[orderId]![0], trackingNumber: tracking[orderId]![1], actor }),
      "Shipped",
    );
    expect(results.map((r) => [r.number, r.ok, r.message])).toEqual([
      [a!.number, true, "Shipped"],
      [b!.number, false, "This is not a FedEx tracking number (for example 123456789012)."],
      [c!.number, true, "Shipped"],
      [d!.number, false, "Only orders being processed can ship (this one is delivered)."],
    ]);

    const rows = await handle.db.select().from(orders).where(inArray(orders.id, [a!.id, b!.id, c!.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a!.id)).toMatchObject({ status: "shipped", carrier: "ups", trackingNumber: "1Z999AA10123456784" });
    expect(byId.get(b!.id)).toMatchObject({ status: "processing", carrier: null, trackingNumber: null, version: 1 });
    expect(byId.get(c!.id)).toMatchObject({ status: "shipped", carrier: "dhl" });
    // Shipping opened the shipping-notice clock (met at once by the automatic shipped notice, the default), and the
    // history says who set the tracking.
    const clocks = await handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, a!.id));
    expect(clocks.map((k) => [k.kind, k.state])).toContainEqual(["shipping_notice", "met"]);
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, a!.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["tracking_set", "status_changed"]));
    expect(events.filter((e) => e.type === "status_changed")[0]).toMatchObject({ fromStatus: "processing", toStatus: "shipped", actorUserId: (actor as { userId: string }).userId });
  });

  it("reports an unknown order id without failing the rest", async () => {
    const ok = await makeOrder(handle.db, { status: "processing" });
    const results = await forEachOrder(handle.db, ["00000000-0000-4000-8000-000000000000", ok.id], (orderId) => shipOrder(handle.db, { orderId, carrier: "dhl", trackingNumber: "1234567899", actor }), "Shipped");
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0]!.message).toBe("No such order.");
  });
});
