import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "@/db/client";
import { auditLog, customers, messages, proofsOfDelivery, webhookReceipts, type Customer, type Order } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { ERASED } from "./anonymise";
import { eraseCustomer, exportCustomerData } from "./customer-data";
import { placeLegalHold, releaseLegalHold } from "./legal-hold";
import { seedCustomerRecords } from "./test-records";
import { S3FileStorage } from "@/lib/storage/s3-file-storage";
import { startS3TestServer, type S3TestServer } from "@/lib/storage/s3-test-server";

// Export: everything we hold about one customer, nothing of another. Erasure: no personal field left anywhere in
// their rows, the facts of what was sent when kept, their proof-of-delivery photos deleted from the (S3-compatible)
// store; refused while a legal hold applies.

const exportTables = [
  "orders",
  "orderItems",
  "orderEvents",
  "proofsOfDelivery",
  "messages",
  "messageEvents",
  "changeRequests",
  "inquiries",
  "feedback",
] as const;

describe("customer data export and erasure", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let viewerId: string;
  let alice: Customer;
  let bob: Customer;
  let aliceOrders: Order[];
  let bobOrder: Order;
  let s3: S3TestServer;
  let storage: S3FileStorage;
  const photoOf = (order: Order) => `pod/${order.id}/photo.jpg`;
  beforeAll(async () => {
    handle = await createTestDatabase();
    s3 = await startS3TestServer();
    storage = new S3FileStorage(s3.config);
    viewerId = (await makeUser(handle.db, { role: "supervisor" })).id;
    actor = { type: "user", userId: viewerId, ip: "198.51.100.4", userAgent: "vitest" };
    alice = await makeCustomer(handle.db, { name: "Alice Zephyrine", email: "alice.zephyrine@example.com", phone: "+15550107777" });
    bob = await makeCustomer(handle.db, { name: "Bob Quillfeather", email: "bob.quill@example.com", phone: "+15550108888" });
    aliceOrders = [];
    for (let i = 0; i < 2; i += 1) {
      const order = await makeOrder(handle.db, { customerId: alice.id, status: "delivered", deliveredAt: new Date() });
      await seedCustomerRecords(handle.db, alice, order, viewerId, new Date());
      aliceOrders.push(order);
    }
    bobOrder = await makeOrder(handle.db, { customerId: bob.id });
    await seedCustomerRecords(handle.db, bob, bobOrder, viewerId, new Date());
    // A doorstep photo on one of Alice's orders and on Bob's.
    for (const order of [aliceOrders[0]!, bobOrder]) {
      await storage.put(photoOf(order), new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), "image/jpeg");
      await handle.db.update(proofsOfDelivery).set({ photoKey: photoOf(order), photoContentType: "image/jpeg", photoBytes: 4 }).where(eq(proofsOfDelivery.orderId, order.id));
    }
  });
  afterAll(async () => {
    storage?.close();
    await s3?.close();
    await handle?.close();
  });

  it("exports every table's rows of the customer and nothing of another customer, and audits the export", async () => {
    const data = await exportCustomerData(handle.db, { customerId: alice.id, actor });
    expect(data.customer.id).toBe(alice.id);
    for (const table of exportTables) expect(data[table].length, table).toBeGreaterThan(0);
    expect(data.orders.map((o) => o.id).sort()).toEqual(aliceOrders.map((o) => o.id).sort());
    expect(data.orderEvents.length).toBeGreaterThanOrEqual(4); // received + note per order
    const text = JSON.stringify(data);
    expect(text).toContain("alice.zephyrine@example.com");
    expect(text).not.toMatch(/Quillfeather|bob\.quill|15550108888/);
    expect(text).not.toContain(bob.id);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "customer.exported"));
    expect(audit).toMatchObject({ entityId: alice.id, ip: "198.51.100.4" });
  });

  it("refuses erasure under a legal hold on the customer or one of their orders, and with the wrong email", async () => {
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: "someone@example.com", actor, storage })).rejects.toThrow(/Type the customer's email/);
    await placeLegalHold(handle.db, { target: "customer", id: alice.id, reason: "Fraud investigation", actor });
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: alice.email!, actor, storage })).rejects.toThrow(/legal hold \(Fraud investigation\)/);
    await releaseLegalHold(handle.db, { target: "customer", id: alice.id, actor });
    await placeLegalHold(handle.db, { target: "order", id: aliceOrders[0]!.id, reason: "Carrier claim", actor });
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: alice.email!, actor, storage })).rejects.toThrow(/on legal hold; release it/);
    await releaseLegalHold(handle.db, { target: "order", id: aliceOrders[0]!.id, actor });
    const actions = (await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, alice.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["customer.legal_hold.placed", "customer.legal_hold.released"]));
  });

  it("refuses erasure, erasing nothing, while the photos cannot be deleted from file storage", async () => {
    const down = await startS3TestServer();
    await down.close();
    const unreachable = new S3FileStorage(down.config);
    try {
      await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: alice.email!, actor, storage: unreachable })).rejects.toThrow(
        "The proof-of-delivery photos could not be deleted from file storage, so the records were not anonymised. Try again shortly.",
      );
    } finally {
      unreachable.close();
    }
    expect((await handle.db.select().from(customers).where(eq(customers.id, alice.id)))[0]!.anonymisedAt).toBeNull();
    expect(await storage.get(photoOf(aliceOrders[0]!))).not.toBeNull();
  });

  it("erases every personal field of the customer's rows and keeps what was sent when", async () => {
    const before = await exportCustomerData(handle.db, { customerId: alice.id, actor });
    const counts = await eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: " Alice.Zephyrine@example.com ", actor, storage });
    expect(counts).toMatchObject({ "proof photos (deleted)": 1 });
    // Her photo is gone from the store and no row names it; Bob's is still there.
    expect(await storage.get(photoOf(aliceOrders[0]!))).toBeNull();
    expect(await storage.get(photoOf(bobOrder))).not.toBeNull();
    const proofs = await handle.db.select().from(proofsOfDelivery).where(inArray(proofsOfDelivery.orderId, aliceOrders.map((o) => o.id)));
    expect(proofs.map((p) => [p.recipientName, p.photoKey, p.photoContentType, p.photoBytes])).toEqual(proofs.map(() => [ERASED, null, null, null]));
    const after = await exportCustomerData(handle.db, { customerId: alice.id, actor });
    // Every text column of every row we hold about her, searched at once.
    const text = JSON.stringify(after);
    for (const personal of ["Zephyrine", "alice.zephyrine", "15550107777", "Alice"]) expect(text, personal).not.toContain(personal);
    expect(after.customer).toMatchObject({ name: ERASED, email: null, phone: null });
    expect(after.customer.anonymisedAt).not.toBeNull();
    // The facts: the same messages, templates, channels, statuses and times; the same orders and amounts.
    const facts = (m: (typeof before.messages)[number]) => ({ id: m.id, template: m.template, channel: m.channel, status: m.status, sentAt: m.sentAt, createdAt: m.createdAt });
    expect(after.messages.map(facts)).toEqual(before.messages.map(facts));
    expect(after.orders.map((o) => [o.id, o.number, o.status, o.totalCents])).toEqual(before.orders.map((o) => [o.id, o.number, o.status, o.totalCents]));
    expect(after.orderItems).toEqual(before.orderItems);
    const messageIds = before.messages.map((m) => m.id);
    expect(await handle.db.select().from(webhookReceipts).where(inArray(webhookReceipts.messageId, messageIds))).toHaveLength(0);
    expect(await queryRows(handle.db, sql`select 1 from order_viewers where order_id = ${aliceOrders[0]!.id}`)).toHaveLength(0);
    // Bob is untouched.
    const [bobMessage] = await handle.db.select().from(messages).where(eq(messages.customerId, bob.id));
    expect(bobMessage!.bodyText).toContain("Quillfeather");
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: "x@example.com", actor, storage })).rejects.toThrow(/already erased/);
  });
});
