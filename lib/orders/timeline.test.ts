import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { addOrderNote } from "./add-note";
import { openException, resolveException } from "./exceptions";
import { getOrderDetail } from "./order-detail";
import { setTracking, shipOrder } from "./ship-order";
import { buildTimeline } from "./timeline";

describe("order timeline", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("merges events, notes and exceptions newest first, each with who did it", async () => {
    const frankie = await makeUser(handle.db, { role: "fulfillment", name: "Frankie Fulfil" });
    const riley = await makeUser(handle.db, { role: "rep", name: "Riley Rep" });
    const order = await makeOrder(handle.db, { status: "processing", placedAt: new Date("2026-11-20T15:00:00Z") });
    const exception = await openException(handle.db, { orderId: order.id, kind: "weather", explanation: "Snowstorm", revisedEta: "2026-11-30", actor: { type: "user", userId: frankie.id }, at: new Date("2026-11-21T10:00:00Z") });
    await addOrderNote(handle.db, { orderId: order.id, body: "Customer informed by phone", userId: riley.id, at: new Date("2026-11-21T11:00:00Z") });
    await resolveException(handle.db, { exceptionId: exception.id, resolution: "Roads open", actor: { type: "user", userId: riley.id }, at: new Date("2026-11-22T09:00:00Z") });

    const timeline = buildTimeline((await getOrderDetail(handle.db, order.number))!);
    expect(timeline.map((e) => [e.title, e.actor])).toEqual([
      ["Exception resolved: Weather", "Riley Rep"],
      ["Note", "Riley Rep"],
      ["Exception opened: Weather", "Frankie Fulfil"],
      ["Received: Received", "System"],
    ]);
    expect(timeline[2]!.detail).toBe("Snowstorm (revised delivery 2026-11-30)");
  });

  it("names the carrier of a tracking entry and shows what a correction replaced", async () => {
    const actor = { type: "user" as const, userId: (await makeUser(handle.db, { role: "fulfillment" })).id };
    const order = await makeOrder(handle.db, { status: "processing" });
    await shipOrder(handle.db, { orderId: order.id, carrier: "fedex", trackingNumber: "123456789012", actor, at: new Date("2026-11-21T10:00:00Z") });
    await setTracking(handle.db, {
      orderId: order.id,
      carrier: "other",
      carrierName: "OnTrac",
      trackingUrlTemplate: "https://track.ontrac.example/{tracking}",
      trackingNumber: "C10000012345",
      actor,
      at: new Date("2026-11-21T12:00:00Z"),
    });
    const tracking = buildTimeline((await getOrderDetail(handle.db, order.number))!).filter((e) => e.title.startsWith("Tracking"));
    expect(tracking.map((e) => [e.title, e.detail])).toEqual([
      ["Tracking corrected", "OnTrac C10000012345 (was FedEx 123456789012)"],
      ["Tracking set", "FedEx 123456789012"],
    ]);
  });
});
