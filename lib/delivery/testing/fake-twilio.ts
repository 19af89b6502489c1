import { randomBytes } from "node:crypto";
import { answer, listen } from "./http-server";

// A local stand-in for Twilio's Messages API: POST /2010-04-01/Accounts/{SID}/Messages.json with basic auth and a
// form body; I-Twilio-Idempotency-Token makes a repeated request answer the first message again. Scriptable.

export type FakeSms = { sid: string; to: string; from: string; body: string; idempotencyToken: string | null };
export type TwilioScripted = { status: 429; retryAfterSeconds?: number } | { status: 400 | 401 | 500 | 503; code?: number; message?: string };

export type FakeTwilio = {
  url: string;
  delivered: FakeSms[];
  /** Every request as answered; `at` is when it arrived (performance.now()), to measure the rate. */
  requests: { status: number; idempotencyToken: string | null; replay: boolean; at: number }[];
  failNext(...answers: TwilioScripted[]): void;
  close(): Promise<void>;
};

const e164 = /^\+[1-9]\d{6,14}$/;

export async function startFakeTwilio({ accountSid, authToken }: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const delivered: FakeSms[] = [];
  const requests: FakeTwilio["requests"] = [];
  const script: TwilioScripted[] = [];
  const byToken = new Map<string, FakeSms>();
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

  const server = await listen((request, raw, response) => {
    const token = (request.headers["i-twilio-idempotency-token"] as string | undefined) ?? null;
    const arrivedAt = performance.now();
    const log = (status: number, replay = false) => requests.push({ status, idempotencyToken: token, replay, at: arrivedAt });
    if (request.method !== "POST" || request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      log(404);
      return answer(response, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
    }
    if (request.headers.authorization !== expectedAuth) {
      log(401);
      return answer(response, 401, { code: 20003, message: "Authentication Error - invalid username", status: 401 });
    }
    const scripted = script.shift();
    if (scripted) {
      log(scripted.status);
      if (scripted.status === 429) return answer(response, 429, { code: 20429, message: "Too Many Requests", status: 429 }, { "Retry-After": String(scripted.retryAfterSeconds ?? 1) });
      return answer(response, scripted.status, { code: scripted.code ?? 20500, message: scripted.message ?? "Scripted failure", status: scripted.status });
    }
    const earlier = token ? byToken.get(token) : undefined;
    if (earlier) {
      log(201, true);
      return answer(response, 201, { sid: earlier.sid, status: "queued", to: earlier.to, from: earlier.from, body: earlier.body });
    }
    const form = new URLSearchParams(raw);
    const to = form.get("To") ?? "";
    if (!e164.test(to)) {
      log(400);
      return answer(response, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
    }
    const sms: FakeSms = { sid: `SM${randomBytes(16).toString("hex")}`, to, from: form.get("From") ?? "", body: form.get("Body") ?? "", idempotencyToken: token };
    delivered.push(sms);
    if (token) byToken.set(token, sms);
    log(201);
    answer(response, 201, { sid: sms.sid, status: "queued", to: sms.to, from: sms.from, body: sms.body });
  });

  return { url: server.url, delivered, requests, failNext: (...answers) => void script.push(...answers), close: server.close };
}
