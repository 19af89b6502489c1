import type { DeliveryResult, ProviderAnswer, SmsProvider } from "./providers";
import { parseRateLimitHeaders } from "./rate-limiter";

// SMS through an HTTP provider with Twilio's REST shape: POST …/Accounts/{SID}/Messages.json, form-encoded
// To/From/Body, basic auth, and the message's idempotency key in I-Twilio-Idempotency-Token so a re-send after a
// crash is recognised. One message per request, so the worker's limiter spaces every request.

export type TwilioConfig = { accountSid: string; authToken: string; from: string; baseUrl: string };

export function twilioSmsProvider(config: TwilioConfig, fetchImpl: typeof fetch = fetch): SmsProvider {
  const url = `${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    name: "twilio",
    channel: "sms",
    maxBatchSize: 1,

    async sendBatch(messages): Promise<ProviderAnswer> {
      const message = messages[0];
      if (!message) return { results: [], rateLimit: null };
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers: {
            Authorization: authorization,
            "Content-Type": "application/x-www-form-urlencoded",
            "I-Twilio-Idempotency-Token": message.idempotencyKey,
          },
          body: new URLSearchParams({ To: message.toAddress ?? "", From: config.from, Body: message.bodyText }),
        });
      } catch (error) {
        return { results: [{ ok: false, error: `no answer: ${String(error)}`, retryable: true }], rateLimit: null };
      }
      const rateLimit = parseRateLimitHeaders(response.headers);
      const body = (await response.json().catch(() => null)) as { sid?: string; code?: number; message?: string } | null;
      return { results: [resultOf(response.status, body, rateLimit?.retryAfterMs ?? null)], rateLimit };
    },
  };
}

function resultOf(status: number, body: { sid?: string; code?: number; message?: string } | null, retryAfterMs: number | null): DeliveryResult {
  if (status >= 200 && status < 300 && body?.sid) return { ok: true, providerMessageId: body.sid };
  const text = `${status}${body?.code ? ` ${body.code}` : ""}: ${body?.message ?? "no message"}`;
  if (status === 429) return { ok: false, error: text, retryable: true, rateLimited: { retryAfterMs: retryAfterMs ?? 1000 } };
  // 400: an invalid or unreachable number, an opted-out recipient — the same request will be refused again.
  if (status === 400 || status === 404 || status === 422) return { ok: false, error: text, retryable: false };
  return { ok: false, error: text, retryable: true };
}
