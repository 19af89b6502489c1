import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, orderEvents, orders, slaClocks } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { applyTrackingImport, previewTrackingImport } from "@/lib/fulfillment/tracking-import";
import { defaultNotificationSettings } from "@/lib/settings/defaults";
import { updateNotificationSettings } from "@/lib/settings/update-settings";
import { bulkShipSchema } from "./bulk-schemas";
import { changeOrderStatus } from "./change-status";
import { setTracking, shipOrder } from "./ship-order";

// SOP 003 §3.3 / SOP 004 §2: a tracking number is assigned on shipping and the customer gets the link. One path to
// "shipped" (shipOrder), which needs a carrier and tracking number or the reason there is none; tracking that comes
// later tells the customer exactly once.

describe("shipping needs tracking or a reason", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let supervisorId: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    actor = { type: "user", userId: (await makeUser(handle.db, { role: "fulfillment" })).id };
    supervisorId = (await makeUser(handle.db, { role: "supervisor" })).id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const read = async (id: string) => (await handle.db.select().from(orders).where(eq(orders.id, id)))[0]!;
  const notices = (orderId: string) => handle.db.select().from(messages).where(eq(messages.orderId, orderId)).orderBy(messages.seq);
  const setStage = (shipped: "automatic" | "suggest") =>
    updateNotificationSettings(handle.db, { settings: { ...defaultNotificationSettings, stages: { ...defaultNotificationSettings.stages, shipped } }, actorUserId: supervisorId });

  it("refuses a plain status change to shipped and leaves the order and its history as they were", async () => {
    const order = await makeOrder(handle.db, { status: "processing" });
    const history = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    await expect(changeOrderStatus(handle.db, { orderId: order.id, to: "shipped", actor, expectedVersion: order.version })).rejects.toThrow(
      "An order ships with its carrier and tracking number, or with the reason it has none",
    );
    expect(await read(order.id)).toMatchObject({ status: "processing", version: order.version, shippedAt: null });
    expect(await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).toEqual(history);
  });

  it("ships without tracking for a stated reason, and the shipped notice says how it travels", async () => {
    const order = await makeOrder(handle.db, { status: "processing" });
    await expect(shipOrder(handle.db, { orderId: order.id, untracked: { reason: "other", note: "  " }, actor })).rejects.toThrow("Say how the order travels");
    await shipOrder(handle.db, { orderId: order.id, untracked: { reason: "local_courier", note: "Speedy Bikes" }, actor });
    expect(await read(order.id)).toMatchObject({ status: "shipped", carrier: null, trackingNumber: null, untrackedReason: "local_courier", untrackedNote: "Speedy Bikes" });

    const [notice] = await notices(order.id);
    expect(notice).toMatchObject({ template: "shipped", senderType: "system" });
    expect(notice!.subject).toBe(`Your order #${order.number} is on its way!`);
    expect(notice!.bodyText).toContain("with a local courier (Speedy Bikes)");
    expect(notice!.bodyText).toContain("There is no tracking number for this delivery.");
    const [clock] = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "shipping_notice")));
    expect(clock).toMatchObject({ state: "met", metByMessageId: notice!.id });
  });

  it("sends the shipped notice when tracking comes after shipping, exactly once; a correction then sends a tracking update", async () => {
    // Shipped before tracking was required: no carrier, no notice sent.
    const order = await makeOrder(handle.db, { status: "shipped", shippedAt: new Date() });
    await setTracking(handle.db, { orderId: order.id, carrier: "ups", trackingNumber: "1Z999AA10123456784", actor });
    let sent = await notices(order.id);
    expect(sent.map((m) => m.template)).toEqual(["shipped"]);
    expect(sent[0]!.bodyText).toContain("1Z999AA10123456784");

    // The same tracking again changes nothing the customer hears of a second shipped notice…
    await setTracking(handle.db, { orderId: order.id, carrier: "ups", trackingNumber: "1Z999AA10123456784", actor });
    sent = await notices(order.id);
    expect(sent.filter((m) => m.template === "shipped")).toHaveLength(1);
    // …and each correction after it is one "tracking updated" notice with the new number.
    await setTracking(handle.db, { orderId: order.id, carrier: "fedex", trackingNumber: "123456789012", actor });
    sent = await notices(order.id);
    expect(sent.map((m) => m.template)).toEqual(["shipped", "tracking_updated", "tracking_updated"]);
    expect(sent.at(-1)!.bodyText).toContain("123456789012");
    expect(sent.at(-1)!.subject).toBe(`New tracking details for your order #${order.number}`);
  });

  it("tells a customer first told 'no tracking' once tracking is added, with a tracking update", async () => {
    const order = await makeOrder(handle.db, { status: "processing" });
    await shipOrder(handle.db, { orderId: order.id, untracked: { reason: "hand_delivery" }, actor });
    await setTracking(handle.db, { orderId: order.id, carrier: "dhl", trackingNumber: "1234567890", actor });
    expect(await read(order.id)).toMatchObject({ carrier: "dhl", trackingNumber: "1234567890", untrackedReason: null, untrackedNote: null });
    expect((await notices(order.id)).map((m) => m.template)).toEqual(["shipped", "tracking_updated"]);
    const [added] = await handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, "tracking_set")));
    expect(added!.data).toMatchObject({ carrier: "dhl", trackingNumber: "1234567890", previousUntrackedReason: "hand_delivery" });
  });

  it("leaves late tracking to a rep when the shipped stage is not automatic: the clock stays open", async () => {
    await setStage("suggest");
    try {
      const order = await makeOrder(handle.db, { status: "processing" });
      await shipOrder(handle.db, { orderId: order.id, untracked: { reason: "hand_delivery" }, actor });
      await setTracking(handle.db, { orderId: order.id, carrier: "dhl", trackingNumber: "1234567890", actor });
      expect(await notices(order.id)).toEqual([]);
      const [clock] = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "shipping_notice")));
      expect(clock!.state).toBe("open");
    } finally {
      await setStage("automatic");
    }
  });

  it("the CSV import ships with tracking and sends the late shipped notice for an order shipped without one", async () => {
    const waiting = await makeOrder(handle.db, { status: "processing" });
    const late = await makeOrder(handle.db, { status: "in_transit", shippedAt: new Date() });
    const csv = `order,carrier,tracking\n${waiting.number},UPS,1Z999AA10123456784\n${late.number},DHL,1234567890\n`;
    const preview = await previewTrackingImport(handle.db, csv);
    expect(preview.summary).toMatchObject({ ship: 1, correct: 1, errors: 0 });
    await applyTrackingImport(handle.db, { csv, versions: preview.rows.map((r) => ({ orderId: r.orderId!, version: r.version! })), actor });
    expect((await notices(waiting.id)).map((m) => m.template)).toEqual(["shipped"]);
    expect((await notices(late.id)).map((m) => m.template)).toEqual(["shipped"]);
  });

  it("the board's bulk ship takes a tracked or an untracked row and refuses an untracked one without its reason", () => {
    const ref = { orderId: crypto.randomUUID(), version: 1 };
    expect(bulkShipSchema.safeParse({ orders: [{ ...ref, carrier: "ups", trackingNumber: "1Z999AA10123456784" }] }).success).toBe(true);
    expect(bulkShipSchema.safeParse({ orders: [{ ...ref, mode: "untracked", untrackedReason: "hand_delivery" }] }).success).toBe(true);
    const missing = bulkShipSchema.safeParse({ orders: [{ ...ref, mode: "untracked", untrackedReason: "other" }] });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues[0]).toMatchObject({ path: ["orders", 0, "untrackedNote"], message: "Say how the order travels." });
  });
});
