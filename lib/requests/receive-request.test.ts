import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { changeRequests, messages, orderEvents, orderStatuses, requestKinds, slaClocks, type OrderStatus, type RequestKind } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { receiveChangeRequest, requestRefusal } from "./receive-request";

// Every kind of request against an order in every status: taken, or refused with the reason and the alternative
// (design.md "Requests and inquiries"). Default calendar: New York, 9–17 Mon–Fri.

const MON_1000 = new Date("2026-11-23T15:00:00Z"); // Monday 10:00 New York

let handle: DatabaseHandle;
let rep: Actor;
beforeAll(async () => {
  handle = await createTestDatabase();
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id };
});
afterAll(async () => {
  await handle?.close();
});

const payloads: Record<RequestKind, Record<string, unknown>> = {
  change_address: { shippingAddress: { ...testAddress, line1: "9 Elm St" } },
  change_items: { lines: [{ sku: "SKU-1", quantity: 2 }] },
  change_delivery_date: { deliveryDate: "2026-12-04" },
  cancel: { reason: "Ordered by mistake" },
};

const shippedRefusal: Record<RequestKind, string | null> = {
  change_address: "Already shipped — the carrier may offer a redirect, or a return can be arranged.",
  change_items: "Already shipped — the items can no longer change; a return or an exchange can be arranged once it arrives.",
  change_delivery_date: null,
  cancel: "Already shipped — a return can be arranged once it arrives.",
};

const expected: Record<OrderStatus, Record<RequestKind, string | null>> = {
  received: { change_address: null, change_items: null, change_delivery_date: null, cancel: null },
  confirmed: { change_address: null, change_items: null, change_delivery_date: null, cancel: null },
  processing: { change_address: null, change_items: null, change_delivery_date: null, cancel: null },
  on_hold: { change_address: null, change_items: null, change_delivery_date: null, cancel: null },
  shipped: shippedRefusal,
  in_transit: shippedRefusal,
  out_for_delivery: shippedRefusal,
  delivered: {
    change_address: "Already delivered — a return can be arranged.",
    change_items: "Already delivered — a return or an exchange can be arranged.",
    change_delivery_date: "Already delivered — there is no delivery left to reschedule.",
    cancel: "Already delivered — a return can be arranged.",
  },
  closed: Object.fromEntries(requestKinds.map((k) => [k, "The order is closed — a return or a new order can be arranged."])) as Record<RequestKind, string>,
  cancelled: Object.fromEntries(requestKinds.map((k) => [k, "The order is already cancelled."])) as Record<RequestKind, string>,
};

function orderIn(status: OrderStatus) {
  const shipped = ["shipped", "in_transit", "out_for_delivery", "delivered", "closed"].includes(status);
  return makeOrder(handle.db, {
    status,
    confirmedAt: status === "received" ? null : MON_1000,
    shippedAt: shipped ? MON_1000 : null,
    statusBeforeHold: status === "on_hold" ? "confirmed" : null,
    holdReason: status === "on_hold" ? "stock" : null,
  });
}

describe("receiving a request in every status", () => {
  for (const status of orderStatuses) {
    for (const kind of requestKinds) {
      const refusal = expected[status][kind];
      it(`${kind} while ${status}: ${refusal ?? "taken"}`, async () => {
        expect(requestRefusal(status, kind)).toBe(refusal);
        const order = await orderIn(status);
        const receiving = receiveChangeRequest(handle.db, { orderId: order.id, kind, payload: payloads[kind], source: "rep", actor: rep, at: MON_1000 });
        if (refusal) {
          await expect(receiving).rejects.toThrow(refusal);
          await expect(receiving).rejects.toBeInstanceOf(UserFacingError);
          expect(await handle.db.select().from(changeRequests).where(eq(changeRequests.orderId, order.id))).toEqual([]);
          expect(await handle.db.select().from(slaClocks).where(eq(slaClocks.orderId, order.id))).toEqual([]);
          return;
        }
        const request = await receiving;
        expect(request).toMatchObject({ kind, status: "open", source: "rep", createdBy: (rep as { userId: string }).userId, payload: payloads[kind] });
        const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
        expect(events.map((e) => e.type)).toContain("request_received");
        const clocks = await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, request.id));
        expect(clocks.map((c) => c.kind).sort()).toEqual(["request_ack", "request_outcome"]);
      });
    }
  }
});

describe("the request's clocks", () => {
  it("opens request_ack (1 business hour) and request_outcome (24 h); the automatic acknowledgement meets request_ack", async () => {
    const order = await orderIn("confirmed");
    const request = await receiveChangeRequest(handle.db, { orderId: order.id, kind: "change_address", payload: payloads.change_address, source: "customer", actor: { type: "customer" }, at: MON_1000 });
    const clocks = Object.fromEntries((await handle.db.select().from(slaClocks).where(eq(slaClocks.subjectId, request.id))).map((c) => [c.kind, c]));
    expect(clocks.request_ack).toMatchObject({ state: "met", breached: false, dueAt: new Date("2026-11-23T16:00:00Z") });
    expect(clocks.request_outcome).toMatchObject({ state: "open", dueAt: new Date("2026-11-24T15:00:00Z") });
    const [ack] = await handle.db.select().from(messages).where(eq(messages.orderId, order.id));
    expect(ack).toMatchObject({ template: "request_received", senderType: "system" });
    expect(clocks.request_ack!.metByMessageId).toBe(ack!.id);
    // The acknowledgement says what was asked, in the customer's terms.
    expect(ack!.bodyText).toContain("Ship to: Ada Lovelace, 9 Elm St, Springfield, MA 01101, US");
  });
});

describe("what a request must carry", () => {
  const refused = async (kind: RequestKind, payload: Record<string, unknown>, message: string | RegExp) => {
    const order = await orderIn("confirmed");
    await expect(receiveChangeRequest(handle.db, { orderId: order.id, kind, payload, source: "rep", actor: rep, at: MON_1000 })).rejects.toThrow(message);
    expect(await handle.db.select().from(changeRequests).where(eq(changeRequests.orderId, order.id))).toEqual([]);
  };

  it("a full address", () => refused("change_address", { shippingAddress: { ...testAddress, city: "" } }, "City is required"));
  it("at least one item, each complete", async () => {
    await refused("change_items", { items: [] }, "An order needs at least one item");
    await refused("change_items", {}, "Say which items or quantities should change.");
    await refused("change_items", { items: [{ sku: "A", name: "Lamp", quantity: 0, unitPriceCents: 100 }] }, /Quantity must be a whole number/);
  });
  it("a real date that is not in the past where the customer lives", async () => {
    await refused("change_delivery_date", { deliveryDate: "2026-02-30" }, "Enter a real date between 2000 and 2100.");
    // PostgreSQL has no year 0: such a date would have failed in the database when the request was applied.
    await refused("change_delivery_date", { deliveryDate: "0000-01-01" }, "Enter a real date between 2000 and 2100.");
    await refused("change_delivery_date", { deliveryDate: "04/12/2026" }, "Enter a date as YYYY-MM-DD.");
    await refused("change_delivery_date", { deliveryDate: "2026-11-22" }, "The requested delivery date is in the past.");
  });

  it("takes today in the customer's zone, though it is already tomorrow in UTC", async () => {
    const customer = await makeCustomer(handle.db, { timeZone: "America/Los_Angeles" });
    const order = await makeOrder(handle.db, { customerId: customer.id, status: "confirmed", confirmedAt: MON_1000 });
    const lateMonday = new Date("2026-11-24T05:00:00Z"); // Monday 21:00 in Los Angeles, Tuesday in UTC
    await expect(receiveChangeRequest(handle.db, { orderId: order.id, kind: "change_delivery_date", payload: { deliveryDate: "2026-11-23" }, source: "customer", actor: { type: "customer" }, at: lateMonday })).resolves.toMatchObject({ status: "open" });
  });

  it("a cancellation needs no reason; a customer's quantity changes and a note in words are taken", async () => {
    const order = await orderIn("processing");
    await expect(receiveChangeRequest(handle.db, { orderId: order.id, kind: "cancel", payload: { reason: null }, source: "customer", actor: { type: "customer" }, at: MON_1000 })).resolves.toMatchObject({ payload: {} });
    const items = await receiveChangeRequest(handle.db, { orderId: order.id, kind: "change_items", payload: { lines: [], note: "The sage one instead" }, source: "customer", actor: { type: "customer" }, at: MON_1000 });
    expect(items.payload).toEqual({ lines: [], note: "The sage one instead" });
  });

  it("one open request of a kind at a time", async () => {
    const order = await orderIn("confirmed");
    await receiveChangeRequest(handle.db, { orderId: order.id, kind: "change_address", payload: payloads.change_address, source: "customer", actor: { type: "customer" }, at: MON_1000 });
    await expect(receiveChangeRequest(handle.db, { orderId: order.id, kind: "change_address", payload: payloads.change_address, source: "rep", actor: rep, at: MON_1000 })).rejects.toThrow(
      /already has an open request to change the shipping address \(from Nov 23, 2026, 3:00 PM UTC\); decide that one first/,
    );
    // Another kind is still taken.
    await expect(receiveChangeRequest(handle.db, { orderId: order.id, kind: "cancel", payload: {}, source: "rep", actor: rep, at: MON_1000 })).resolves.toMatchObject({ kind: "cancel" });
  });
});
