import { describe, expect, it } from "vitest";
import { apiContentSecurityPolicy, contentSecurityPolicyFor, createNonce, pageContentSecurityPolicy, staticSecurityHeaders } from "./headers";

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(";").map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name!, values];
  }));
}

describe("security headers", () => {
  it("gives pages a nonce-based script policy with strict-dynamic and nothing inline or eval'd in production", () => {
    const policy = directives(pageContentSecurityPolicy("abc123==", { NODE_ENV: "production" }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy).toMatchObject({
      "default-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    expect(JSON.stringify(policy)).not.toMatch(/unsafe-eval|ws:/);
  });

  it("allows what next dev needs in development: eval for React's debugging, the hot-reload websocket", () => {
    const policy = directives(pageContentSecurityPolicy("n", { NODE_ENV: "development" }));
    expect(policy["script-src"]).toContain("'unsafe-eval'");
    expect(policy["connect-src"]).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("makes a fresh, unguessable nonce for every page and none for API answers", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);

    const page = contentSecurityPolicyFor("/orders/OL-100001", { NODE_ENV: "production" });
    expect(page.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(page.policy).toContain(`'nonce-${page.nonce}'`);
    expect(contentSecurityPolicyFor("/api/health")).toEqual({ policy: apiContentSecurityPolicy(), nonce: null });
    expect(contentSecurityPolicyFor("/apiary").nonce).not.toBeNull();
  });

  it("lets API answers load and run nothing, and never be framed", () => {
    const policy = directives(apiContentSecurityPolicy());
    expect(policy).toMatchObject({ "default-src": ["'none'"], "frame-ancestors": ["'none'"], "form-action": ["'none'"] });
    expect(policy["script-src"]).toBeUndefined();
  });

  it("sends nosniff, the referrer and permissions policies everywhere, HSTS in production only", () => {
    const production = staticSecurityHeaders({ NODE_ENV: "production" });
    expect(production).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      "X-Frame-Options": "DENY",
      "Strict-Transport-Security": "max-age=31536000",
    });
    expect(staticSecurityHeaders({ NODE_ENV: "development" })).not.toHaveProperty("Strict-Transport-Security");
    expect(staticSecurityHeaders({ NODE_ENV: "test" })).not.toHaveProperty("Strict-Transport-Security");
  });
});
