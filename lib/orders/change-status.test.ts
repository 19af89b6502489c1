import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders, orderStatuses, type OrderStatus } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { changeOrderStatus } from "./change-status";
import { transitionRefusal } from "./lifecycle";

// Every (from → to) pair through the real domain function on a real database: an allowed move changes the row,
// bumps the version and writes its event; a refused one says why and leaves the row and its history untouched.
const starts: { status: OrderStatus; statusBeforeHold: OrderStatus | null }[] = [
  ...orderStatuses.filter((s) => s !== "on_hold").map((status) => ({ status, statusBeforeHold: null })),
  { status: "on_hold", statusBeforeHold: "received" },
  { status: "on_hold", statusBeforeHold: "confirmed" },
  { status: "on_hold", statusBeforeHold: "processing" },
];

describe("changeOrderStatus: every transition", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    actor = { type: "user", userId: (await makeUser(handle.db, { role: "supervisor" })).id };
  });
  afterAll(async () => {
    await handle?.close();
  });

  for (const start of starts) {
    const name = start.statusBeforeHold ? `on_hold (from ${start.statusBeforeHold})` : start.status;
    it(`from ${name}`, async () => {
      for (const to of orderStatuses) {
        const order = await makeOrder(handle.db, {
          status: start.status,
          statusBeforeHold: start.statusBeforeHold,
          holdReason: start.status === "on_hold" ? "stock" : null,
        });
        // Shipping also needs the tracking (or the reason there is none), which only shipOrder sets.
        const expectedRefusal = transitionRefusal(start, to) ?? (to === "shipped" ? "ships with its carrier and tracking number" : null);
        const eventsBefore = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
        const attempt = changeOrderStatus(handle.db, {
          orderId: order.id,
          to,
          actor,
          expectedVersion: order.version,
          reason: to === "cancelled" ? "Customer asked" : null,
          holdReason: to === "on_hold" ? "payment" : null,
        });
        if (expectedRefusal) {
          await expect(attempt, `${name} → ${to}`).rejects.toThrow(expectedRefusal);
          const [after] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
          expect(after!.status).toBe(start.status);
          expect(after!.version).toBe(order.version);
          expect(await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).toEqual(eventsBefore);
        } else {
          const updated = await attempt;
          expect(updated.status, `${name} → ${to}`).toBe(to);
          expect(updated.version).toBe(order.version + 1);
          const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
          expect(events.at(-1)).toMatchObject({ fromStatus: start.status, toStatus: to, actorType: "user" });
          if (start.status === "on_hold" && to !== "cancelled") expect(updated.holdReason).toBeNull();
          if (to === "on_hold") expect(updated.statusBeforeHold).toBe(start.status);
        }
      }
    });
  }

  it("refuses hold without a reason and cancellation without one, changing nothing", async () => {
    const order = await makeOrder(handle.db, { status: "confirmed" });
    await expect(changeOrderStatus(handle.db, { orderId: order.id, to: "on_hold", actor })).rejects.toThrow(/Say why the order is on hold/);
    await expect(changeOrderStatus(handle.db, { orderId: order.id, to: "cancelled", reason: "  ", actor })).rejects.toThrow(/reason for the cancellation/);
    const [after] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ status: "confirmed", version: order.version });
  });
});
