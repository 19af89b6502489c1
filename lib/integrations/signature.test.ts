import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, signPayload, verifySignature } from "./signature";

const secret = "whsec_test-secret-0123456789abcdefghijklmnopqrstuv";
const body = JSON.stringify({ eventId: "evt_1", orderNumber: "OL-100001", type: "delivered", occurredAt: "2026-05-04T09:15:00Z" });
const t = 1_777_885_000;
const now = new Date(t * 1000);

describe("signPayload", () => {
  it("is the hex HMAC-SHA256 of '<t>.<body>' keyed by the whole secret", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signPayload(secret, body, t)).toBe(expected);
    expect(signPayload(secret, Buffer.from(body, "utf8"), t)).toBe(expected);
  });
});

describe("verifySignature", () => {
  it("accepts a fresh signature, in either letter case, and with a clock skew inside five minutes", () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(header, secret, body, now)).toBeNull();
    expect(verifySignature(header.toUpperCase().replace("T=", "t=").replace("V1=", "v1="), secret, body, now)).toBeNull();
    expect(verifySignature(` t=${t} , v1=${signPayload(secret, body, t)} `, secret, body, now)).toBeNull();
    expect(verifySignature(header, secret, body, new Date((t + 299) * 1000))).toBeNull();
    expect(verifySignature(header, secret, body, new Date((t - 299) * 1000))).toBeNull();
  });

  it("accepts any of several v1 values (secret rotation) and ignores unknown schemes", () => {
    const old = signPayload("whsec_old", body, t);
    const good = signPayload(secret, body, t);
    expect(verifySignature(`t=${t},v1=${old},v1=${good}`, secret, body, now)).toBeNull();
    expect(verifySignature(`t=${t},v0=abc,v1=${good},v2=zzz`, secret, body, now)).toBeNull();
    expect(verifySignature(`t=${t},v1=nothex,v1=${good}`, secret, body, now)).toBeNull();
  });

  it("refuses a missing or malformed header", () => {
    const v1 = signPayload(secret, body, t);
    expect(verifySignature(null, secret, body, now)).toMatch(/missing/);
    expect(verifySignature("", secret, body, now)).toMatch(/missing/);
    for (const header of [`v1=${v1}`, `t=${t}`, `t=${t},v1=short`, `t=soon,v1=${v1}`, `t=${t},t=${t},v1=${v1}`, `t=${t};v1=${v1}`, "garbage"]) {
      expect(verifySignature(header, secret, body, now), header).toMatch(/must look like/);
    }
  });

  it("refuses a stale or future timestamp even when the signature matches", () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(header, secret, body, new Date((t + 301) * 1000))).toMatch(/more than 5 minutes/);
    expect(verifySignature(header, secret, body, new Date((t - 301) * 1000))).toMatch(/more than 5 minutes/);
  });

  it("refuses another secret, another body, another timestamp and a re-signed timestamp", () => {
    expect(verifySignature(signatureHeader("whsec_other", body, t), secret, body, now)).toMatch(/No v1 signature matches/);
    expect(verifySignature(signatureHeader(secret, body, t), secret, `${body} `, now)).toMatch(/No v1 signature matches/);
    // Moving t without re-signing breaks the signature, so a replay cannot be freshened.
    expect(verifySignature(`t=${t + 60},v1=${signPayload(secret, body, t)}`, secret, body, now)).toMatch(/No v1 signature matches/);
  });

  it("checks the exact bytes: a byte-order mark or re-encoded text does not verify", () => {
    const bytes = Buffer.from(body, "utf8");
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    expect(verifySignature(signatureHeader(secret, withBom, t), secret, withBom, now)).toBeNull();
    expect(verifySignature(signatureHeader(secret, withBom, t), secret, bytes, now)).toMatch(/No v1 signature matches/);
  });
});
