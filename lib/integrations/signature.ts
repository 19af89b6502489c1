import { createHmac, timingSafeEqual } from "node:crypto";

// Signed carrier requests (POST /api/v1/tracking-events). The scheme follows Stripe's webhook signatures, which
// carrier platforms already know: `Orderline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over "<t>.<raw
// body>", keyed by the signing secret exactly as shown (with its whsec_ prefix) as UTF-8. The timestamp inside
// the signed text stops a captured request from being replayed after the tolerance; several v1 values let a
// sender sign with an old and a new secret while it rotates.

export const SIGNATURE_HEADER = "Orderline-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Hex HMAC-SHA256 of "<t>.<body>" under the secret. The body is the exact bytes sent (a string as UTF-8). */
export function signPayload(secret: string, body: string | Uint8Array, t: number): string {
  return createHmac("sha256", secret).update(`${t}.`, "utf8").update(body).digest("hex");
}

/** The header value a sender puts on a request: for clients, tests and the API reference's example. */
export function signatureHeader(secret: string, body: string | Uint8Array, t: number): string {
  return `t=${t},v1=${signPayload(secret, body, t)}`;
}

/** Why the header does not sign this body under this secret at `now`, or null when it does. */
export function verifySignature(header: string | null | undefined, secret: string, body: string | Uint8Array, now: Date): string | null {
  if (!header?.trim()) return `The ${SIGNATURE_HEADER} header is missing.`;
  const parsed = parseHeader(header);
  if (!parsed) return `The ${SIGNATURE_HEADER} header must look like t=<unix seconds>,v1=<hex HMAC-SHA256>.`;

  // Both ways: a timestamp far in the future is as unverifiable as an old one.
  if (Math.abs(now.getTime() / 1000 - parsed.t) > SIGNATURE_TOLERANCE_SECONDS) {
    return `The signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes from the server's time; sign each request when sending it.`;
  }
  const expected = Buffer.from(signPayload(secret, body, parsed.t), "hex");
  // Compare every candidate even after a match, so the time taken says nothing about which one matched.
  let matched = false;
  for (const candidate of parsed.v1) {
    if (timingSafeEqual(Buffer.from(candidate, "hex"), expected)) matched = true;
  }
  return matched ? null : "No v1 signature matches the body under this key's signing secret.";
}

function parseHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return null;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "t") {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (name === "v1") {
      // A malformed v1 cannot match; skipping it (instead of refusing the header) lets a good one beside it count.
      if (HEX_SHA256.test(value.toLowerCase())) v1.push(value.toLowerCase());
    }
    // Other schemes (a future v2) are ignored, so senders can add them before the server checks them.
  }
  return t !== null && v1.length > 0 ? { t, v1 } : null;
}
