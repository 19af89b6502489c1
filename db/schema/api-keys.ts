import { sql } from "drizzle-orm";
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { apiKeyPurposeEnum, carrierEnum } from "./enums";
import { users } from "./users";

// Keys that shops and OMSs send to POST /api/v1/orders, and carrier feeds to POST /api/v1/tracking-events. Admins create and revoke them (design.md "People and
// roles"); a revoked key stays as a record of who could send orders and when.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    // The key's first 8 characters, so an admin can tell keys apart without the secret being stored.
    prefix: text().notNull(),
    // SHA-256 hex of the whole key. A fast hash is right here, unlike for passwords: the key is 32 random bytes
    // (256 bits), so there is nothing to guess or brute-force, and a deterministic hash lets every request find
    // its key with one indexed lookup instead of comparing against every row with a slow hash.
    keyHash: text().notNull(),
    // Carrier feeds sign each request body with HMAC-SHA256 under this secret (POST /api/v1/tracking-events).
    // Unlike the key it must be kept readable: the server recomputes the signature. Null on keys made before
    // signing existed; such a key cannot send tracking events until it is replaced.
    signingSecret: text(),
    // What the key may post (lib/integrations/api-keys.ts keyMayPost). No default: whoever makes a key chooses.
    // Purpose and carriers are fixed at creation; to change them an admin revokes the key and makes another.
    purpose: apiKeyPurposeEnum().notNull(),
    // A carrier-events key bound to carriers moves only orders shipped with one of them; empty = any carrier.
    carriers: carrierEnum().array().notNull().default(sql`'{}'::carrier[]`),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_idx").on(t.keyHash),
    // Carriers limit carrier events; on an order-intake key they would promise a limit that limits nothing.
    check("api_keys_carriers_need_events", sql`cardinality(${t.carriers}) = 0 or ${t.purpose} <> 'order_intake'`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
