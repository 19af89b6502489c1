import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderViewers } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { beatOrderView, leaveOrderView } from "./presence";
import { PRESENCE_WINDOW_MS } from "./presence-timing";

describe("who else is looking at an order", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("shows the others with the order open, not the viewer, and drops those whose beats stopped", async () => {
    const order = await makeOrder(handle.db);
    const [ana, ben, cai] = await Promise.all([
      makeUser(handle.db, { role: "rep", name: "Ana" }),
      makeUser(handle.db, { role: "fulfillment", name: "Ben" }),
      makeUser(handle.db, { role: "supervisor", name: "Cai" }),
    ]);
    const t0 = new Date("2026-11-24T15:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await beatOrderView(handle.db, { orderId: order.id, userId: ana!.id, now: t0 })).toEqual([]);
    await beatOrderView(handle.db, { orderId: order.id, userId: ben!.id, now: at(1_000) });
    const seenByAna = await beatOrderView(handle.db, { orderId: order.id, userId: ana!.id, now: at(2_000) });
    expect(seenByAna!.map((v) => [v.name, v.role])).toEqual([["Ben", "fulfillment"]]);

    await beatOrderView(handle.db, { orderId: order.id, userId: cai!.id, now: at(3_000) });
    // Ben stops beating: still shown inside the window, gone after it.
    expect((await beatOrderView(handle.db, { orderId: order.id, userId: ana!.id, now: at(PRESENCE_WINDOW_MS) }))!.map((v) => v.name)).toEqual(["Ben", "Cai"]);
    expect((await beatOrderView(handle.db, { orderId: order.id, userId: ana!.id, now: at(PRESENCE_WINDOW_MS + 1_500) }))!.map((v) => v.name)).toEqual(["Cai"]);

    // Cai closes the page: gone at once.
    await leaveOrderView(handle.db, { orderId: order.id, userId: cai!.id });
    expect(await beatOrderView(handle.db, { orderId: order.id, userId: ana!.id, now: at(PRESENCE_WINDOW_MS + 2_000) })).toEqual([]);
  });

  it("a beat for an order that does not exist records nothing", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const before = await handle.db.select().from(orderViewers);
    expect(await beatOrderView(handle.db, { orderId: "00000000-0000-4000-8000-000000000000", userId: user.id })).toBeNull();
    expect(await handle.db.select().from(orderViewers)).toEqual(before);
  });

  it("old rows are swept by later beats", async () => {
    const [o1, o2] = await Promise.all([makeOrder(handle.db), makeOrder(handle.db)]);
    const user = await makeUser(handle.db, { role: "rep" });
    await beatOrderView(handle.db, { orderId: o1.id, userId: user.id, now: new Date("2026-01-01T00:00:00Z") });
    await beatOrderView(handle.db, { orderId: o2.id, userId: user.id, now: new Date("2026-01-01T02:00:00Z") });
    const rows = await handle.db.select().from(orderViewers);
    expect(rows.some((r) => r.orderId === o1.id)).toBe(false);
    expect(rows.some((r) => r.orderId === o2.id)).toBe(true);
  });
});
