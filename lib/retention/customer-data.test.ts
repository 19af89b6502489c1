import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "@/db/client";
import { auditLog, messages, webhookReceipts, type Customer, type Order } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { ERASED } from "./anonymise";
import { eraseCustomer, exportCustomerData } from "./customer-data";
import { placeLegalHold, releaseLegalHold } from "./legal-hold";
import { seedCustomerRecords } from "./test-records";

// Export: everything we hold about one customer, nothing of another. Erasure: no personal field left anywhere in
// their rows, the facts of what was sent when kept; refused while a legal hold applies.

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
  beforeAll(async () => {
    handle = await createTestDatabase();
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
    const bobOrder = await makeOrder(handle.db, { customerId: bob.id });
    await seedCustomerRecords(handle.db, bob, bobOrder, viewerId, new Date());
  });
  afterAll(async () => {
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
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: "someone@example.com", actor })).rejects.toThrow(/Type the customer's email/);
    await placeLegalHold(handle.db, { target: "customer", id: alice.id, reason: "Fraud investigation", actor });
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: alice.email!, actor })).rejects.toThrow(/legal hold \(Fraud investigation\)/);
    await releaseLegalHold(handle.db, { target: "customer", id: alice.id, actor });
    await placeLegalHold(handle.db, { target: "order", id: aliceOrders[0]!.id, reason: "Carrier claim", actor });
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: alice.email!, actor })).rejects.toThrow(/on legal hold; release it/);
    await releaseLegalHold(handle.db, { target: "order", id: aliceOrders[0]!.id, actor });
    const actions = (await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, alice.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["customer.legal_hold.placed", "customer.legal_hold.released"]));
  });

  it("erases every personal field of the customer's rows and keeps what was sent when", async () => {
    const before = await exportCustomerData(handle.db, { customerId: alice.id, actor });
    await eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: " Alice.Zephyrine@example.com ", actor });
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
    await expect(eraseCustomer(handle.db, { customerId: alice.id, confirmEmail: "x@example.com", actor })).rejects.toThrow(/already erased/);
  });
});
