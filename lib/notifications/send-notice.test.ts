import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, orderExceptions, slaClocks, type NewCustomer } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { openException } from "@/lib/orders/exceptions";
import { loadNoticeFacts } from "./notice-facts";
import { previewNotice } from "./preview-notice";
import { sendNotice } from "./send-notice";
import { defaultFields } from "./templates";

// The composer's path, at the domain level: what a rep sends is refused when it has a gap or cannot reach the
// customer, waits out SMS quiet hours unless urgent, and meets the clock it is for in the same transaction.

const at = (iso: string) => new Date(iso);
const TUE_1000_NY = at("2026-11-24T15:00:00Z"); // Tuesday 10:00 in New York
const MON_2230_NY = at("2026-11-24T03:30:00Z"); // Monday 22:30 in New York: inside the default 21:00–08:00 quiet hours
const TUE_0800_NY = at("2026-11-24T13:00:00Z");

describe("sending a notice from the composer", () => {
  let handle: DatabaseHandle;
  let rep: Actor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep" })).id };
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** A confirmed order of a New York customer with a carrier delay flagged at `when`: its delay-notice clock is open. */
  async function delayedOrder(customer: Partial<NewCustomer> = {}, when = TUE_1000_NY) {
    const { id: customerId } = await makeCustomer(handle.db, { timeZone: "America/New_York", ...customer });
    const order = await makeOrder(handle.db, { customerId, status: "confirmed", promisedDeliveryDate: "2026-11-27" });
    const exception = await openException(handle.db, { orderId: order.id, kind: "carrier", explanation: "Truck broke down", revisedEta: "2026-12-02", actor: rep, at: when });
    return { order, exception };
  }
  const delayClock = async (orderId: string) =>
    (await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, orderId), eq(slaClocks.kind, "delay_notice"))))[0]!;
  const messagesOf = (orderId: string) => handle.db.select().from(messages).where(eq(messages.orderId, orderId)).orderBy(messages.createdAt);
  async function delayFields(orderId: string, fields: Record<string, string> = {}) {
    const facts = await loadNoticeFacts(handle.db, { orderId });
    return { ...defaultFields("delay", facts), cause: "the carrier truck broke down near Albany", revisedEta: "2026-12-02", ...fields };
  }

  it("sends a delay notice with the cause and revised date: an email in the outbox, and the delay clock met", async () => {
    const { order, exception } = await delayedOrder({ email: "ada@example.com" });
    expect(await delayClock(order.id)).toMatchObject({ state: "open", subjectId: exception.id });

    const sentAt = at("2026-11-24T15:20:00Z");
    const { message, duplicate } = await sendNotice(handle.db, { orderId: order.id, template: "delay", channel: "email", fields: await delayFields(order.id), actor: rep, at: sentAt });

    expect(duplicate).toBe(false);
    const [row] = await messagesOf(order.id);
    expect(row).toMatchObject({ id: message.id, channel: "email", template: "delay", toAddress: "ada@example.com", status: "queued", senderType: "user", sendAfter: sentAt });
    expect(row!.senderUserId).toBe(rep.type === "user" ? rep.userId : null);
    expect(row!.subject).toBeTruthy();
    expect(row!.bodyHtml).toContain("the carrier truck broke down near Albany");
    expect(row!.bodyText).toContain("the carrier truck broke down near Albany");
    expect(await delayClock(order.id)).toMatchObject({ state: "met", metAt: sentAt, metByMessageId: message.id, breached: false });
    const [notified] = await handle.db.select().from(orderExceptions).where(eq(orderExceptions.id, exception.id));
    expect(notified!.customerNotifiedAt).toEqual(sentAt);
  });

  it("refuses a notice whose required field is empty, and writes nothing", async () => {
    const { order } = await delayedOrder();
    const fields = await delayFields(order.id, { cause: "  " });
    const preview = await previewNotice(handle.db, { orderId: order.id, template: "delay", channel: "email", fields });
    expect(preview.missing.map((m) => m.name)).toContain("cause");

    await expect(sendNotice(handle.db, { orderId: order.id, template: "delay", channel: "email", fields, actor: rep })).rejects.toThrow(/^Fill in before sending: .+\.$/);
    expect(await messagesOf(order.id)).toEqual([]);
    expect((await delayClock(order.id)).state).toBe("open");
  });

  it("refuses an SMS to a customer who has not agreed to texts, and names the problem in the preview", async () => {
    const { order } = await delayedOrder({ phone: "+12125550100", smsConsent: false });
    const fields = await delayFields(order.id);
    const preview = await previewNotice(handle.db, { orderId: order.id, template: "delay", channel: "sms", fields });
    expect(preview.channelProblem).toBe("The customer has not agreed to SMS; choose another channel.");

    await expect(sendNotice(handle.db, { orderId: order.id, template: "delay", channel: "sms", fields, actor: rep })).rejects.toThrow("The customer has not agreed to SMS");
    expect(await messagesOf(order.id)).toEqual([]);
  });

  it("holds an SMS sent in the customer's quiet hours until 08:00 their time; an urgent one goes now", async () => {
    const { order } = await delayedOrder({ phone: "+12125550101", smsConsent: true }, at("2026-11-24T03:00:00Z"));
    const fields = await delayFields(order.id);

    const preview = await previewNotice(handle.db, { orderId: order.id, template: "delay", channel: "sms", fields, at: MON_2230_NY });
    expect(preview).toMatchObject({ sendAfter: TUE_0800_NY.toISOString(), channelProblem: null, missing: [] });
    expect(preview.smsSegments.segments).toBeGreaterThan(0);
    expect((await previewNotice(handle.db, { orderId: order.id, template: "delay", channel: "sms", fields, urgent: true, at: MON_2230_NY })).sendAfter).toBeNull();

    const held = await sendNotice(handle.db, { orderId: order.id, template: "delay", channel: "sms", fields, actor: rep, at: MON_2230_NY });
    expect(held.message).toMatchObject({ status: "queued", urgent: false, sendAfter: TUE_0800_NY, toAddress: "+12125550101", subject: null, bodyHtml: null });
    // Queued counts as told: the clock is met when the rep sends, not when the phone buzzes.
    expect((await delayClock(order.id)).state).toBe("met");

    const urgent = await sendNotice(handle.db, { orderId: order.id, template: "delay", channel: "sms", fields, urgent: true, actor: rep, at: MON_2230_NY });
    expect(urgent.message).toMatchObject({ status: "queued", urgent: true, sendAfter: MON_2230_NY });
  });

  it("logs a phone call: no answer meets no clock, reaching the customer meets it", async () => {
    const { order } = await delayedOrder({ phone: "+12125550102", preferredChannel: "phone" });
    const fields = await delayFields(order.id);
    await expect(sendNotice(handle.db, { orderId: order.id, template: "delay", channel: "phone", fields, actor: rep })).rejects.toThrow(/how the call went/);

    const missed = await sendNotice(handle.db, {
      orderId: order.id,
      template: "delay",
      channel: "phone",
      fields,
      call: { outcome: "no_answer", notes: "Rang out after six rings" },
      actor: rep,
      at: at("2026-11-24T15:10:00Z"),
    });
    expect(missed.message).toMatchObject({ status: "logged", callOutcome: "no_answer", bodyText: "Rang out after six rings", toAddress: "+12125550102" });
    expect((await delayClock(order.id)).state).toBe("open");

    const reached = await sendNotice(handle.db, {
      orderId: order.id,
      template: "delay",
      channel: "phone",
      fields,
      call: { outcome: "reached", notes: "  " },
      actor: rep,
      at: at("2026-11-24T15:30:00Z"),
    });
    // No notes: the log keeps the script that was read out.
    expect(reached.message).toMatchObject({ status: "logged", callOutcome: "reached", bodyText: reached.rendered!.callScript });
    expect(await delayClock(order.id)).toMatchObject({ state: "met", metByMessageId: reached.message.id });
  });
});
