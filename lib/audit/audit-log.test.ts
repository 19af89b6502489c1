import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/client";
import { changeRequests } from "@/db/schema";
import { makeOrder, makeUser, testAddress } from "@/db/testing/fixtures";
import { correctShippingAddress } from "@/lib/orders/correct-order";
import { rejectRequest } from "@/lib/requests/decide-request";
import { createApiKey, revokeApiKey } from "@/lib/integrations/api-keys";
import { updateEscalationPolicy } from "@/lib/settings/update-settings";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { auditChanges } from "./audit-diff";
import { orderAuditTrail } from "./order-audit-trail";
import { writeAudit } from "./write-audit";

// The audit log is append-only at the database (db/migrations/0011_audit_trigger.sql): these run on PGlite by
// default and on PostgreSQL with DATABASE_URL set. The trigger's own refusals are tested as the tables' owner, whom
// only the trigger stops; the app's role is refused before the trigger by its grants (db/app-role.test.ts).

function messageOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) parts.push(String((e as Error).message));
  return parts.join(" | ");
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return messageOf(error);
  }
  return "not refused";
}

describe("audit log", () => {
  let handle: DatabaseHandle;
  let owner: DatabaseHandle;
  let actor: Actor;
  let ownerActor: Actor;
  const DAY = 24 * 60 * 60_000;
  beforeAll(async () => {
    handle = await createTestDatabase();
    owner = await createTestDatabase({ as: "owner" });
    actor = { type: "user", userId: (await makeUser(handle.db, { role: "supervisor" })).id, ip: "203.0.113.7", userAgent: "vitest-browser" };
    ownerActor = { ...actor, userId: (await makeUser(owner.db, { role: "supervisor" })).id };
  });
  afterAll(async () => {
    await handle?.close();
    await owner?.close();
  });

  const count = async () => Number((await queryRows<{ n: number }>(owner.db, sql`select count(*)::int as n from audit_log`))[0]!.n);

  it("refuses UPDATE, DELETE and TRUNCATE, even to the tables' owner typing SQL by hand", async () => {
    await writeAudit(owner.db, { actor: ownerActor, action: "test.written", entityType: "test", entityId: "1", after: { a: 1 } });
    const before = await count();
    expect(await refusal(() => owner.db.execute(sql`update audit_log set action = 'rewritten'`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(() => owner.db.execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(() => owner.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE refused/);
    expect(await count()).toBe(before);
    expect(await queryRows(owner.db, sql`select 1 from audit_log where action = 'rewritten'`)).toHaveLength(0);
  });

  it("lets the retention purge delete only rows older than 12 months, and only inside its own transaction", async () => {
    const old = new Date(Date.now() - 400 * DAY);
    const young = new Date(Date.now() - 300 * DAY);
    await writeAudit(owner.db, { actor: ownerActor, action: "test.old", entityType: "test", entityId: "old", at: old });
    await writeAudit(owner.db, { actor: ownerActor, action: "test.young", entityType: "test", entityId: "young", at: young });

    // The setting outside the purge transaction is gone by the next statement.
    expect(await refusal(() => owner.db.execute(sql`delete from audit_log where action = 'test.old'`))).toMatch(/DELETE refused/);
    // Inside it, a row younger than the floor is still refused (and the whole transaction with it).
    const youngRefusal = await refusal(() =>
      owner.db.transaction(async (tx) => {
        await tx.execute(sql`set local orderline.retention_purge = 'on'`);
        await tx.execute(sql`delete from audit_log where action in ('test.old', 'test.young')`);
      }),
    );
    expect(youngRefusal).toMatch(/DELETE refused/);
    expect(await queryRows(owner.db, sql`select action from audit_log where action in ('test.old', 'test.young')`)).toHaveLength(2);
    // An UPDATE is refused even with the setting on.
    const updateRefusal = await refusal(() =>
      owner.db.transaction(async (tx) => {
        await tx.execute(sql`set local orderline.retention_purge = 'on'`);
        await tx.execute(sql`update audit_log set action = 'x' where action = 'test.old'`);
      }),
    );
    expect(updateRefusal).toMatch(/UPDATE refused/);

    await owner.db.transaction(async (tx) => {
      await tx.execute(sql`set local orderline.retention_purge = 'on'`);
      await tx.execute(sql`delete from audit_log where action = 'test.old'`);
    });
    expect((await queryRows<{ action: string }>(owner.db, sql`select action from audit_log where action in ('test.old', 'test.young')`)).map((r) => r.action)).toEqual(["test.young"]);
  });

  it("records order status changes with who, before/after and from where, and shows them in the order's trail", async () => {
    const order = await makeOrder(handle.db);
    await changeOrderStatus(handle.db, { orderId: order.id, to: "confirmed", actor });
    await changeOrderStatus(handle.db, { orderId: order.id, to: "on_hold", holdReason: "stock", actor });
    const trail = await orderAuditTrail(handle.db, { orderId: order.id });
    expect(trail.total).toBe(2);
    expect(trail.entries[0]).toMatchObject({ action: "order.status_changed", ip: "203.0.113.7", userAgent: "vitest-browser", actorType: "user" });
    expect(trail.entries[0]!.actorName).toMatch(/supervisor/);
    expect(auditChanges(trail.entries[0]!.before, trail.entries[0]!.after)).toEqual(
      expect.arrayContaining([
        { field: "status", before: "confirmed", after: "on_hold" },
        { field: "holdReason", before: "—", after: "stock" },
      ]),
    );
  });

  it("records order corrections and request decisions in the order's trail", async () => {
    const order = await makeOrder(handle.db);
    await correctShippingAddress(handle.db, { orderId: order.id, expectedVersion: order.version, address: { ...testAddress, line1: "2 Side St" }, actor });
    const [request] = await handle.db.insert(changeRequests).values({ orderId: order.id, kind: "cancel", source: "rep", payload: {} }).returning();
    await rejectRequest(handle.db, { requestId: request!.id, reason: "Already packed", notify: false, actor });
    const trail = await orderAuditTrail(handle.db, { orderId: order.id });
    expect(trail.entries.map((e) => e.action)).toEqual(["request.rejected", "order.corrected.address"]);
    expect(auditChanges(trail.entries[1]!.before, trail.entries[1]!.after)).toContainEqual({ field: "line1", before: "1 Main St", after: "2 Side St" });
    expect(trail.entries.every((e) => e.ip === "203.0.113.7")).toBe(true);
  });

  it("records from where settings and API key changes were made", async () => {
    const origin = { ip: "192.0.2.55", userAgent: "settings-browser" };
    const userId = actor.type === "user" ? actor.userId : "";
    await updateEscalationPolicy(handle.db, { policy: { autoEscalateBreached: false }, actorUserId: userId, origin });
    const { id } = await createApiKey(handle.db, { name: "Audit shop", purpose: "order_intake", createdBy: userId, origin });
    await revokeApiKey(handle.db, { id, by: userId, origin });
    const rows = await queryRows<{ action: string; ip: string; user_agent: string }>(
      handle.db,
      sql`select action, ip, user_agent from audit_log where action in ('settings.escalation_policy.update', 'api_key.create', 'api_key.revoke') order by id`,
    );
    expect(rows).toEqual([
      { action: "settings.escalation_policy.update", ip: "192.0.2.55", user_agent: "settings-browser" },
      { action: "api_key.create", ip: "192.0.2.55", user_agent: "settings-browser" },
      { action: "api_key.revoke", ip: "192.0.2.55", user_agent: "settings-browser" },
    ]);
  });

  it("pages the trail", async () => {
    const order = await makeOrder(handle.db);
    for (let i = 0; i < 30; i += 1) await writeAudit(handle.db, { actor, action: `test.step${i}`, entityType: "order", entityId: order.id, after: { i } });
    const first = await orderAuditTrail(handle.db, { orderId: order.id, page: 1 });
    const second = await orderAuditTrail(handle.db, { orderId: order.id, page: 2 });
    expect([first.total, first.pageCount, first.entries.length, second.entries.length]).toEqual([30, 2, 25, 5]);
    expect(first.entries[0]!.action).toBe("test.step29");
    expect((await orderAuditTrail(handle.db, { orderId: order.id, page: 99 })).page).toBe(2);
  });
});

describe("auditChanges", () => {
  it("lists changed fields only, values shortened", () => {
    expect(auditChanges({ a: 1, b: "x" }, { a: 1, b: "y", c: null })).toEqual([{ field: "b", before: "x", after: "y" }]);
    expect(auditChanges(null, { note: "z".repeat(200) })[0]!.after).toHaveLength(80);
    expect(auditChanges(null, null)).toEqual([]);
  });
});
