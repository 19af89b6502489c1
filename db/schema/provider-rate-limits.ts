import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

// One request budget per provider account, shared by every outbox worker (lib/delivery/rate-limiter.ts): the next
// free send slot, and until when the provider has told us to hold off (a 429's retry-after, or no requests left).
export const providerRateLimits = pgTable("provider_rate_limits", {
  // "<channel>:<provider>", e.g. "email:resend"
  key: text().primaryKey(),
  nextSlotAt: timestamp({ withTimezone: true }).notNull(),
  blockedUntil: timestamp({ withTimezone: true }),
});

export type ProviderRateLimit = typeof providerRateLimits.$inferSelect;
