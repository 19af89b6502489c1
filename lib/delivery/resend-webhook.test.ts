import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messageEvents, messages, orders, slaClocks, webhookReceipts, type Message } from "@/db/schema";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { handleResendWebhook } from "./resend-webhook";

// Resend's delivery webhooks, signed the way Svix signs them, against a real database.

const secretBytes = randomBytes(24);
const secret = `whsec_${secretBytes.toString("base64")}`;
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

function sign(id: string, timestamp: string, body: string, key = secretBytes): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function post(event: unknown, { id = `msg_${randomUUID()}`, signature, configured = secret }: { id?: string; signature?: string; configured?: string | null } = {}) {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return handleResendWebhook(handle.db, { body, headers: { id, timestamp, signature: signature ?? sign(id, timestamp, body) }, secret: configured });
}

async function sentMessage(): Promise<Message> {
  const order = await makeOrder(handle.db);
  const [message] = await handle.db
    .insert(messages)
    .values({
      orderId: order.id,
      customerId: order.customerId,
      channel: "email",
      template: "shipped",
      toAddress: "ada@example.com",
      subject: "Shipped",
      bodyText: "Your order shipped",
      status: "sent",
      senderType: "system",
      provider: "resend",
      providerMessageId: randomUUID(),
      idempotencyKey: randomUUID(),
      sentAt: new Date(),
    })
    .returning();
  return message!;
}

const event = (type: string, message: Pick<Message, "providerMessageId" | "id">, extra: Record<string, unknown> = {}) => ({
  type,
  created_at: "2026-11-24T16:00:00.000Z",
  data: { email_id: message.providerMessageId, to: ["ada@example.com"], subject: "Shipped", tags: { message_id: message.id }, ...extra },
});

const reload = async (id: string) => (await handle.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const contactClocks = (orderId: string) => handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, orderId), eq(slaClocks.kind, "contact_failure")));

describe("POST /api/webhooks/resend", () => {
  it("records delivered with its time and a history line", async () => {
    const message = await sentMessage();
    expect(await post(event("email.delivered", message))).toEqual({ status: 200, json: { received: true, duplicate: false, outcome: "delivered" } });
    const row = await reload(message.id);
    expect(row).toMatchObject({ status: "delivered", deliveredAt: new Date("2026-11-24T16:00:00.000Z") });
    const history = await handle.db.select().from(messageEvents).where(eq(messageEvents.messageId, message.id));
    expect(history).toMatchObject([{ status: "delivered", detail: "Delivered to the recipient's mail server" }]);
  });

  it("a bounce marks the message and puts the order in front of a rep", async () => {
    const message = await sentMessage();
    const bounce = { bounce: { message: "550 5.1.1 The email account does not exist", type: "Permanent", subType: "General" } };
    expect((await post(event("email.bounced", message, bounce))).json).toMatchObject({ outcome: "bounced" });
    const row = await reload(message.id);
    expect(row).toMatchObject({ status: "bounced", lastError: "Bounced (Permanent, General): 550 5.1.1 The email account does not exist" });
    expect(await contactClocks(message.orderId!)).toMatchObject([{ state: "open", subjectId: message.id }]);
    const [order] = await handle.db.select({ kind: orders.nextClockKind }).from(orders).where(eq(orders.id, message.orderId!));
    expect(order!.kind).toBe("contact_failure");

    // A complaint after the bounce changes the status but opens no second task; a late "delivered" changes nothing.
    await post(event("email.complained", message));
    await post(event("email.delivered", message));
    expect((await reload(message.id)).status).toBe("complained");
    expect(await contactClocks(message.orderId!)).toHaveLength(1);
  });

  it("refuses a bad signature, a signature under another secret, and missing headers", async () => {
    const message = await sentMessage();
    expect(await post(event("email.bounced", message), { signature: "v1,AAAA" })).toMatchObject({ status: 401 });
    expect(await post(event("email.bounced", message), { signature: undefined, configured: `whsec_${randomBytes(24).toString("base64")}` })).toMatchObject({ status: 401 });
    expect(await handleResendWebhook(handle.db, { body: "{}", headers: { id: null, timestamp: null, signature: null }, secret })).toMatchObject({ status: 401 });
    expect((await reload(message.id)).status).toBe("sent");
    expect(await contactClocks(message.orderId!)).toHaveLength(0);
  });

  it("answers 503 when no webhook secret is configured", async () => {
    const message = await sentMessage();
    expect(await post(event("email.delivered", message), { configured: null })).toEqual({ status: 503, json: { error: "webhook not configured" } });
  });

  it("a redelivered event (same svix-id) changes nothing", async () => {
    const message = await sentMessage();
    const id = `msg_${randomUUID()}`;
    const payload = event("email.bounced", message, { bounce: { message: "mailbox full", type: "Transient", subType: "MailboxFull" } });
    expect((await post(payload, { id })).json).toMatchObject({ duplicate: false });
    expect(await post(payload, { id })).toEqual({ status: 200, json: { received: true, duplicate: true } });
    const history = await handle.db.select().from(messageEvents).where(eq(messageEvents.messageId, message.id)).orderBy(asc(messageEvents.id));
    expect(history).toHaveLength(1);
    expect(await contactClocks(message.orderId!)).toHaveLength(1);
    const receipts = await handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.eventId, id));
    expect(receipts).toMatchObject([{ provider: "resend", type: "email.bounced", messageId: message.id }]);
  });

  it("records an event for an unknown email and answers 200, so Resend stops retrying", async () => {
    const id = `msg_${randomUUID()}`;
    const answer = await post({ type: "email.delivered", created_at: "2026-11-24T16:00:00.000Z", data: { email_id: randomUUID() } }, { id });
    expect(answer).toEqual({ status: 200, json: { received: true, duplicate: false, outcome: "unknown message" } });
    expect(await handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.eventId, id))).toMatchObject([{ messageId: null }]);
  });

  it("asks Resend to retry an event for a message whose send is not recorded yet", async () => {
    const message = await sentMessage();
    await handle.db.update(messages).set({ status: "sending", providerMessageId: null }).where(eq(messages.id, message.id));
    const answer = await post(event("email.delivered", { id: message.id, providerMessageId: randomUUID() }));
    expect(answer.status).toBe(409);
    expect(await handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.messageId, message.id))).toHaveLength(0);
  });

  it("records delivery_delayed in the history without changing the status", async () => {
    const message = await sentMessage();
    expect((await post(event("email.delivery_delayed", message))).json).toMatchObject({ outcome: "delayed" });
    expect((await reload(message.id)).status).toBe("sent");
    const history = await handle.db.select().from(messageEvents).where(eq(messageEvents.messageId, message.id));
    expect(history).toMatchObject([{ status: "sent", detail: "Delivery delayed: the receiving server has not accepted it yet" }]);
  });
});
