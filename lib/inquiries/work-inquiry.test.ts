import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { inquiries, messages, orderEvents, orders, slaClocks } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { sendNotice } from "@/lib/notifications/send-notice";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { buildTimeline } from "@/lib/orders/timeline";
import { getInquiryDetail } from "./inquiry-detail";
import { logInquiry, receiveInquiry } from "./receive-inquiry";
import { answerInquiry, resolveInquiry, resumeInquiry, waitOnCustomer } from "./work-inquiry";

// Customer inquiries (SOP 002 §4.3): inquiry_ack is 24 calendar hours by default, so the times below need no
// business calendar. Every step is dated explicitly.

const at = (iso: string) => new Date(iso);
let handle: DatabaseHandle;
let rep: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id };
});
afterAll(async () => {
  await handle?.close();
});

const ackOf = async (inquiryId: string) => (await handle.db.select().from(slaClocks).where(and(eq(slaClocks.subjectId, inquiryId), eq(slaClocks.kind, "inquiry_ack"))))[0]!;
const inquiryRow = async (id: string) => (await handle.db.select().from(inquiries).where(eq(inquiries.id, id)))[0]!;
const answersTo = (inquiryId: string) => handle.db.select().from(messages).where(eq(messages.template, "inquiry_response")).then((rows) => rows.filter((m) => m.data?.subjectId === inquiryId));
const inquiryEvents = (orderId: string) =>
  handle.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, orderId), like(orderEvents.type, "inquiry\\_%"))).orderBy(orderEvents.id);

async function orderInquiry(when: string, body = "Can you deliver to my office instead?") {
  const customer = await makeCustomer(handle.db, { phone: "+15550100" });
  const order = await makeOrder(handle.db, { customerId: customer.id, status: "confirmed" });
  const inquiry = await receiveInquiry(handle.db, { customerId: order.customerId, orderId: order.id, channel: "portal", body, actor: { type: "customer" }, at: at(when) });
  return { order, inquiry };
}

describe("an inquiry's clock", () => {
  it("opens inquiry_ack for 24 calendar hours when the question arrives, and it heads the order", async () => {
    const { order, inquiry } = await orderInquiry("2026-11-20T21:45:00Z"); // Friday evening: calendar time runs over the weekend
    expect(inquiry.status).toBe("open");
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "open", orderId: order.id, timeBase: "calendar", allowanceSeconds: 86_400, dueAt: at("2026-11-21T21:45:00Z") });
    const [head] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(head).toMatchObject({ nextClockKind: "inquiry_ack", nextDueAt: at("2026-11-21T21:45:00Z") });
  });

  it("is met by the answer: one inquiry_response with the answer text, the inquiry answered, the order's history told", async () => {
    const { order, inquiry } = await orderInquiry("2026-11-24T15:00:00Z");
    const { inquiry: answered, message } = await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Yes — we have changed the address to your office.", actor: rep, at: at("2026-11-24T18:00:00Z") });

    expect(answered).toMatchObject({ status: "answered", firstResponseAt: at("2026-11-24T18:00:00Z") });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met", breached: false, metAt: at("2026-11-24T18:00:00Z"), metByMessageId: message.id });
    const sent = await answersTo(inquiry.id);
    expect(sent).toHaveLength(1);
    // The customer prefers email (the default): the answer goes there, quoting the question.
    expect(sent[0]).toMatchObject({ channel: "email", orderId: order.id, status: "queued", senderUserId: rep.type === "user" ? rep.userId : null });
    expect(sent[0]!.bodyText).toContain("we have changed the address to your office");
    expect(sent[0]!.bodyText).toContain("Can you deliver to my office instead?");
    expect((await handle.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.nextClockId).toBeNull();

    // A second answer is logged too, but the first response stays the first.
    await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "The courier has the new address as well.", channel: "email", quoteQuestion: false, actor: rep, at: at("2026-11-25T10:00:00Z") });
    expect(await answersTo(inquiry.id)).toHaveLength(2);
    expect((await inquiryRow(inquiry.id)).firstResponseAt).toEqual(at("2026-11-24T18:00:00Z"));

    const events = await inquiryEvents(order.id);
    expect(events.map((e) => [e.type, e.data?.from, e.data?.to, e.data?.channel])).toEqual([
      ["inquiry_answered", "open", "answered", "email"],
      ["inquiry_answered", "answered", "answered", "email"],
    ]);
    const timeline = buildTimeline((await getOrderDetail(handle.db, order.number))!);
    expect(timeline.filter((e) => e.kind === "inquiry").map((e) => [e.title, e.actor])).toEqual([
      ["Inquiry answered", "Riley Rep"],
      ["Inquiry answered", "Riley Rep"],
      ["Inquiry via Portal (Answered)", "Customer"],
    ]);
  });

  it("pauses while waiting on the customer and, on resume, moves its due time by the paused duration", async () => {
    const { order, inquiry } = await orderInquiry("2026-11-24T15:00:00Z"); // due Wed 15:00
    const waiting = await waitOnCustomer(handle.db, { inquiryId: inquiry.id, note: "Asked for a photo of the label", actor: rep, at: at("2026-11-24T17:00:00Z") });
    expect(waiting.status).toBe("waiting_customer");
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "paused", pausedAt: at("2026-11-24T17:00:00Z"), dueAt: at("2026-11-25T15:00:00Z") });
    // A paused clock waits on the customer: it no longer ranks the order in the queue.
    expect((await handle.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.nextClockId).toBeNull();

    // The customer replies 30 hours later — after the original deadline, which must not count against us.
    const resumed = await resumeInquiry(handle.db, { inquiryId: inquiry.id, actor: rep, at: at("2026-11-25T23:00:00Z") });
    expect(resumed.status).toBe("open");
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "open", pausedAt: null, pausedSeconds: 30 * 3600, dueAt: at("2026-11-26T21:00:00Z") });
    expect((await handle.db.select().from(orders).where(eq(orders.id, order.id)))[0]).toMatchObject({ nextClockKind: "inquiry_ack", nextDueAt: at("2026-11-26T21:00:00Z") });

    // Answered 2 h before the moved deadline: on time, though 46 h after the question.
    await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Thanks for the photo: a replacement is on its way.", actor: rep, at: at("2026-11-26T19:00:00Z") });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met", breached: false });

    expect((await inquiryEvents(order.id)).map((e) => [e.type, e.reason])).toEqual([
      ["inquiry_waiting", "Asked for a photo of the label"],
      ["inquiry_resumed", null],
      ["inquiry_answered", null],
    ]);
  });

  it("answering while still waiting ends the pause first, so the pause is not counted", async () => {
    const { inquiry } = await orderInquiry("2026-11-24T15:00:00Z");
    await waitOnCustomer(handle.db, { inquiryId: inquiry.id, actor: rep, at: at("2026-11-24T16:00:00Z") }); // 1 h used
    const { inquiry: answered } = await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "We found it ourselves.", actor: rep, at: at("2026-11-26T16:00:00Z") });
    expect(answered.status).toBe("answered");
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met", breached: false, pausedSeconds: 48 * 3600 });
  });

  it("once answered, waiting on the customer changes only the status: the met clock stays met", async () => {
    const { inquiry } = await orderInquiry("2026-11-24T15:00:00Z");
    await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Which colour would you like instead?", actor: rep, at: at("2026-11-24T16:00:00Z") });
    await waitOnCustomer(handle.db, { inquiryId: inquiry.id, actor: rep, at: at("2026-11-24T16:05:00Z") });
    expect(await inquiryRow(inquiry.id)).toMatchObject({ status: "waiting_customer" });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met", pausedAt: null });
    await resumeInquiry(handle.db, { inquiryId: inquiry.id, actor: rep, at: at("2026-11-25T09:00:00Z") });
    expect(await inquiryRow(inquiry.id)).toMatchObject({ status: "open" });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met" });
  });
});

describe("status moves and refusals", () => {
  it("resolves an answered inquiry; refuses to resolve an unanswered one and any move on a resolved one", async () => {
    const { order, inquiry } = await orderInquiry("2026-11-24T15:00:00Z");
    const unanswered = /Answer the customer before resolving/;
    await expect(resolveInquiry(handle.db, { inquiryId: inquiry.id, actor: rep, at: at("2026-11-24T16:00:00Z") })).rejects.toThrow(unanswered);
    await expect(resumeInquiry(handle.db, { inquiryId: inquiry.id, actor: rep })).rejects.toThrow("This inquiry is not waiting on the customer. Nothing was changed.");
    await waitOnCustomer(handle.db, { inquiryId: inquiry.id, actor: rep, at: at("2026-11-24T16:00:00Z") });
    await expect(waitOnCustomer(handle.db, { inquiryId: inquiry.id, actor: rep })).rejects.toThrow("already waiting on the customer");
    await expect(resolveInquiry(handle.db, { inquiryId: inquiry.id, actor: rep })).rejects.toThrow(unanswered);
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "paused" });

    // Told on a call: recorded as a phone answer (the call's notes are the answer), then resolved.
    const { message } = await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Told her the parcel is at the depot.", channel: "phone", actor: rep, at: at("2026-11-24T17:00:00Z") });
    expect(message).toMatchObject({ channel: "phone", status: "logged", callOutcome: "reached", bodyText: "Told her the parcel is at the depot." });
    const resolved = await resolveInquiry(handle.db, { inquiryId: inquiry.id, resolution: "Customer will collect it", actor: rep, at: at("2026-11-24T17:10:00Z") });
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: at("2026-11-24T17:10:00Z"), firstResponseAt: at("2026-11-24T17:00:00Z") });

    const closed = /This inquiry was resolved at .*Log a new inquiry/;
    await expect(answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "More", actor: rep })).rejects.toThrow(closed);
    await expect(waitOnCustomer(handle.db, { inquiryId: inquiry.id, actor: rep })).rejects.toThrow(closed);
    await expect(resumeInquiry(handle.db, { inquiryId: inquiry.id, actor: rep })).rejects.toThrow(closed);
    await expect(resolveInquiry(handle.db, { inquiryId: inquiry.id, actor: rep })).rejects.toThrow(closed);
    // Refusals change nothing: still exactly one answer, one resolution.
    expect(await answersTo(inquiry.id)).toHaveLength(1);
    expect((await inquiryEvents(order.id)).map((e) => e.type)).toEqual(["inquiry_waiting", "inquiry_answered", "inquiry_resolved"]);
    await expect(answerInquiry(handle.db, { inquiryId: "00000000-0000-4000-8000-000000000000", answer: "x", actor: rep })).rejects.toThrow("This inquiry does not exist.");
  });

  it("refuses an answer the channel cannot carry, and nothing changes", async () => {
    const customer = await makeCustomer(handle.db, { phone: null });
    const inquiry = await receiveInquiry(handle.db, { customerId: customer.id, channel: "email", body: "Do you ship abroad?", actor: rep, at: at("2026-11-24T15:00:00Z") });
    await expect(answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Yes", channel: "sms", actor: rep })).rejects.toThrow("The customer has no phone number on file.");
    await expect(answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Yes", channel: "portal", actor: rep })).rejects.toThrow(/Portal messages appear on an order's tracking page/);
    expect(await inquiryRow(inquiry.id)).toMatchObject({ status: "open", firstResponseAt: null });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "open" });
  });

  it("marks the inquiry answered when the order page's composer sends the answer (one path for both screens)", async () => {
    const { order, inquiry } = await orderInquiry("2026-11-24T15:00:00Z");
    await sendNotice(handle.db, { orderId: order.id, template: "inquiry_response", channel: "email", fields: { answer: "It ships tomorrow." }, actor: rep, at: at("2026-11-24T16:00:00Z") });
    expect(await inquiryRow(inquiry.id)).toMatchObject({ status: "answered", firstResponseAt: at("2026-11-24T16:00:00Z") });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met" });
  });
});

describe("inquiries without an order, and logged by a rep", () => {
  it("answers a customer-only inquiry by email: no order, the customer's address, the clock met", async () => {
    const customer = await makeCustomer(handle.db, { email: "noor@example.com", name: "Noor Haddad" });
    const inquiry = await logInquiry(handle.db, { customerEmail: "Noor@Example.com ", channel: "phone", body: "Do you sell gift cards?", actor: rep, at: at("2026-11-24T15:00:00Z") });
    expect(inquiry).toMatchObject({ customerId: customer.id, orderId: null, channel: "phone", status: "open", createdBy: rep.type === "user" ? rep.userId : null });
    expect(await ackOf(inquiry.id)).toMatchObject({ orderId: null, state: "open", dueAt: at("2026-11-25T15:00:00Z") });

    const { message } = await answerInquiry(handle.db, { inquiryId: inquiry.id, answer: "Yes, from $10 on our website.", channel: "email", actor: rep, at: at("2026-11-24T15:30:00Z") });
    expect(message).toMatchObject({ orderId: null, customerId: customer.id, toAddress: "noor@example.com", channel: "email", subject: "Re: your question" });
    expect(await ackOf(inquiry.id)).toMatchObject({ state: "met", metByMessageId: message.id });
    expect(await inquiryRow(inquiry.id)).toMatchObject({ status: "answered" });

    const detail = (await getInquiryDetail(handle.db, inquiry.id))!;
    expect(detail).toMatchObject({ order: null, customer: { id: customer.id }, createdByName: "Riley Rep", clock: { state: "met" }, events: [] });
    expect(detail.messages.map((m) => [m.message.id, m.senderName])).toEqual([[message.id, "Riley Rep"]]);
  });

  it("logs by order number for the order's customer; refuses an unknown email, an unknown order and a mismatch", async () => {
    const order = await makeOrder(handle.db, { status: "shipped" });
    const inquiry = await logInquiry(handle.db, { orderNumber: order.number.toLowerCase(), channel: "email", body: "  Where is my parcel?  ", actor: rep });
    expect(inquiry).toMatchObject({ orderId: order.id, customerId: order.customerId, body: "Where is my parcel?" });

    await expect(logInquiry(handle.db, { customerEmail: "nobody@example.com", channel: "phone", body: "Hi", actor: rep })).rejects.toThrow(
      "No customer with this email; enter the order number or create the order first.",
    );
    await expect(logInquiry(handle.db, { orderNumber: "OL-999999999", channel: "phone", body: "Hi", actor: rep })).rejects.toThrow("There is no order OL-999999999.");
    await expect(logInquiry(handle.db, { orderNumber: order.number, customerEmail: "someone.else@example.com", channel: "phone", body: "Hi", actor: rep })).rejects.toThrow(
      /belongs to a customer with another email/,
    );
  });

  it("finds the customer who ordered last when two share an email", async () => {
    const older = await makeCustomer(handle.db, { email: "twin@example.com" });
    const newer = await makeCustomer(handle.db, { email: "TWIN@example.com" });
    await makeOrder(handle.db, { customerId: older.id, placedAt: at("2026-10-01T10:00:00Z") });
    await makeOrder(handle.db, { customerId: newer.id, placedAt: at("2026-11-01T10:00:00Z") });
    const inquiry = await logInquiry(handle.db, { customerEmail: "twin@example.com", channel: "email", body: "Hello", actor: rep });
    expect(inquiry.customerId).toBe(newer.id);
  });
});
