import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { fieldErrorsOf } from "@/lib/actions/action";
import type { Actor } from "@/lib/actor";
import { forEachOrder } from "./bulk";
import { bulkShipSchema } from "./bulk-schemas";
import { shipOrder } from "./ship-order";
import { trackingLink } from "./tracking";

const orderId = "8b1c6a5e-0000-4000-8000-000000000001";

describe("the ship form's schema for another carrier", () => {
  it("asks for the carrier's name and tracking link when the carrier is other", () => {
    const parsed = bulkShipSchema.safeParse({ orders: [{ orderId, version: "1", carrier: "other", trackingNumber: "ab12345", carrierName: " ", trackingUrlTemplate: "" }] });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      "orders.0.carrierName": ["Name the carrier."],
      "orders.0.trackingUrlTemplate": ["Give the carrier's tracking link, with {tracking} where the number goes."],
    });
  });

  it("passes them on for other, and leaves them out for the named carriers", () => {
    const parsed = bulkShipSchema.parse({
      orders: [
        { orderId, version: 2, carrier: "other", trackingNumber: "AB12345", carrierName: " Parcel Co ", trackingUrlTemplate: "https://track.example.com/{tracking}" },
        { orderId, version: 2, carrier: "ups", trackingNumber: "1Z999AA10123456784", carrierName: "", trackingUrlTemplate: "" },
      ],
    });
    expect(parsed.orders[0]).toMatchObject({ carrier: "other", carrierName: "Parcel Co", trackingUrlTemplate: "https://track.example.com/{tracking}" });
    expect(parsed.orders[1]).toMatchObject({ carrier: "ups", carrierName: undefined, trackingUrlTemplate: undefined });
  });
});

describe("shipping with another carrier", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    actor = { type: "user", userId: (await makeUser(handle.db, { role: "fulfillment" })).id };
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("ships with the carrier's name and link template; a bad template is refused for that order alone", async () => {
    const [good, badLink, noPlaceholder] = await Promise.all([1, 2, 3].map(() => makeOrder(handle.db, { status: "processing" })));
    const templates: Record<string, string> = {
      [good!.id]: "https://track.example.com/{tracking}",
      [badLink!.id]: "http://track.example.com/{tracking}",
      [noPlaceholder!.id]: "https://track.example.com/",
    };
    const results = await forEachOrder(
      handle.db,
      [good!.id, badLink!.id, noPlaceholder!.id],
      (id) => shipOrder(handle.db, { orderId: id, carrier: "other", trackingNumber: "pc-123 456", carrierName: "Parcel Co", trackingUrlTemplate: templates[id], actor }),
      "Shipped",
    );
    expect(results.map((r) => [r.ok, r.message])).toEqual([
      [true, "Shipped"],
      [false, "The tracking link must start with https://."],
      [false, "The tracking link must contain {tracking} where the number goes."],
    ]);

    const [shipped] = await handle.db.select().from(orders).where(eq(orders.id, good!.id));
    expect(shipped).toMatchObject({ status: "shipped", carrier: "other", carrierName: "Parcel Co", trackingNumber: "PC123456", trackingUrlTemplate: "https://track.example.com/{tracking}" });
    expect(trackingLink(shipped!.carrier, shipped!.trackingNumber, shipped!.trackingUrlTemplate)).toBe("https://track.example.com/PC123456");
    const [event] = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, good!.id)).orderBy(orderEvents.id).offset(1).limit(1);
    expect(event).toMatchObject({ type: "tracking_set", data: { carrier: "other", trackingNumber: "PC123456", carrierName: "Parcel Co" } });

    const [refused] = await handle.db.select().from(orders).where(eq(orders.id, badLink!.id));
    expect(refused).toMatchObject({ status: "processing", carrier: null, carrierName: null, trackingUrlTemplate: null });
  });
});
