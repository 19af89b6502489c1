import { createHash, randomUUID } from "node:crypto";
import { answer, listen } from "./http-server";

// A local stand-in for Resend's API, for tests and the bench: the real SDK talks to it over HTTP (baseUrl).
// POST /emails and POST /emails/batch, Idempotency-Key honoured as Resend documents it (same key and body → the
// same answer, nothing sent again; same key, other body → 409), permissive batch validation, rate-limit headers,
// and answers that can be scripted (429, 500, 422…) for the next calls. `delivered` is what "reached inboxes":
// each accepted email once, however often its request was replayed.

export type ScriptedAnswer =
  | { status: 429; retryAfterSeconds?: number; name?: "rate_limit_exceeded" | "daily_quota_exceeded" }
  | { status: 400 | 401 | 403 | 409 | 422 | 500 | 502 | 503; message?: string; name?: string };

export type FakeEmail = {
  id: string;
  to: string;
  subject: string;
  /** Our message id, from the message_id tag. */
  messageId: string | null;
  idempotencyKey: string | null;
  endpoint: "emails" | "batch";
  text?: string;
  html?: string;
  attachments?: { filename: string; content: string }[];
};

export type FakeRequest = { path: string; idempotencyKey: string | null; status: number; emails: number; replay: boolean; at: number };

export type FakeResend = {
  url: string;
  delivered: FakeEmail[];
  requests: FakeRequest[];
  /** The next calls answer these, in order, instead of sending. */
  failNext(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
};

type Options = {
  /** Enforce a per-second request limit with 429s (off by default: the fake answers at once). */
  rateLimitPerSecond?: number;
  /** Keep text, HTML and attachments in `delivered` (off for the bench's 100,000 emails). */
  keepBodies?: boolean;
  /** Accept a send at once but answer this much later: the window in which a crashed sender never hears back. */
  answerDelayMs?: number;
};

type ApiEmail = { to?: string | string[]; subject?: string; text?: string; html?: string; tags?: { name: string; value: string }[]; attachments?: { filename: string; content: string }[] };

const validAddress = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

export async function startFakeResend(options: Options = {}): Promise<FakeResend> {
  const delivered: FakeEmail[] = [];
  const requests: FakeRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const replays = new Map<string, { hash: string; status: number; body: unknown }>();
  let windowStart = 0;
  let windowCount = 0;

  const server = await listen((request, raw, response) => {
    const path = (request.url ?? "").split("?")[0]!;
    const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
    const now = Date.now();
    const limit = options.rateLimitPerSecond ?? 1000;
    if (now - windowStart >= 1000) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount += 1;
    const resetSeconds = String(Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000)));
    const headers = { "ratelimit-limit": String(limit), "ratelimit-remaining": String(Math.max(0, limit - windowCount)), "ratelimit-reset": resetSeconds };
    const log = (status: number, emails: number, replay = false) => requests.push({ path, idempotencyKey: key, status, emails, replay, at: now });

    if (request.method !== "POST" || (path !== "/emails" && path !== "/emails/batch")) {
      log(404, 0);
      return answer(response, 404, { statusCode: 404, name: "not_found", message: "Not found" });
    }
    if (!request.headers.authorization?.startsWith("Bearer re_")) {
      log(401, 0);
      return answer(response, 401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header" });
    }
    const scripted = script.shift();
    if (scripted) {
      log(scripted.status, 0);
      if (scripted.status === 429) {
        const retryAfter = String(scripted.retryAfterSeconds ?? 1);
        return answer(response, 429, { statusCode: 429, name: scripted.name ?? "rate_limit_exceeded", message: "Too many requests" }, { ...headers, "ratelimit-remaining": "0", "retry-after": retryAfter });
      }
      return answer(response, scripted.status, { statusCode: scripted.status, name: scripted.name ?? (scripted.status >= 500 ? "internal_server_error" : "validation_error"), message: scripted.message ?? "Scripted failure" }, headers);
    }
    if (options.rateLimitPerSecond && windowCount > options.rateLimitPerSecond) {
      log(429, 0);
      return answer(response, 429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, { ...headers, "retry-after": resetSeconds });
    }

    const hash = createHash("sha256").update(raw).digest("hex");
    const replayKey = key ? `${path} ${key}` : null;
    const earlier = replayKey ? replays.get(replayKey) : undefined;
    if (earlier) {
      if (earlier.hash !== hash) {
        log(409, 0);
        return answer(response, 409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request body" }, headers);
      }
      log(earlier.status, 0, true);
      return answer(response, earlier.status, earlier.body, headers);
    }

    let status = 200;
    let body: unknown;
    let accepted = 0;
    const parsed = JSON.parse(raw) as ApiEmail | ApiEmail[];
    if (path === "/emails") {
      const email = parsed as ApiEmail;
      if (!validAddress.test(firstTo(email))) {
        status = 422;
        body = { statusCode: 422, name: "validation_error", message: `Invalid \`to\` field: ${firstTo(email)}` };
      } else {
        body = { id: accept(email, "emails") };
        accepted = 1;
      }
    } else {
      const emails = parsed as ApiEmail[];
      const permissive = request.headers["x-batch-validation"] === "permissive";
      const errors = emails.flatMap((e, index) => (validAddress.test(firstTo(e)) ? [] : [{ index, message: `Invalid \`to\` field: ${firstTo(e)}` }]));
      if (emails.length > 100) {
        status = 422;
        body = { statusCode: 422, name: "validation_error", message: "Too many emails: at most 100 per batch" };
      } else if (errors.length > 0 && !permissive) {
        status = 422;
        body = { statusCode: 422, name: "validation_error", message: errors[0]!.message };
      } else {
        const bad = new Set(errors.map((e) => e.index));
        const data = emails.flatMap((e, i) => (bad.has(i) ? [] : [{ id: accept(e, "batch") }]));
        accepted = data.length;
        body = permissive ? { data, errors } : { data };
      }
    }
    // Resend keeps a key only for a request it processed.
    if (replayKey && status === 200) replays.set(replayKey, { hash, status, body });
    log(status, accepted);
    if (options.answerDelayMs) setTimeout(() => answer(response, status, body, headers), options.answerDelayMs);
    else answer(response, status, body, headers);

    function accept(email: ApiEmail, endpoint: FakeEmail["endpoint"]): string {
      const id = randomUUID();
      delivered.push({
        id,
        to: firstTo(email),
        subject: email.subject ?? "",
        messageId: email.tags?.find((t) => t.name === "message_id")?.value ?? null,
        idempotencyKey: key,
        endpoint,
        ...(options.keepBodies === false ? {} : { text: email.text, html: email.html, attachments: email.attachments }),
      });
      return id;
    }
  });

  return {
    url: server.url,
    delivered,
    requests,
    failNext: (...answers) => void script.push(...answers),
    close: server.close,
  };
}

function firstTo(email: ApiEmail): string {
  return Array.isArray(email.to) ? (email.to[0] ?? "") : (email.to ?? "");
}
