import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { apiKeys, auditLog } from "@/db/schema";
import { makeUser } from "@/db/testing/fixtures";
import { migrationsFolder } from "@/db/migrate";
import { createTestDatabase } from "@/db/testing/test-database";
import { UserFacingError } from "@/lib/errors";
import { authenticateApiKey, createApiKey, findSigningKey, hashApiKey, listApiKeys, markApiKeyUsed, revokeApiKey } from "./api-keys";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("createApiKey and authenticateApiKey", () => {
  it("returns a key once that authenticates, and stores only its hash and prefix", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const { id, key } = await createApiKey(db, { name: "Shopify store", purpose: "order_intake", createdBy: admin.id });

    expect(key).toMatch(/^ol_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row!.keyHash).not.toBe(key);
    expect(row!.keyHash).toBe(hashApiKey(key));
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.prefix).toBe(key.slice(0, 8));
    expect(row!.lastUsedAt).toBeNull();

    const authenticated = await authenticateApiKey(db, `Bearer ${key}`);
    expect(authenticated?.id).toBe(id);
    expect(authenticated).not.toHaveProperty("keyHash");
    expect(authenticated).not.toHaveProperty("signingSecret");
    const [used] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);

    // The scheme is case-insensitive (RFC 9110); the key itself is not.
    expect((await authenticateApiKey(db, `bearer ${key}`))?.id).toBe(id);
  });

  it("refuses missing, malformed and wrong keys", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const { key } = await createApiKey(db, { name: "OMS", purpose: "order_intake", createdBy: admin.id });

    expect(await authenticateApiKey(db, null)).toBeNull();
    expect(await authenticateApiKey(db, "")).toBeNull();
    expect(await authenticateApiKey(db, key)).toBeNull(); // no "Bearer"
    expect(await authenticateApiKey(db, `Basic ${key}`)).toBeNull();
    expect(await authenticateApiKey(db, `Bearer ${key.toUpperCase()}`)).toBeNull();
    expect(await authenticateApiKey(db, `Bearer ${key}x`)).toBeNull();
    expect(await authenticateApiKey(db, `Bearer ${hashApiKey(key)}`)).toBeNull(); // the stored hash is no key
  });
});

describe("signing secrets", () => {
  it("makes a secret with each key, stores it readable, and returns it only from createApiKey and findSigningKey", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const created = await createApiKey(db, { name: "Carrier feed", purpose: "carrier_events", createdBy: admin.id });
    const other = await createApiKey(db, { name: "Other feed", purpose: "carrier_events", createdBy: admin.id });

    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(other.signingSecret).not.toBe(created.signingSecret);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.signingSecret).toBe(created.signingSecret);

    expect(await findSigningKey(db, `Bearer ${created.key}`)).toEqual({ id: created.id, signingSecret: created.signingSecret, purpose: "carrier_events", carriers: [] });
    expect(await findSigningKey(db, "Bearer ol_wrong")).toBeNull();
    // Finding a key is not using it: only a request whose signature checks out is stamped.
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, created.id)))[0]!.lastUsedAt).toBeNull();
    expect(await markApiKeyUsed(db, created.id)).toBe(true);
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, created.id)))[0]!.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await revokeApiKey(db, { id: created.id, by: admin.id });
    expect(revoked).not.toHaveProperty("signingSecret");
    expect(JSON.stringify(revoked)).not.toContain(created.signingSecret);
    expect(JSON.stringify(await revokeApiKey(db, { id: created.id, by: admin.id }))).not.toContain(created.signingSecret);
    expect(await findSigningKey(db, `Bearer ${created.key}`)).toBeNull();
    expect(await markApiKeyUsed(db, created.id)).toBe(false);
    expect(JSON.stringify(await listApiKeys(db))).not.toContain("whsec_");

    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(JSON.stringify(audit.map((r) => [r.before, r.after]))).not.toContain(created.signingSecret);
  });
});

describe("revokeApiKey", () => {
  it("stops the key at once, keeps the row, and is a no-op the second time", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const { id, key } = await createApiKey(db, { name: "Old ERP", purpose: "order_intake", createdBy: admin.id });
    expect(await authenticateApiKey(db, `Bearer ${key}`)).not.toBeNull();

    const revoked = await revokeApiKey(db, { id, by: admin.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(db, `Bearer ${key}`)).toBeNull();

    const again = await revokeApiKey(db, { id, by: admin.id });
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt!.getTime());
    const revokes = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "api_key.revoke")));
    expect(revokes).toHaveLength(1);

    const listed = (await listApiKeys(db)).find((k) => k.id === id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty("keyHash");
  });

  it("refuses an unknown id with a message for the admin", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    await expect(revokeApiKey(db, { id: "00000000-0000-4000-8000-000000000000", by: admin.id })).rejects.toBeInstanceOf(UserFacingError);
  });
});

describe("audit", () => {
  it("records create and revoke by the admin, without the key or its hash", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const { id, key } = await createApiKey(db, { name: "Warehouse OMS", purpose: "order_intake", createdBy: admin.id });
    await revokeApiKey(db, { id, by: admin.id });

    const rows = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "api_key"), eq(auditLog.entityId, id)));
    expect(rows.map((r) => r.action).sort()).toEqual(["api_key.create", "api_key.revoke"]);
    for (const row of rows) {
      expect(row.actorType).toBe("user");
      expect(row.actorUserId).toBe(admin.id);
      const recorded = JSON.stringify([row.before, row.after]);
      expect(recorded).not.toContain(key);
      expect(recorded).not.toContain(key.slice(8));
      expect(recorded).not.toContain(hashApiKey(key));
    }
    const created = rows.find((r) => r.action === "api_key.create");
    expect(created?.after).toEqual({ name: "Warehouse OMS", prefix: key.slice(0, 8), purpose: "order_intake", carriers: [] });
  });
});

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function databaseError(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return String(cause instanceof Error ? cause.message : error);
  }
  return "no error";
}

describe("purpose and carriers", () => {
  it("stores what the key may send and which carriers bind it, lists them, and audits them", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const bound = await createApiKey(db, { name: "UPS feed", purpose: "carrier_events", carriers: ["ups", "dhl"], createdBy: admin.id });
    const shop = await createApiKey(db, { name: "Shop", purpose: "order_intake", createdBy: admin.id });

    const listed = await listApiKeys(db);
    expect(listed.find((k) => k.id === bound.id)).toMatchObject({ purpose: "carrier_events", carriers: ["ups", "dhl"] });
    expect(listed.find((k) => k.id === shop.id)).toMatchObject({ purpose: "order_intake", carriers: [] });
    expect(await authenticateApiKey(db, `Bearer ${shop.key}`)).toMatchObject({ id: shop.id, purpose: "order_intake" });
    expect(await findSigningKey(db, `Bearer ${bound.key}`)).toMatchObject({ purpose: "carrier_events", carriers: ["ups", "dhl"] });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, bound.id), eq(auditLog.action, "api_key.create")));
    expect(audit!.after).toMatchObject({ purpose: "carrier_events", carriers: ["ups", "dhl"] });
  });

  it("refuses carriers on an order-intake key, in the domain and in the database", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    await expect(createApiKey(db, { name: "Confused", purpose: "order_intake", carriers: ["ups"], createdBy: admin.id })).rejects.toBeInstanceOf(UserFacingError);
    expect((await listApiKeys(db)).some((k) => k.name === "Confused")).toBe(false);
    // Past the domain function, the check constraint still holds.
    const refused = db.insert(apiKeys).values({ name: "Direct", prefix: "ol_direc", keyHash: "a".repeat(64), purpose: "order_intake", carriers: ["fedex"] });
    expect(await databaseError(refused)).toMatch(/api_keys_carriers_need_events/);
  });

  it("has no default purpose: a key made without one is refused by the database", async () => {
    const refused = handle.db.execute(sql`insert into api_keys (name, prefix, key_hash) values ('No purpose', 'ol_nopur', ${"b".repeat(64)})`);
    expect(await databaseError(refused)).toMatch(/null value in column "purpose"/);
  });

  it("migration 0015 makes every existing key a key for both, bound to no carrier", async () => {
    const old = await createTestDatabase({ as: "owner" });
    try {
      // The table as it was before 0015, with a key made then.
      await old.db.execute(sql`alter table api_keys drop constraint api_keys_carriers_need_events`);
      await old.db.execute(sql`alter table api_keys drop column carriers`);
      await old.db.execute(sql`alter table api_keys drop column purpose`);
      await old.db.execute(sql`drop type api_key_purpose`);
      await old.db.execute(sql`insert into api_keys (name, prefix, key_hash, signing_secret) values ('Legacy', 'ol_legac', ${"c".repeat(64)}, 'whsec_legacy')`);

      const migration = readFileSync(path.join(migrationsFolder, "0015_key_purposes.sql"), "utf8");
      for (const statement of migration.split("--> statement-breakpoint")) await old.db.execute(sql.raw(statement));

      const [legacy] = await old.db.select().from(apiKeys).where(eq(apiKeys.name, "Legacy"));
      expect(legacy).toMatchObject({ purpose: "both", carriers: [], signingSecret: "whsec_legacy" });
      const refused = old.db.execute(sql`insert into api_keys (name, prefix, key_hash) values ('New', 'ol_newke', ${"d".repeat(64)})`);
      expect(await databaseError(refused)).toMatch(/null value in column "purpose"/);
    } finally {
      await old.close();
    }
  });
});
