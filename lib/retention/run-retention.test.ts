import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "@/db/client";
import { customers, messages, orders, retentionRuns, settings } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { ERASED } from "./anonymise";
import { placeLegalHold, releaseLegalHold } from "./legal-hold";
import { updateRetentionPolicy } from "@/lib/settings/update-settings";
import { retentionPolicySchema } from "./records-schemas";
import { readRetentionPolicy, retentionCutoff } from "./retention-policy";
import { runRetention, runRetentionIfDue } from "./run-retention";
import { seedCustomerRecords } from "./test-records";

// A hand-built set across the 24-month boundary: what is past it and not held is anonymised (facts kept), what is
// younger, unfinished or held is untouched; the run is logged with counts; a second run changes nothing.

const DAY = 24 * 60 * 60_000;
const now = new Date();
const monthsAgo = (m: number, extraDays = 0) => new Date(retentionCutoff(now, m).getTime() - extraDays * DAY);

describe("runRetention", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let viewerId: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const supervisor = await makeUser(handle.db, { role: "supervisor" });
    viewerId = supervisor.id;
    actor = { type: "user", userId: supervisor.id };
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function finishedOrder(finishedAt: Date, input: { customerId?: string; status?: "closed" | "cancelled" | "delivered" } = {}) {
    const customer = input.customerId ? (await handle.db.select().from(customers).where(eq(customers.id, input.customerId)))[0]! : await makeCustomer(handle.db, { phone: `+1555${Math.floor(Math.random() * 1e7)}` });
    const status = input.status ?? "closed";
    const order = await makeOrder(handle.db, {
      customerId: customer.id,
      status,
      placedAt: new Date(finishedAt.getTime() - 10 * DAY),
      deliveredAt: status === "cancelled" ? null : finishedAt,
      closedAt: status === "closed" ? finishedAt : null,
      cancelledAt: status === "cancelled" ? finishedAt : null,
    });
    await seedCustomerRecords(handle.db, customer, order, viewerId, finishedAt);
    return { customer, order };
  }

  const orderRow = async (id: string) => (await handle.db.select().from(orders).where(eq(orders.id, id)))[0]!;
  const customerRow = async (id: string) => (await handle.db.select().from(customers).where(eq(customers.id, id)))[0]!;

  it("keeps the retention setting at 12 months or more, 24 by default", async () => {
    expect(await readRetentionPolicy(handle.db)).toEqual({ months: 24 });
    await handle.db.insert(settings).values({ key: "retention", value: { months: 6 } });
    expect(await readRetentionPolicy(handle.db)).toEqual({ months: 12 });
    await handle.db.delete(settings).where(eq(settings.key, "retention"));
    expect(retentionPolicySchema.safeParse({ months: "11" }).success).toBe(false);
    expect(retentionPolicySchema.safeParse({ months: "12" }).data).toEqual({ months: 12 });
    await expect(updateRetentionPolicy(handle.db, { months: 11, actorUserId: viewerId })).rejects.toThrow(/at least 12 months/);
    await updateRetentionPolicy(handle.db, { months: 36, actorUserId: viewerId });
    expect(await readRetentionPolicy(handle.db)).toEqual({ months: 36 });
    await handle.db.delete(settings).where(eq(settings.key, "retention"));
    expect(retentionCutoff(new Date("2026-06-15T00:00:00Z"), 3).toISOString()).toBe("2025-06-15T00:00:00.000Z");
  });

  it("anonymises what is past the window and not held, keeps the rest, logs the run, and a second run changes nothing", async () => {
    const old = await finishedOrder(monthsAgo(24, 2));
    const oldCancelled = await finishedOrder(monthsAgo(24, 30), { status: "cancelled" });
    const young = await finishedOrder(monthsAgo(24, -2)); // two days inside the window
    // A customer with an old order and a young one: the old order goes, the customer stays.
    const mixed = await finishedOrder(monthsAgo(30));
    await finishedOrder(monthsAgo(1), { customerId: mixed.customer.id });
    const heldOrder = await finishedOrder(monthsAgo(36));
    await placeLegalHold(handle.db, { target: "order", id: heldOrder.order.id, reason: "Claim 42", actor });
    const heldCustomer = await finishedOrder(monthsAgo(36));
    await placeLegalHold(handle.db, { target: "customer", id: heldCustomer.customer.id, reason: "Chargeback dispute", actor });
    const unfinished = await makeOrder(handle.db, { status: "shipped", placedAt: monthsAgo(30), shippedAt: monthsAgo(30) });
    await writeAudit(handle.db, { actor, action: "test.ancient", entityType: "order", entityId: old.order.id, at: monthsAgo(25) });
    await writeAudit(handle.db, { actor, action: "test.ancient_held", entityType: "order", entityId: heldOrder.order.id, at: monthsAgo(25) });
    await writeAudit(handle.db, { actor, action: "test.recent", entityType: "order", entityId: old.order.id, at: monthsAgo(23) });

    const run = await runRetention(handle.db, now, { trigger: { kind: "admin", userId: viewerId }, batchSize: 2 });
    expect(run).toMatchObject({ status: "finished", trigger: "admin", actorUserId: viewerId, retentionMonths: 24 });
    expect(run.rule).toMatch(/24 months/);
    expect(run.counts).toMatchObject({ orders: 3, customers: 2, messages: 3, inquiries: 3, feedback: 3, "webhook_receipts (deleted)": 3, "order_viewers (deleted)": 3, "audit_log (deleted)": 1 });
    expect(run.counts).not.toHaveProperty(["tracking_event_receipts (deleted)"]);

    for (const { customer, order } of [old, oldCancelled]) {
      const o = await orderRow(order.id);
      expect(o.anonymisedAt).not.toBeNull();
      expect(o.shippingAddress).toMatchObject({ name: ERASED, country: "US" });
      expect(o.totalCents).toBe(order.totalCents);
      expect(await customerRow(customer.id)).toMatchObject({ name: ERASED, email: null, phone: null });
      const [message] = await handle.db.select().from(messages).where(eq(messages.orderId, order.id));
      expect(message).toMatchObject({ bodyText: ERASED, toAddress: ERASED, template: "shipped", channel: "email", status: "delivered" });
      expect(message!.sentAt).not.toBeNull();
    }
    expect((await orderRow(mixed.order.id)).anonymisedAt).not.toBeNull();
    expect((await customerRow(mixed.customer.id)).email).toBe(mixed.customer.email);
    for (const kept of [young, heldOrder, heldCustomer]) {
      expect((await orderRow(kept.order.id)).anonymisedAt).toBeNull();
      expect((await customerRow(kept.customer.id)).email).toBe(kept.customer.email);
    }
    expect((await orderRow(unfinished.id)).anonymisedAt).toBeNull();
    const actions = (await queryRows<{ action: string }>(handle.db, sql`select action from audit_log where action like 'test.%'`)).map((r) => r.action).sort();
    expect(actions).toEqual(["test.ancient_held", "test.recent"]);

    const again = await runRetention(handle.db, now);
    expect(again.counts).toEqual({});
    expect(await handle.db.select().from(retentionRuns)).toHaveLength(2);

    // Released: the next run takes the held order.
    await releaseLegalHold(handle.db, { target: "order", id: heldOrder.order.id, actor });
    const third = await runRetention(handle.db, now);
    expect(third.counts).toMatchObject({ orders: 1, customers: 1 });
  });

  it("runs on schedule once a day", async () => {
    const first = await runRetentionIfDue(handle.db, new Date(now.getTime() + DAY));
    expect(first?.trigger).toBe("schedule");
    expect(await runRetentionIfDue(handle.db, new Date(now.getTime() + DAY + 60 * 60_000))).toBeNull();
    expect(await runRetentionIfDue(handle.db, new Date(now.getTime() + 2 * DAY))).not.toBeNull();
  });
});
