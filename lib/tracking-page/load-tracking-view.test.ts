import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, orderStatuses, type Customer, type Order, type OrderStatus } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { addOrderNote } from "@/lib/orders/add-note";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { openException } from "@/lib/orders/exceptions";
import { shipOrder } from "@/lib/orders/ship-order";
import { receiveChangeRequest } from "@/lib/requests/receive-request";
import { customerSteps, findTrackedOrder, loadTrackingView, requestOptionsFor } from "./load-tracking-view";

const at = (iso: string) => new Date(iso);

describe("the tracking page's view", () => {
  let handle: DatabaseHandle;
  let staff: { id: string; name: string };
  let actor: Actor;
  let customer: Customer;
  let order: Order;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    staff = await makeUser(db, { role: "rep", name: "Riley Internal" });
    actor = { type: "user", userId: staff.id };
    customer = await makeCustomer(db, { name: "Ada Lovelace", email: "ada.private@example.com", phone: "+15550199001", timeZone: "Europe/Berlin" });
    order = await makeOrder(db, { customerId: customer.id, placedAt: at("2026-03-02T09:00:00Z") });
    await changeOrderStatus(db, { orderId: order.id, to: "confirmed", promisedDeliveryDate: "2026-03-09", actor, at: at("2026-03-02T10:00:00Z") });
    await changeOrderStatus(db, { orderId: order.id, to: "processing", actor, at: at("2026-03-02T11:00:00Z") });
    await shipOrder(db, { orderId: order.id, carrier: "ups", trackingNumber: "1Z999AA10123456784", actor, at: at("2026-03-03T12:00:00Z") });
    await addOrderNote(db, { orderId: order.id, body: "Secret internal remark about the customer", userId: staff.id, at: at("2026-03-03T13:00:00Z") });
    await openException(db, { orderId: order.id, kind: "weather", explanation: "Snow storm closed the hub; your parcel waits there.", revisedEta: "2026-03-11", actor, at: at("2026-03-04T08:00:00Z") });
    const message = { orderId: order.id, customerId: customer.id, senderType: "user" as const, senderUserId: staff.id };
    await db.insert(messages).values([
      { ...message, channel: "portal", status: "logged", subject: "About your order", bodyText: "Your parcel is delayed by snow.\nWe will update you tomorrow.", idempotencyKey: "t-portal", createdAt: at("2026-03-04T09:00:00Z"), sentAt: at("2026-03-04T09:00:00Z") },
      { ...message, channel: "email", status: "delivered", toAddress: customer.email, subject: "Your order has shipped", bodyText: "Hi Ada, full email text", idempotencyKey: "t-email", createdAt: at("2026-03-03T12:01:00Z"), sentAt: at("2026-03-03T12:02:00Z") },
      { ...message, channel: "phone", status: "logged", toAddress: customer.phone, callOutcome: "voicemail", bodyText: "Rep notes: customer sounded annoyed", idempotencyKey: "t-phone", createdAt: at("2026-03-04T10:00:00Z") },
      { ...message, channel: "sms", status: "queued", toAddress: customer.phone, bodyText: "Not sent yet: quiet hours", idempotencyKey: "t-queued", createdAt: at("2026-03-04T11:00:00Z") },
    ]);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("is null for malformed, wrong and random tokens, which never match an order", async () => {
    const db = handle.db;
    const real = order.trackingToken;
    expect(real).toMatch(/^[0-9a-f]{64}$/);
    const wrong = [
      "",
      "abc",
      order.number,
      order.id,
      real.toUpperCase(),
      `${real}0`,
      real.slice(1),
      `${real.slice(0, 63)}${real.endsWith("0") ? "1" : "0"}`,
      `${real.slice(0, 32)}' or '1'='1`,
      ...Array.from({ length: 200 }, () => randomBytes(32).toString("hex")),
    ];
    const views = await Promise.all(wrong.map((token) => loadTrackingView(db, token)));
    expect(views.filter((v) => v !== null)).toEqual([]);
    expect(await findTrackedOrder(db, 42)).toBeNull();
    expect(await findTrackedOrder(db, null)).toBeNull();
    expect(await loadTrackingView(db, real)).not.toBeNull();
  });

  it("shows the status, dates, carrier, delay, items and city, worded for the customer, in their time zone", async () => {
    const view = (await loadTrackingView(handle.db, order.trackingToken))!;
    expect(view).toMatchObject({
      number: order.number,
      firstName: "Ada",
      status: "shipped",
      statusLabel: "Shipped",
      promisedDate: "Mon, Mar 9, 2026",
      revisedDate: "Wed, Mar 11, 2026",
      shipment: { carrier: "UPS", trackingNumber: "1Z999AA10123456784", link: "https://www.ups.com/track?tracknum=1Z999AA10123456784" },
      delays: [{ label: "Weather delay", explanation: "Snow storm closed the hub; your parcel waits there.", revisedDate: "Wed, Mar 11, 2026" }],
      items: [{ name: "Canvas tote", quantity: 1 }],
      destination: { city: "Springfield", country: "United States" },
      canAsk: true,
      canRate: false,
      feedback: null,
    });
    expect(view.steps.map((s) => [s.label, s.state])).toEqual([
      ["Order received", "done"],
      ["Order confirmed", "done"],
      ["Being prepared", "done"],
      ["Shipped", "current"],
      ["In transit", "upcoming"],
      ["Out for delivery", "upcoming"],
      ["Delivered", "upcoming"],
    ]);
    expect(view.steps[1]!.at).toBe(formatDateTime(at("2026-03-02T10:00:00Z"), "Europe/Berlin"));
    expect(view.steps[1]!.at).toContain("11:00");
  });

  it("lists what was sent to the customer — portal in full, email by subject, calls by outcome — and what is on its way", async () => {
    const view = (await loadTrackingView(handle.db, order.trackingToken))!;
    const byTitle = (title: string) => view.notifications.filter((n) => n.title === title);
    expect(byTitle("We called you")).toEqual([
      { channel: "Phone call", title: "We called you", body: "We left you a voicemail.", at: formatDateTime(at("2026-03-04T10:00:00Z"), "Europe/Berlin") },
    ]);
    expect(byTitle("About your order")).toEqual([
      { channel: "Message on this page", title: "About your order", body: "Your parcel is delayed by snow.\nWe will update you tomorrow.", at: expect.any(String) },
    ]);
    expect(byTitle("Your order has shipped")).toEqual([
      { channel: "Email", title: "Your order has shipped", body: null, at: formatDateTime(at("2026-03-03T12:02:00Z"), "Europe/Berlin") },
    ]);
    // A text held for quiet hours is shown as on its way, with when it goes out; its body stays in the SMS.
    expect(byTitle("Not sent yet: quiet hours")).toEqual([{ channel: expect.any(String), title: "Not sent yet: quiet hours", body: null, at: expect.stringMatching(/^on its way/) }]);
  });

  it("holds no contact details, street, staff names, internal notes or internal ids", async () => {
    const json = JSON.stringify(await loadTrackingView(handle.db, order.trackingToken));
    for (const secret of [
      customer.email!,
      customer.phone!,
      "Lovelace",
      "1 Main St",
      "01101",
      staff.name,
      "Secret internal remark",
      "Rep notes",
      "full email text",
      order.id,
      customer.id,
      staff.id,
      order.trackingToken,
    ]) {
      expect(json, secret).not.toContain(secret);
    }
  });

  it("offers the request kinds the status allows, with the reason for the others, and one open request per kind", async () => {
    const before = (await loadTrackingView(handle.db, order.trackingToken))!;
    expect(before.requestOptions.map((o) => [o.kind, o.refusal === null])).toEqual([
      ["change_address", false],
      ["change_items", false],
      ["change_delivery_date", true],
      ["cancel", false],
    ]);
    expect(before.requestOptions.find((o) => o.kind === "cancel")!.refusal).toBe("Already shipped — a return can be arranged once it arrives.");

    await receiveChangeRequest(handle.db, { orderId: order.id, kind: "change_delivery_date", payload: { deliveryDate: "2026-03-12" }, source: "customer", actor: { type: "customer" }, at: at("2026-03-05T10:00:00Z") });
    const after = (await loadTrackingView(handle.db, order.trackingToken))!;
    expect(after.requestOptions.find((o) => o.kind === "change_delivery_date")!.refusal).toMatch(/already asked/);
    expect(after.requests).toEqual([{ kind: "Change the delivery date", status: "Waiting for our answer", reason: null, at: expect.any(String) }]);
  });

  it("allows every kind before shipping, only a date change in transit, and nothing once cancelled or closed", () => {
    const allowed = (status: OrderStatus) => requestOptionsFor(status, []).filter((o) => !o.refusal).map((o) => o.kind);
    const table = Object.fromEntries(orderStatuses.map((s) => [s, allowed(s)]));
    expect(table).toEqual({
      received: ["change_address", "change_items", "change_delivery_date", "cancel"],
      confirmed: ["change_address", "change_items", "change_delivery_date", "cancel"],
      processing: ["change_address", "change_items", "change_delivery_date", "cancel"],
      on_hold: ["change_address", "change_items", "change_delivery_date", "cancel"],
      shipped: ["change_delivery_date"],
      in_transit: ["change_delivery_date"],
      out_for_delivery: ["change_delivery_date"],
      delivered: [],
      closed: [],
      cancelled: [],
    });
  });
});

describe("the customer's progress steps", () => {
  const ev = (toStatus: OrderStatus, iso: string) => ({ toStatus, createdAt: at(iso) });
  const shape = (steps: ReturnType<typeof customerSteps>) => steps.map((s) => `${s.status}:${s.state}${s.at ? "" : ":undated"}`);

  it("shows a hold after the steps reached, then what is still to come", () => {
    const events = [ev("received", "2026-03-02T09:00:00Z"), ev("confirmed", "2026-03-02T10:00:00Z"), ev("on_hold", "2026-03-02T11:00:00Z")];
    expect(shape(customerSteps({ status: "on_hold", statusBeforeHold: "confirmed" }, events, "UTC"))).toEqual([
      "received:done",
      "confirmed:done",
      "on_hold:current",
      "processing:upcoming:undated",
      "shipped:upcoming:undated",
      "in_transit:upcoming:undated",
      "out_for_delivery:upcoming:undated",
      "delivered:upcoming:undated",
    ]);
  });

  it("ends a cancelled order with the cancellation, and counts steps a carrier skipped as done", () => {
    const cancelled = [ev("received", "2026-03-02T09:00:00Z"), ev("cancelled", "2026-03-02T10:00:00Z")];
    expect(shape(customerSteps({ status: "cancelled", statusBeforeHold: null }, cancelled, "UTC"))).toEqual(["received:done", "cancelled:current"]);
    const skipped = [ev("received", "2026-03-02T09:00:00Z"), ev("shipped", "2026-03-03T09:00:00Z"), ev("delivered", "2026-03-04T09:00:00Z")];
    expect(shape(customerSteps({ status: "closed", statusBeforeHold: null }, skipped, "UTC"))).toEqual([
      "received:done",
      "confirmed:done:undated",
      "processing:done:undated",
      "shipped:done",
      "in_transit:done:undated",
      "out_for_delivery:done:undated",
      "delivered:done",
    ]);
  });
});
