import { randomUUID } from "node:crypto";
import { LOCAL_OUTBOX, type DeliveryProvider } from "./providers";

// Development without provider accounts: a message "is sent" by being marked so. The rendered subject, HTML, text
// and SMS are already in the row, and /messages (filter "local outbox") shows them as the customer would get them.

export function localOutboxProvider<C extends "email" | "sms">(channel: C): DeliveryProvider & { channel: C } {
  return {
    name: LOCAL_OUTBOX,
    channel,
    maxBatchSize: 100,
    async sendBatch(messages) {
      return { results: messages.map(() => ({ ok: true as const, providerMessageId: `local-${randomUUID()}` })), rateLimit: null };
    },
  };
}
