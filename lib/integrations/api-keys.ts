import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, type ApiKey, type ApiKeyPurpose, type Carrier } from "@/db/schema";
import { writeAudit, type RequestOrigin } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";
import { mayPostCarrierEvents } from "./api-key-schema";

// API keys for order intake and carrier events. The plaintext key exists only in the answer to createApiKey; the
// database keeps its SHA-256 and its first characters. The signing secret is stored readable (the server must
// recompute signatures) but, like the key, is shown once and never returned again. Creation and revocation are
// audited with the key's name and prefix only. A key's purpose (orders, carrier events, or both) and the carriers
// a carrier key is bound to are chosen at creation and never edited: changing what a key may do means a new key.

const KEY_PREFIX = "ol_";
const SECRET_PREFIX = "whsec_";
const SHOWN_PREFIX_LENGTH = 8;

/** What the settings screen may show of a key: everything but the hash and the signing secret. */
export type ApiKeySummary = Omit<ApiKey, "keyHash" | "signingSecret">;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new key for a shop, OMS or carrier feed, with its signing secret. Both are shown once; the key is never stored. */
export async function createApiKey(
  db: Db,
  {
    name,
    purpose,
    carriers = [],
    createdBy,
    origin,
  }: { name: string; purpose: ApiKeyPurpose; carriers?: readonly Carrier[]; createdBy: string; origin?: RequestOrigin },
): Promise<{ id: string; key: string; signingSecret: string }> {
  // The form checks this too (api-key-schema.ts); the database's check constraint is the last word.
  if (carriers.length > 0 && !mayPostCarrierEvents(purpose)) throw new UserFacingError("Carriers limit carrier events: choose them only for a key that sends carrier events.");
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const signingSecret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const prefix = key.slice(0, SHOWN_PREFIX_LENGTH);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name, prefix, keyHash: hashApiKey(key), signingSecret, purpose, carriers: [...carriers], createdBy })
      .returning({ id: apiKeys.id });
    await writeAudit(tx, {
      actor: { type: "user", userId: createdBy, ...origin },
      action: "api_key.create",
      entityType: "api_key",
      entityId: row!.id,
      after: { name, prefix, purpose, carriers: [...carriers] },
    });
    return { id: row!.id, key, signingSecret };
  });
}

/** Revokes a key; requests made with it are refused from the moment this commits. Revoking twice changes nothing. */
export async function revokeApiKey(db: Db, { id, by, origin }: { id: string; by: string; origin?: RequestOrigin }): Promise<ApiKeySummary> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).for("update");
    if (!current) throw new UserFacingError("That API key does not exist.");
    if (current.revokedAt) return summaryOf(current);
    const [revoked] = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id)).returning();
    await writeAudit(tx, {
      actor: { type: "user", userId: by, ...origin },
      action: "api_key.revoke",
      entityType: "api_key",
      entityId: id,
      before: { name: current.name, prefix: current.prefix, revokedAt: null },
      after: { name: current.name, prefix: current.prefix, revokedAt: revoked!.revokedAt!.toISOString() },
    });
    return summaryOf(revoked!);
  });
}

/**
 * The active key named by an `Authorization: Bearer <key>` header, or null for a missing, malformed, unknown or
 * revoked key. Finding the key and stamping its last use is one statement, so a key revoked concurrently is
 * either used before the revocation or refused.
 */
export async function authenticateApiKey(db: Db, authorizationHeader: string | null | undefined): Promise<ApiKeySummary | null> {
  const key = bearerKey(authorizationHeader);
  if (!key) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .returning();
  return row ? summaryOf(row) : null;
}

/** An active key, its signing secret (null on keys made before signing existed) and what it may do. */
export type SigningKey = { id: string; signingSecret: string | null; purpose: ApiKeyPurpose; carriers: Carrier[] };

/**
 * The active key named by an `Authorization: Bearer <key>` header, with its signing secret, or null. Unlike
 * authenticateApiKey it does not stamp the key's use: a request counts as the key's use only once its signature
 * checks out (markApiKeyUsed), so a forged request changes nothing.
 */
export async function findSigningKey(db: Db, authorizationHeader: string | null | undefined): Promise<SigningKey | null> {
  const key = bearerKey(authorizationHeader);
  if (!key) return null;
  const [row] = await db
    .select({ id: apiKeys.id, signingSecret: apiKeys.signingSecret, purpose: apiKeys.purpose, carriers: apiKeys.carriers })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

/** Stamps the key's last use; false if it was revoked since it was found, so the request must be refused. */
export async function markApiKeyUsed(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** Every key, newest first, without hashes or secrets. */
export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      purpose: apiKeys.purpose,
      carriers: apiKeys.carriers,
      createdBy: apiKeys.createdBy,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

function bearerKey(authorizationHeader: string | null | undefined): string | null {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? "")?.[1];
  return key?.startsWith(KEY_PREFIX) ? key : null;
}

function summaryOf(row: ApiKey): ApiKeySummary {
  const { keyHash: _keyHash, signingSecret: _signingSecret, ...summary } = row;
  return summary;
}
