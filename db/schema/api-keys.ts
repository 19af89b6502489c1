import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// Keys that shops and OMSs send to POST /api/v1/orders. Admins create and revoke them (design.md "People and
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
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_key_hash_idx").on(t.keyHash)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
