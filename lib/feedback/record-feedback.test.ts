import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { feedback, orderEvents, orders } from "@/db/schema";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { buildTimeline } from "@/lib/orders/timeline";
import { recordFeedback } from "./record-feedback";

const customer = { type: "customer" } as const;

describe("recording the customer's rating", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("is refused before delivery, and nothing is written", async () => {
    const order = await makeOrder(handle.db, { status: "out_for_delivery" });
    await expect(recordFeedback(handle.db, { orderId: order.id, rating: 5, actor: customer })).rejects.toThrow("You can rate the delivery once it has arrived.");
    expect(await handle.db.select().from(feedback).where(eq(feedback.orderId, order.id))).toEqual([]);
    expect(await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).toHaveLength(1); // "received" only
  });

  it("keeps one row per order: a later rating replaces the earlier one, and each writes an order event", async () => {
    const order = await makeOrder(handle.db, { status: "delivered" });
    const first = await recordFeedback(handle.db, { orderId: order.id, rating: 2, comment: "  Box was crushed  ", actor: customer, at: new Date("2026-03-05T10:00:00Z") });
    expect(first).toMatchObject({ rating: 2, comment: "Box was crushed", replaced: false });
    const second = await recordFeedback(handle.db, { orderId: order.id, rating: 4, comment: "", actor: customer, at: new Date("2026-03-06T10:00:00Z") });
    expect(second).toMatchObject({ id: first.id, rating: 4, comment: null, replaced: true });

    const rows = await handle.db.select().from(feedback).where(eq(feedback.orderId, order.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 4, comment: null, createdAt: new Date("2026-03-05T10:00:00Z"), updatedAt: new Date("2026-03-06T10:00:00Z") });
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(events.filter((e) => e.type === "feedback_received").map((e) => [e.actorType, e.data])).toEqual([
      ["customer", { rating: 2, comment: "Box was crushed", replaced: false }],
      ["customer", { rating: 4, comment: null, replaced: true }],
    ]);
    // A rating changes no fact of the order.
    const [after] = await handle.db.select({ version: orders.version }).from(orders).where(eq(orders.id, order.id));
    expect(after!.version).toBe(order.version);

    // Staff see it on the order page: the rating card and the history.
    const detail = (await getOrderDetail(handle.db, order.number))!;
    expect(detail.feedback).toMatchObject({ rating: 4, comment: null });
    expect(buildTimeline(detail).filter((e) => e.title === "Customer rated the delivery").map((e) => [e.detail, e.actor])).toEqual([
      ["4 of 5 (replaces the earlier rating)", "Customer"],
      ["2 of 5: Box was crushed", "Customer"],
    ]);
  });

  it("is still allowed on a closed order, and refuses ratings outside 1–5 or an over-long comment", async () => {
    const order = await makeOrder(handle.db, { status: "closed" });
    for (const rating of [0, 6, 3.5, Number.NaN]) {
      await expect(recordFeedback(handle.db, { orderId: order.id, rating, actor: customer })).rejects.toThrow("Choose a rating from 1 to 5.");
    }
    await expect(recordFeedback(handle.db, { orderId: order.id, rating: 3, comment: "x".repeat(2001), actor: customer })).rejects.toThrow(/2000 characters/);
    await expect(recordFeedback(handle.db, { orderId: order.id, rating: 1, actor: customer })).resolves.toMatchObject({ rating: 1 });
  });
});
