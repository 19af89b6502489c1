import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, orderExceptions, orderEvents, slaClocks } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { listMessages } from "@/lib/messages/message-log";
import { parseMessageLogFilters } from "@/lib/messages/log-filters";
import { loadTrackingView } from "@/lib/tracking-page/load-tracking-view";
import { LocalFileStorage } from "@/lib/storage/local-file-storage";
import { changeOrderStatus } from "./change-status";
import { openException } from "./exceptions";
import { getOrderDetail } from "./order-detail";
import { lockOrder } from "./order-lock";
import { recordProofOfDelivery } from "./proof-of-delivery";
import { shipOrder } from "./ship-order";
import { buildTimeline } from "./timeline";

const at = (iso: string) => new Date(iso);

// Histories follow the order things happened in (history_seq), not their timestamps: two events in one instant, or a
// proof of delivery typed to the minute after a scan seconds into that minute, still read in order. And a delivery
// (or a cancellation) ends the delays still open, with their notice clocks.

describe("the order of history", () => {
  let handle: DatabaseHandle;
  let root: string;
  let rep: Actor;
  let carrier: Actor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    root = await mkdtemp(path.join(tmpdir(), "orderline-history-"));
    rep = { type: "user", userId: (await makeUser(handle.db, { role: "fulfillment", name: "Frankie Fulfil" })).id };
    carrier = { type: "carrier" };
  });
  afterAll(async () => {
    await handle?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function shippedOrder() {
    const order = await makeOrder(handle.db, { status: "processing" });
    await shipOrder(handle.db, { orderId: order.id, carrier: "dhl", trackingNumber: "1234567890", actor: rep, at: at("2026-11-27T08:00:00Z") });
    return order;
  }

  it("lists a proof of delivery typed as 14:30 after the 14:30:45 out-for-delivery scan it follows", async () => {
    const order = await shippedOrder();
    await changeOrderStatus(handle.db, { orderId: order.id, to: "out_for_delivery", actor: carrier, at: at("2026-11-27T14:30:45Z") });
    await recordProofOfDelivery(handle.db, {
      orderId: order.id,
      recipientName: "Ada Lovelace",
      receivedAt: at("2026-11-27T14:30:00Z"),
      actor: rep,
      storage: new LocalFileStorage(root),
      at: at("2026-11-27T14:33:00Z"),
    });
    const timeline = buildTimeline((await getOrderDetail(handle.db, order.number))!);
    const statuses = timeline.filter((e) => e.title.startsWith("Status")).map((e) => e.title);
    expect(statuses.slice(0, 2)).toEqual(["Status Out for delivery → Delivered", "Status Shipped → Out for delivery"]);
    // The clerk's time stays what was typed.
    expect(timeline.find((e) => e.title === "Status Out for delivery → Delivered")!.at).toEqual(at("2026-11-27T14:30:00Z"));
    // Newest first means the highest sequence first, all the way down.
    const seqs = timeline.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const view = (await loadTrackingView(handle.db, (await handle.db.query.orders.findFirst({ where: (o, { eq }) => eq(o.id, order.id) }))!.trackingToken))!;
    expect(view.steps.filter((s) => s.state !== "upcoming").map((s) => s.status)).toEqual(["received", "confirmed", "processing", "shipped", "in_transit", "out_for_delivery", "delivered"]);
  });

  it("orders events of one instant by when they were written, and names the latest writer of a stale edit", async () => {
    const order = await shippedOrder();
    const instant = at("2026-11-28T09:00:00Z");
    const other = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id } as const;
    await changeOrderStatus(handle.db, { orderId: order.id, to: "in_transit", actor: carrier, at: instant });
    await changeOrderStatus(handle.db, { orderId: order.id, to: "out_for_delivery", actor: other, at: instant });
    const titles = buildTimeline((await getOrderDetail(handle.db, order.number))!)
      .filter((e) => e.title.startsWith("Status"))
      .map((e) => e.title);
    expect(titles.slice(0, 2)).toEqual(["Status In transit → Out for delivery", "Status Shipped → In transit"]);
    await expect(handle.db.transaction((tx) => lockOrder(tx, order.id, 1))).rejects.toThrow(/changed by Riley Rep/);
  });

  it("pages the communication log through messages of one instant, newest written first, none skipped or repeated", async () => {
    const customer = await makeCustomer(handle.db, { name: "Tie Breaker" });
    const instant = at("2026-11-29T10:00:00Z");
    for (let i = 0; i < 55; i++) {
      await handle.db.insert(messages).values({
        customerId: customer.id,
        channel: "portal",
        status: "logged",
        bodyText: `Message ${i}`,
        senderType: "system",
        idempotencyKey: `tie-${i}`,
        createdAt: instant,
      });
    }
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const { filters } = parseMessageLogFilters({ customer: "Tie Breaker", from: "2026-11-29", to: "2026-11-29", ...(before ? { before } : {}) });
      const page = await listMessages(handle.db, filters, { timeZone: "UTC", now: at("2026-11-30T00:00:00Z") });
      for (const row of page.rows) seen.push((await handle.db.select({ body: messages.bodyText }).from(messages).where(eq(messages.id, row.id)))[0]!.body);
      before = page.nextCursor;
    } while (before);
    expect(seen).toEqual(Array.from({ length: 55 }, (_, i) => `Message ${54 - i}`));
  });

  it("a delivery resolves the open delays, with their resolution time, and cancels their notice clocks", async () => {
    const order = await shippedOrder();
    const delay = await openException(handle.db, { orderId: order.id, kind: "carrier", explanation: "Missed the connection", revisedEta: "2026-12-15", actor: carrier, at: at("2026-11-28T10:00:00Z") });
    // Opened by the carrier with no rep to fill in the cause: the delay notice is still owed.
    await handle.db.update(slaClocks).set({ state: "open", metAt: null, metByMessageId: null }).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "delay_notice")));
    await changeOrderStatus(handle.db, { orderId: order.id, to: "delivered", actor: carrier, at: at("2026-11-28T16:00:00Z") });

    const [resolved] = await handle.db.select().from(orderExceptions).where(eq(orderExceptions.id, delay.id));
    expect(resolved).toMatchObject({ resolvedAt: at("2026-11-28T16:00:00Z"), resolution: "Resolved by the delivery." });
    const [clock] = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "delay_notice")));
    expect(clock!.state).toBe("cancelled");
    const [event] = await handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, "exception_resolved")));
    expect(event).toMatchObject({ actorType: "carrier", reason: "Resolved by the delivery.", data: { exceptionId: delay.id, resolvedBy: "delivered" } });

    const detail = (await getOrderDetail(handle.db, order.number))!;
    expect(detail.exceptions.filter((e) => !e.resolvedAt)).toEqual([]);
    expect(detail.clocks.filter((c) => c.state === "open").map((c) => c.kind)).not.toContain("delay_notice");
    const view = (await loadTrackingView(handle.db, detail.order.trackingToken))!;
    expect(view.delays).toEqual([]);
    expect(view.deliveredAt).not.toBeNull();
  });

  it("a cancellation closes the open delays too", async () => {
    const order = await makeOrder(handle.db, { status: "processing" });
    const delay = await openException(handle.db, { orderId: order.id, kind: "stock", explanation: "Out of stock", revisedEta: null, actor: rep, at: at("2026-11-28T10:00:00Z") });
    await changeOrderStatus(handle.db, { orderId: order.id, to: "cancelled", reason: "Customer asked", actor: rep, at: at("2026-11-28T11:00:00Z") });
    const [closed] = await handle.db.select().from(orderExceptions).where(eq(orderExceptions.id, delay.id));
    expect(closed).toMatchObject({ resolvedAt: at("2026-11-28T11:00:00Z"), resolution: "Closed: the order was cancelled." });
  });
});
