import type { Message } from "@/db/schema";

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
export const DEFAULT_EMAIL_FROM = "Orderline <orders@orderline.test>";

// Resend's default limit is a few requests per second per team; 2 stays under it with room for the app's own calls.
const DEFAULT_RESEND_RATE = 2;
const DEFAULT_TWILIO_RATE = 10;

export type EmailConfig =
  | { kind: "resend"; apiKey: string; baseUrl: string | null; from: string; ratePerSecond: number }
  | { kind: "local-outbox" };

export type SmsConfig =
  | { kind: "twilio"; accountSid: string; authToken: string; from: string; baseUrl: string; ratePerSecond: number }
  | { kind: "local-outbox" };

export type DeliveryConfig = { email: EmailConfig; sms: SmsConfig; webhookSecret: string | null };

function rate(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  // "0" or "off" switches the limiter off (the bench's fake provider answers at once).
  if (value.trim() === "off" || n === 0) return Number.POSITIVE_INFINITY;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Which providers deliver, from the environment. No keys: both channels go to the local outbox. */
export function deliveryConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const email: EmailConfig = env.RESEND_API_KEY
    ? {
        kind: "resend",
        apiKey: env.RESEND_API_KEY,
        baseUrl: env.RESEND_BASE_URL || null,
        from: env.EMAIL_FROM || DEFAULT_EMAIL_FROM,
        ratePerSecond: rate(env.RESEND_RATE_LIMIT_PER_SECOND, DEFAULT_RESEND_RATE),
      }
    : { kind: "local-outbox" };
  const sms: SmsConfig =
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
      ? {
          kind: "twilio",
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          from: env.TWILIO_FROM,
          baseUrl: env.TWILIO_BASE_URL || "https://api.twilio.com",
          ratePerSecond: rate(env.TWILIO_RATE_LIMIT_PER_SECOND, DEFAULT_TWILIO_RATE),
        }
      : { kind: "local-outbox" };
  return { email, sms, webhookSecret: env.RESEND_WEBHOOK_SECRET || null };
}

/** Channels whose messages stay in the local outbox (shown on /messages) instead of reaching a provider. */
export function localOutboxChannels(config: DeliveryConfig): ("email" | "sms")[] {
  return (["email", "sms"] as const).filter((channel) => config[channel].kind === "local-outbox");
}
