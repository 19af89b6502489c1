import { describe, expect, it } from "vitest";
import { testConfig as config } from "@/lib/config/test-config";
import { authSecret } from "./secret";

// Production refusing to start without a good secret: lib/config/production-checks.test.ts.
describe("session secret", () => {
  it("has no fallback in production", () => {
    expect(authSecret(config({ NODE_ENV: "production" }))).toBeUndefined();
    expect(authSecret(config({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }))).toBe("x".repeat(40));
  });

  it("lets development run without one", () => {
    expect(authSecret(config({ NODE_ENV: "development" }))).toMatch(/development/);
    expect(authSecret(config({}))).toMatch(/development/);
    expect(authSecret(config({ NODE_ENV: "development", AUTH_SECRET: "mine" }))).toBe("mine");
  });
});
