import type { Message } from "@/db/schema";
import { appConfig, type AppConfig } from "@/lib/config/app-config";

// What the outbox worker needs from a provider, and which providers the environment configures. Providers only
// speak HTTP and classify answers; the worker owns the database, retries, back-off and the rate limiter.

/** The rendered message as the outbox row holds it: what goes out is exactly what the log shows. */
export type OutgoingMessage = Pick<Message, "id" | "channel" | "toAddress" | "subject" | "bodyText" | "bodyHtml" | "idempotencyKey" | "data">;

/** The provider's rate-limit headers, in milliseconds; null when it did not say. */
export type RateLimitInfo = { limit: number | null; remaining: number | null; resetMs: number | null; retryAfterMs: number | null };

export type DeliveryResult =
  | { ok: true; providerMessageId: string }
  // retryable: worth another try later (5xx, network, auth/config). rateLimited: the provider refused for now (429);
  // the worker waits and sends again without counting an attempt.
  | { ok: false; error: string; retryable: boolean; rateLimited?: { retryAfterMs: number } };

/** One result per message, in the order sent, plus what the provider said about its rate limit. */
export type ProviderAnswer = { results: DeliveryResult[]; rateLimit: RateLimitInfo | null };

export type DeliveryProvider = {
  /** Stored in messages.provider ("resend", "twilio", "local-outbox"). */
  readonly name: string;
  readonly channel: "email" | "sms";
  /** How many messages one request may carry. (A message with attachments always goes alone: see claim.ts.) */
  readonly maxBatchSize: number;
  /**
   * One provider request for these messages. `batchIdempotencyKey` is stable for the batch's whole life (it is
   * derived from messages.batch_key), so a re-send after a crash is the same request to the provider. Answers
   * from the provider never throw; they come back as results.
   */
  sendBatch(messages: readonly OutgoingMessage[], batchIdempotencyKey: string): Promise<ProviderAnswer>;
};

export type EmailProvider = DeliveryProvider & { readonly channel: "email" };
export type SmsProvider = DeliveryProvider & { readonly channel: "sms" };

export const LOCAL_OUTBOX = "local-outbox";

export type EmailConfig =
  | { kind: "resend"; apiKey: string; baseUrl: string | null; from: string; ratePerSecond: number }
  | { kind: "local-outbox" };

export type SmsConfig =
  | { kind: "twilio"; accountSid: string; authToken: string; from: string; baseUrl: string; ratePerSecond: number }
  | { kind: "local-outbox" };

export type DeliveryConfig = { email: EmailConfig; sms: SmsConfig; webhookSecret: string | null };

/**
 * Which providers deliver, from the settings (lib/config: rates default to Resend 2/s, which stays under its
 * per-team limit with room for the app's own calls, and Twilio 10/s; "off" or 0 is Infinity, no limiter). No keys:
 * both channels go to the local outbox.
 */
export function deliveryConfigFromEnv(config: AppConfig = appConfig()): DeliveryConfig {
  const email: EmailConfig = config.RESEND_API_KEY
    ? {
        kind: "resend",
        apiKey: config.RESEND_API_KEY,
        baseUrl: config.RESEND_BASE_URL ?? null,
        from: config.EMAIL_FROM,
        ratePerSecond: config.RESEND_RATE_LIMIT_PER_SECOND,
      }
    : { kind: "local-outbox" };
  const sms: SmsConfig =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? {
          kind: "twilio",
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM,
          baseUrl: config.TWILIO_BASE_URL,
          ratePerSecond: config.TWILIO_RATE_LIMIT_PER_SECOND,
        }
      : { kind: "local-outbox" };
  return { email, sms, webhookSecret: config.RESEND_WEBHOOK_SECRET ?? null };
}

/** Channels whose messages stay in the local outbox (shown on /messages) instead of reaching a provider. */
export function localOutboxChannels(config: DeliveryConfig): ("email" | "sms")[] {
  return (["email", "sms"] as const).filter((channel) => config[channel].kind === "local-outbox");
}
