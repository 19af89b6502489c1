import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database, type DatabaseHandle } from "@/db/client";
import { customers, messages, orders, proofsOfDelivery, retentionRuns, settings } from "@/db/schema";
import { openAnotherInstance } from "@/db/testing/another-instance";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { ERASED } from "./anonymise";
import { placeLegalHold, releaseLegalHold } from "./legal-hold";
import { updateRetentionPolicy } from "@/lib/settings/update-settings";
import { retentionPolicySchema } from "./records-schemas";
import { readRetentionPolicy, retentionCutoff } from "./retention-policy";
import { RETENTION_BUSY_MESSAGE, runRetention, runRetentionIfDue } from "./run-retention";
import { seedCustomerRecords } from "./test-records";
import type { FileStorage } from "@/lib/storage/file-storage";
import { S3FileStorage } from "@/lib/storage/s3-file-storage";
import { startS3TestServer, type S3TestServer } from "@/lib/storage/s3-test-server";

// A hand-built set across the 24-month boundary: what is past it and not held is anonymised (facts kept), what is
// younger, unfinished or held is untouched; the run is logged with counts; a second run changes nothing. Proof-of-
// delivery photos of anonymised orders are deleted from the (S3-compatible) store. Two runs never overlap, whichever
// instances start them.

const DAY = 24 * 60 * 60_000;
const now = new Date();
const monthsAgo = (m: number, extraDays = 0) => new Date(retentionCutoff(now, m).getTime() - extraDays * DAY);

describe("runRetention", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let viewerId: string;
  let s3: S3TestServer;
  let storage: S3FileStorage;
  let other: { db: Database; close(): Promise<void> };
  beforeAll(async () => {
    handle = await createTestDatabase();
    other = await openAnotherInstance(handle);
    s3 = await startS3TestServer();
    storage = new S3FileStorage(s3.config);
    const supervisor = await makeUser(handle.db, { role: "supervisor" });
    viewerId = supervisor.id;
    actor = { type: "user", userId: supervisor.id };
  });
  afterAll(async () => {
    storage?.close();
    await s3?.close();
    await other?.close();
    await handle?.close();
  });

  /** A doorstep photo on the order's proof of delivery, in the store. */
  async function withPhoto(orderId: string): Promise<string> {
    const key = `pod/${orderId}/photo.jpg`;
    await storage.put(key, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), "image/jpeg");
    await handle.db.update(proofsOfDelivery).set({ photoKey: key, photoContentType: "image/jpeg", photoBytes: 4 }).where(eq(proofsOfDelivery.orderId, orderId));
    return key;
  }

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
    const oldPhoto = await withPhoto(old.order.id);
    const youngPhoto = await withPhoto(young.order.id);
    const heldPhoto = await withPhoto(heldOrder.order.id);

    const run = await runRetention(handle.db, now, { trigger: { kind: "admin", userId: viewerId }, batchSize: 2, storage });
    expect(run).toMatchObject({ status: "finished", trigger: "admin", actorUserId: viewerId, retentionMonths: 24 });
    expect(run.rule).toMatch(/24 months/);
    expect(run.counts).toMatchObject({ orders: 3, customers: 2, messages: 3, inquiries: 3, feedback: 3, "webhook_receipts (deleted)": 3, "order_viewers (deleted)": 3, "audit_log (deleted)": 1, "proof photos (deleted)": 1 });
    // The anonymised order's photo is gone from the store and from its row; the kept orders' photos stay.
    expect(await storage.get(oldPhoto)).toBeNull();
    expect((await handle.db.select().from(proofsOfDelivery).where(eq(proofsOfDelivery.orderId, old.order.id)))[0]).toMatchObject({ recipientName: ERASED, photoKey: null, photoContentType: null, photoBytes: null });
    expect(await storage.get(youngPhoto)).not.toBeNull();
    expect(await storage.get(heldPhoto)).not.toBeNull();
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

    const again = await runRetention(handle.db, now, { storage });
    expect(again.counts).toEqual({});
    expect(await handle.db.select().from(retentionRuns)).toHaveLength(2);

    // Released: the next run takes the held order.
    await releaseLegalHold(handle.db, { target: "order", id: heldOrder.order.id, actor });
    const third = await runRetention(handle.db, now, { storage });
    expect(third.counts).toMatchObject({ orders: 1, customers: 1, "proof photos (deleted)": 1 });
    expect(await storage.get(heldPhoto)).toBeNull();
  });

  it("runs on schedule once a day, once across instances", async () => {
    const tomorrow = new Date(now.getTime() + DAY);
    // Both instances' schedulers tick at once: one runs, the other skips.
    const outcomes = await Promise.all([runRetentionIfDue(handle.db, storage, tomorrow), runRetentionIfDue(other.db, storage, tomorrow)]);
    expect(outcomes.filter((o) => o.ran)).toEqual([{ ran: true, value: expect.objectContaining({ trigger: "schedule", status: "finished" }) }]);
    expect(await runRetentionIfDue(other.db, storage, new Date(tomorrow.getTime() + 60 * 60_000))).toEqual({ ran: false, reason: "not due" });
    expect((await runRetentionIfDue(handle.db, storage, new Date(now.getTime() + 2 * DAY))).ran).toBe(true);
  });

  it("never runs two at once: a run on demand or on schedule is refused while another instance's run is in progress", async () => {
    const due = await finishedOrder(monthsAgo(24, 5));
    const photo = await withPhoto(due.order.id);
    // The first instance's run stops in the middle, at the photo it deletes, until the test lets it go on.
    let reached!: () => void;
    const inProgress = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: FileStorage = {
      put: (key, bytes, type) => storage.put(key, bytes, type),
      get: (key) => storage.get(key),
      async delete(key) {
        reached();
        await released;
        await storage.delete(key);
      },
    };
    const runsBefore = (await handle.db.select().from(retentionRuns)).length;
    const first = runRetention(handle.db, now, { trigger: { kind: "admin", userId: viewerId }, storage: held });
    await inProgress;

    await expect(runRetention(other.db, now, { trigger: { kind: "admin", userId: viewerId }, storage })).rejects.toThrow(RETENTION_BUSY_MESSAGE);
    expect(await runRetentionIfDue(other.db, storage, new Date(now.getTime() + 10 * DAY))).toEqual({ ran: false, reason: "busy" });
    // The same holds within one instance (an admin's click while its own scheduler runs).
    await expect(runRetention(handle.db, now, { storage })).rejects.toThrow(RETENTION_BUSY_MESSAGE);

    release();
    const run = await first;
    expect(run).toMatchObject({ status: "finished", counts: expect.objectContaining({ orders: 1, "proof photos (deleted)": 1 }) });
    expect(await storage.get(photo)).toBeNull();
    // Only the one run was logged; the refused ones left no row.
    expect(await handle.db.select().from(retentionRuns)).toHaveLength(runsBefore + 1);
  });

  it("closes the log of a run cut short by its process dying, and carries on", async () => {
    const [crashed] = await handle.db.insert(retentionRuns).values({ startedAt: new Date(Date.now() - 60_000), rule: "r", retentionMonths: 24, cutoff: monthsAgo(24), trigger: "schedule" }).returning();
    const run = await runRetention(other.db, now, { storage });
    expect(run.status).toBe("finished");
    const [closed] = await handle.db.select().from(retentionRuns).where(eq(retentionRuns.id, crashed!.id));
    expect(closed).toMatchObject({ status: "failed", error: expect.stringMatching(/^Interrupted/) });
  });
});
