import type { Db } from "@/db/client";
import type { TrackingEventAnswer } from "./api-answers";
import { CARRIER_EVENTS_REFUSED, mayPostCarrierEvents } from "./api-key-schema";
import { findSigningKey, markApiKeyUsed } from "./api-keys";
import type { IntakeResponse } from "./intake";
import { intakeIssues, unstorableTextIssues } from "./order-intake-schema";
import { verifySignature } from "./signature";
import { trackingEventSchema } from "./tracking-event-schema";
import { applyTrackingEvent } from "./tracking-events";
import { log } from "@/lib/log";
import { inputShapeProblem, statusOfShapeProblem } from "@/lib/security/input-shape";

// POST /api/v1/tracking-events without the HTTP plumbing, so tests can call it with a real database. The route
// hands it the two headers and the raw body bytes (the signature covers those exact bytes).

// One scan is a few hundred bytes; this leaves room for long descriptions and refuses uploads early.
export const MAX_TRACKING_BODY_BYTES = 64 * 1024;

export const TRACKING_FAILED_MESSAGE = "Could not record the tracking event; nothing was saved.";

const KEY_REQUIRED = "A valid API key is required: send Authorization: Bearer <key>.";

export async function handleTrackingEvent(
  db: Db,
  {
    authorization,
    signature,
    body,
    now = new Date(),
  }: { authorization: string | null | undefined; signature: string | null | undefined; body: Uint8Array | string; now?: Date },
): Promise<IntakeResponse> {
  try {
    const key = await findSigningKey(db, authorization);
    if (!key) return { status: 401, json: { error: KEY_REQUIRED } };
    if (!key.signingSecret) {
      return { status: 401, json: { error: "This API key has no signing secret (it predates tracking events). Create a new key in Settings and use its secret." } };
    }
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    if (bytes.byteLength > MAX_TRACKING_BODY_BYTES) return { status: 413, json: { error: "Body is too large" } };
    const problem = verifySignature(signature, key.signingSecret, bytes, now);
    if (problem) return { status: 401, json: { error: problem } };
    // Revoked between the lookup and now: refused like any revoked key.
    if (!(await markApiKeyUsed(db, key.id))) return { status: 401, json: { error: KEY_REQUIRED } };
    // Authenticated (key and signature), then authorised: a shop's key may not move orders, whatever the body says.
    if (!mayPostCarrierEvents(key.purpose)) return { status: 403, json: { error: CARRIER_EVENTS_REFUSED } };

    let text: string;
    let raw: unknown;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      raw = JSON.parse(text);
    } catch {
      return { status: 400, json: { error: "Body must be JSON" } };
    }
    // Before anything walks the parsed body: the NUL check and zod recurse, and a body thousands deep overflows them.
    const shape = inputShapeProblem(raw);
    if (shape) return { status: statusOfShapeProblem(shape), json: { error: shape.message } };
    const nul = unstorableTextIssues(raw);
    if (nul) return { status: 400, json: { error: "Invalid tracking event", issues: nul } };
    const parsed = trackingEventSchema.safeParse(raw);
    if (!parsed.success) return { status: 400, json: { error: "Invalid tracking event", issues: intakeIssues(parsed.error) } };

    const result = await applyTrackingEvent(db, { apiKeyId: key.id, carriers: key.carriers, event: parsed.data, payload: text });
    if (result.kind === "unmatched") return { status: 422, json: { error: result.error } };
    if (result.kind === "refused") return { status: 403, json: { error: result.error } };
    const answer: TrackingEventAnswer = { outcome: result.outcome, orderNumber: result.orderNumber, duplicate: result.duplicate, detail: result.detail };
    return { status: 200, json: answer };
  } catch (error) {
    // The receipt and everything the event causes commit in one transaction, so a failure here saved nothing.
    log.error("tracking event failed", { error });
    return { status: 500, json: { error: TRACKING_FAILED_MESSAGE } };
  }
}
