import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/app-config";
import { testConfig } from "@/lib/config/test-config";
import { clientAddress, normalizeAddress, requestClientAddress, SOCKET_ADDRESS_HEADER, trustedProxyHops } from "./client-address";

// The proxy-hop rule: what a client writes into X-Forwarded-For never decides its address.

const at = (trustedHops: number, forwardedFor: string | null, socketAddress: string | null = "192.0.2.10") => clientAddress({ forwardedFor, socketAddress, trustedHops });

describe("clientAddress with no trusted proxy (the default)", () => {
  it("is the socket address, whatever X-Forwarded-For says", () => {
    expect(at(0, null)).toBe("192.0.2.10");
    expect(at(0, "203.0.113.7")).toBe("192.0.2.10");
    expect(at(0, "203.0.113.7, 198.51.100.1")).toBe("192.0.2.10");
    expect(at(0, "203.0.113.7", "::ffff:192.0.2.11")).toBe("192.0.2.11");
  });

  it("gives a client rotating its X-Forwarded-For one and the same address", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, i) => at(0, `198.51.100.${i}, 10.0.0.${i}`)));
    expect([...seen]).toEqual(["192.0.2.10"]);
  });

  it("is unknown when the socket address is", () => {
    expect(at(0, "203.0.113.7", null)).toBeNull();
  });
});

describe("clientAddress behind trusted proxies", () => {
  it("with one hop is the entry the proxy appended (the right-most), not what the client sent before it", () => {
    // The client sent "6.6.6.6"; nginx appended the address it saw.
    expect(at(1, "6.6.6.6, 203.0.113.7", "127.0.0.1")).toBe("203.0.113.7");
    expect(at(1, "203.0.113.7", "127.0.0.1")).toBe("203.0.113.7");
    const rotated = new Set(Array.from({ length: 50 }, (_, i) => at(1, `198.51.100.${i}, 10.1.${i}.1, 203.0.113.7`, "127.0.0.1")));
    expect([...rotated]).toEqual(["203.0.113.7"]);
  });

  it("with two hops is the second entry from the right", () => {
    // client → CDN (appends client) → nginx (appends CDN) → app
    expect(at(2, "6.6.6.6, 203.0.113.7, 198.51.100.20", "127.0.0.1")).toBe("203.0.113.7");
  });

  it("with fewer entries than hops takes the left-most (all were appended by our proxies), and with none the socket", () => {
    expect(at(2, "203.0.113.7", "127.0.0.1")).toBe("203.0.113.7");
    expect(at(1, null, "198.51.100.9")).toBe("198.51.100.9");
    expect(at(1, " , ", "198.51.100.9")).toBe("198.51.100.9");
  });

  it("is unknown when the chosen entry is not an address (a client's junk never becomes a key)", () => {
    expect(at(1, "203.0.113.7, <script>", "127.0.0.1")).toBeNull();
    expect(at(1, "1".repeat(200), "127.0.0.1")).toBeNull();
    expect(at(1, "unknown", "127.0.0.1")).toBeNull();
  });
});

describe("normalizeAddress", () => {
  it("accepts IPv4 and IPv6, strips ports and brackets, lower-cases, unmaps IPv4-mapped IPv6", () => {
    expect(normalizeAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.7:5000")).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeAddress("203.0.113.300")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
});

describe("trustedProxyHops", () => {
  it("defaults to 0 and refuses anything but a small whole number", () => {
    expect(trustedProxyHops(testConfig({}))).toBe(0);
    expect(trustedProxyHops(testConfig({ TRUSTED_PROXY_HOPS: "" }))).toBe(0);
    expect(trustedProxyHops(testConfig({ TRUSTED_PROXY_HOPS: "2" }))).toBe(2);
    for (const bad of ["-1", "1.5", "yes", "11"]) {
      const parsed = parseConfig({ TRUSTED_PROXY_HOPS: bad });
      expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS must be a whole number, from 0 to 10/)]);
    }
  });
});

describe("requestClientAddress", () => {
  const marker = Symbol.for("orderline.socket-address-header");
  const holder = globalThis as Record<symbol, unknown>;
  afterEach(() => {
    delete holder[marker];
  });
  const headers = (values: Record<string, string>) => new Headers(values);

  it("trusts the socket-address header only in a process that server.mjs started", () => {
    const forged = headers({ [SOCKET_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "198.51.100.1" });
    expect(requestClientAddress(forged, 0)).toBeNull();
    holder[marker] = true;
    expect(requestClientAddress(forged, 0)).toBe("203.0.113.66");
    expect(requestClientAddress(forged, 1)).toBe("198.51.100.1");
  });
});
