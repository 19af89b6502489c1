import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { badPathReason } from "./bad-path";
import { foreignRequestReason } from "./request-origin";

// The cross-site rule shared by proxy.ts (server actions) and the session routes, and the paths proxy.ts refuses.
// The HTTP answers themselves are in e2e/hostile-requests.spec.ts and lib/security/hostile-shapes.test.ts.

const check = (headers: Record<string, string>, trustForwardedHost = false) => foreignRequestReason(new Headers(headers), { trustForwardedHost });

describe("foreignRequestReason", () => {
  it("lets the site's own requests through: same Origin and Host, or no Origin at all", () => {
    expect(check({ host: "orders.example.com", origin: "https://orders.example.com", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(check({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).toBeNull();
    // A typed URL or a bookmark (no Origin on a GET), or a program holding its own cookie.
    expect(check({ host: "orders.example.com", "sec-fetch-site": "none" })).toBeNull();
    expect(check({ host: "orders.example.com" })).toBeNull();
  });

  it("refuses another site, a sibling subdomain, an opaque or malformed Origin", () => {
    expect(check({ host: "orders.example.com", origin: "https://evil.example" })).toBe("the Origin is not this site");
    expect(check({ host: "orders.example.com", origin: "https://orders.example.com:8443" })).toBe("the Origin is not this site");
    expect(check({ host: "orders.example.com", origin: "null" })).toBe("the Origin is not a site");
    expect(check({ host: "orders.example.com", origin: "not a url" })).toBe("the Origin is not a site");
    expect(check({ host: "orders.example.com", "sec-fetch-site": "cross-site" })).toBe("Sec-Fetch-Site is cross-site");
    expect(check({ host: "orders.example.com", origin: "https://orders.example.com", "sec-fetch-site": "same-site" })).toBe("Sec-Fetch-Site is same-site");
    expect(check({ origin: "https://orders.example.com" })).toBe("the Origin is not this site");
  });

  it("believes X-Forwarded-Host only from trusted proxies, and then compares with it as Next.js does", () => {
    const behindProxy = { host: "app-1:3000", "x-forwarded-host": "orders.example.com, app-1", origin: "https://orders.example.com" };
    expect(check(behindProxy, true)).toBeNull();
    expect(check(behindProxy, false)).toBe("X-Forwarded-Host is not this site and no proxy is trusted");
    // Without a trusted proxy the client wrote it: it can narrow what passes, never widen it.
    expect(check({ host: "orders.example.com", "x-forwarded-host": "evil.example", origin: "https://evil.example" })).toBe("X-Forwarded-Host is not this site and no proxy is trusted");
    expect(check({ host: "orders.example.com", "x-forwarded-host": "evil.example", origin: "https://orders.example.com" })).toBe("the Origin is not this site");
    expect(check({ host: "orders.example.com", "x-forwarded-host": "orders.example.com", origin: "https://orders.example.com" })).toBeNull();
  });
});

describe("badPathReason", () => {
  it("takes every path the app links to", () => {
    for (const path of ["/", "/orders/OL-100001", "/orders/ol-100001/audit", "/track/Abc_123-xyz", "/kpis/first_response", "/orders?q=%00", "/api/orders/3f1c9a2e-0000-4000-8000-000000000000/viewers", "/orders/%F0%9F%98%80", "/orders/a%2Fb"]) {
      expect(badPathReason(path.split("?")[0]!), path).toBeNull();
    }
  });

  it("refuses NUL and other control characters in any segment, and percent-encoding that does not decode", () => {
    expect(badPathReason("/orders/%00")).toBe("a control character");
    expect(badPathReason("/orders/%00/audit")).toBe("a control character");
    expect(badPathReason("/track/abc%0Adef")).toBe("a control character");
    expect(badPathReason("/orders/%7f")).toBe("a control character");
    for (const path of ["/orders/%ff", "/orders/%C0%AF", "/orders/%", "/orders/%ZZ", "/escalations/%E0%A4"]) expect(badPathReason(path), path).toBe("malformed percent-encoding");
  });

  it("finds a NUL wherever it sits in a segment", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (segments, which, at) => {
        const i = which % segments.length;
        const segment = segments[i]!;
        const cut = at % (segment.length + 1);
        segments[i] = `${segment.slice(0, cut)}\u0000${segment.slice(cut)}`;
        const path = `/${segments.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "x"))).join("/")}`;
        expect(badPathReason(path)).toBe("a control character");
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});
