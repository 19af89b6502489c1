import { describe, expect, it } from "vitest";
import { assertAuthSecret, authSecret } from "./secret";

describe("session secret", () => {
  it("stops a production start without AUTH_SECRET, saying what to set", () => {
    expect(() => assertAuthSecret({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is not set.*openssl rand/s);
    expect(() => assertAuthSecret({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) })).not.toThrow();
    expect(authSecret({ NODE_ENV: "production" })).toBeUndefined();
  });

  it("lets development run without one", () => {
    expect(() => assertAuthSecret({ NODE_ENV: "development" })).not.toThrow();
    expect(authSecret({ NODE_ENV: "development" })).toMatch(/development/);
    expect(authSecret({ NODE_ENV: "development", AUTH_SECRET: "mine" })).toBe("mine");
  });
});
