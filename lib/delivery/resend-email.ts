import { Resend, type CreateEmailOptions, type ErrorResponse } from "resend";
import { z } from "zod";
import type { DeliveryResult, EmailProvider, OutgoingMessage, ProviderAnswer, RateLimitInfo } from "./providers";
import { parseRateLimitHeaders } from "./rate-limiter";

// Email through Resend's SDK. Several messages go in one POST /emails/batch (up to 100) under the batch's
// idempotency key; one message, or one with attachments (the batch endpoint takes none), goes through POST /emails
// under the message's own key. Either key is stable across retries and crashes, so a re-send is deduplicated by
// Resend for 24 hours — longer than the whole retry schedule.

export const RESEND_MAX_BATCH = 100;

const attachmentsSchema = z.array(z.object({ filename: z.string().min(1), content: z.string().min(1) })).catch([]);

/** Attachments stored with the message (data.attachments: [{ filename, content: base64 }]). */
export function attachmentsOf(message: Pick<OutgoingMessage, "data">): { filename: string; content: string }[] {
  const raw = message.data?.attachments;
  return raw === undefined ? [] : attachmentsSchema.parse(raw);
}

function emailOf(message: OutgoingMessage, from: string): CreateEmailOptions {
  const attachments = attachmentsOf(message);
  return {
    from,
    to: message.toAddress ?? "",
    subject: message.subject ?? "",
    text: message.bodyText,
    ...(message.bodyHtml ? { html: message.bodyHtml } : {}),
    // Comes back in the delivery webhooks: ties an event to its message even before the provider id is recorded.
    tags: [{ name: "message_id", value: message.id }],
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** Whether a refused request is worth trying again, and how the log should say it. */
export function classifyResendError(error: ErrorResponse, rateLimit: RateLimitInfo | null): Extract<DeliveryResult, { ok: false }> {
  const status = error.statusCode ?? null;
  const text = `${status ?? "no answer"} ${error.name}: ${error.message}`;
  if (status === 429 || error.name === "rate_limit_exceeded" || error.name.endsWith("_quota_exceeded")) {
    // A daily or monthly quota will not free up in a second: wait an hour unless Resend says otherwise.
    const fallback = error.name.endsWith("_quota_exceeded") ? 3_600_000 : 1000;
    return { ok: false, error: text, retryable: true, rateLimited: { retryAfterMs: rateLimit?.retryAfterMs ?? rateLimit?.resetMs ?? fallback } };
  }
  // Malformed or refused content (invalid address, bad attachment) will be refused again: give up now.
  if (status === 400 || status === 422) return { ok: false, error: text, retryable: false };
  // Network failures, 5xx, a conflicting concurrent request, and also 401/403: a wrong or revoked key is fixed by
  // an administrator, and the queued messages should go out then rather than fail on the spot.
  return { ok: false, error: text, retryable: true };
}

export function resendEmailProvider(config: { apiKey: string; baseUrl?: string | null; from: string }): EmailProvider {
  const client = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  return {
    name: "resend",
    channel: "email",
    maxBatchSize: RESEND_MAX_BATCH,

    async sendBatch(messages, batchIdempotencyKey): Promise<ProviderAnswer> {
      if (messages.length === 0) return { results: [], rateLimit: null };
      if (messages.length === 1) {
        const message = messages[0]!;
        const { data, error, headers } = await client.emails.send(emailOf(message, config.from), { idempotencyKey: message.idempotencyKey });
        const rateLimit = parseRateLimitHeaders(headers);
        if (error || !data) return { results: [classifyResendError(error ?? unknownError, rateLimit)], rateLimit };
        return { results: [{ ok: true, providerMessageId: data.id }], rateLimit };
      }
      // Permissive: one bad address is refused on its own instead of failing the other 99.
      const { data, error, headers } = await client.batch.send(
        messages.map((m) => emailOf(m, config.from)),
        { idempotencyKey: batchIdempotencyKey, batchValidation: "permissive" },
      );
      const rateLimit = parseRateLimitHeaders(headers);
      if (error || !data) {
        const failure = classifyResendError(error ?? unknownError, rateLimit);
        return { results: messages.map(() => failure), rateLimit };
      }
      return { results: batchResults(messages.length, data.data, data.errors ?? []), rateLimit };
    },
  };
}

const unknownError: ErrorResponse = { name: "application_error", statusCode: null, message: "Empty answer" };

/** `data` lists the accepted emails in order; `errors` names the refused ones by their index in the request. */
function batchResults(count: number, accepted: { id: string }[], errors: { index: number; message: string }[]): DeliveryResult[] {
  const refused = new Map(errors.map((e) => [e.index, e.message]));
  const ids = accepted.map((a) => a.id);
  const results: DeliveryResult[] = [];
  for (let i = 0; i < count; i++) {
    const reason = refused.get(i);
    if (reason !== undefined) {
      results.push({ ok: false, error: `422 validation_error: ${reason}`, retryable: false });
      continue;
    }
    const id = ids.shift();
    // Fewer ids than accepted messages would be a provider fault: try those again rather than guess.
    results.push(id ? { ok: true, providerMessageId: id } : { ok: false, error: "Resend answered without an id for this email", retryable: true });
  }
  return results;
}
