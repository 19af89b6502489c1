import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { appConfig, ConfigError, describeConfig, parseConfig, seedDemoData } from "./app-config";
import { testConfig } from "./test-config";

const savedLogLevel = process.env.LOG_LEVEL;
afterEach(() => {
  if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = savedLogLevel;
});

describe("settings", () => {
  it("start with no environment at all: development defaults", () => {
    const config = testConfig({});
    expect(config).toMatchObject({
      NODE_ENV: "development",
      PGLITE_DIR: ".data/pglite",
      ALLOW_EMBEDDED_DB: false,
      MULTI_INSTANCE: false,
      UPLOAD_DIR: ".data/uploads",
      EMAIL_FROM: "Orderline <orders@orderline.test>",
      RESEND_RATE_LIMIT_PER_SECOND: 2,
      TWILIO_RATE_LIMIT_PER_SECOND: 10,
      OUTBOX_WORKER: true,
      OUTBOX_POLL_MS: 1000,
      KPI_REFRESH_MS: 600_000,
      LOG_LEVEL: "info",
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.AUTH_SECRET).toBeUndefined();
    expect(seedDemoData(config)).toBe(true);
  });

  it("reads typed values: numbers, flags, off, rates, and blank as unset", () => {
    const config = testConfig({
      OUTBOX_WORKER: "off",
      SEED_DEMO_DATA: "TRUE",
      OUTBOX_POLL_MS: "250",
      KPI_REFRESH_MS: "off",
      RESEND_RATE_LIMIT_PER_SECOND: "0",
      TWILIO_RATE_LIMIT_PER_SECOND: "2.5",
      DATABASE_POOL_SIZE: "20",
      APP_URL: "   ",
    });
    expect(config).toMatchObject({ OUTBOX_WORKER: false, SEED_DEMO_DATA: true, OUTBOX_POLL_MS: 250, KPI_REFRESH_MS: null, RESEND_RATE_LIMIT_PER_SECOND: Infinity, TWILIO_RATE_LIMIT_PER_SECOND: 2.5, DATABASE_POOL_SIZE: 20 });
    expect(config.APP_URL).toBeUndefined();
    expect(seedDemoData(testConfig({ NODE_ENV: "production" }))).toBe(false);
    expect(seedDemoData(testConfig({ NODE_ENV: "production", SEED_DEMO_DATA: "true" }))).toBe(true);
    expect(seedDemoData(testConfig({ SEED_DEMO_DATA: "false" }))).toBe(false);
  });

  it("lists every bad value at once, one sentence each, naming the variable", () => {
    const result = parseConfig({
      DATABASE_URL: "mysql://root:hunter2@db/orders",
      APP_URL: "orders.example.com",
      OUTBOX_POLL_MS: "soon",
      SEED_DEMO_DATA: "maybe",
      LOG_LEVEL: "loud",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not-a-key",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        "DATABASE_URL must start with postgres:// or postgresql:// (got mysql://)",
        'APP_URL must be an absolute URL such as https://host (got "orders.example.com")',
        "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of 16, 24 or 32 random bytes, e.g. the output of `openssl rand -base64 32`",
        'SEED_DEMO_DATA must be true or false (got "maybe")',
        'OUTBOX_POLL_MS must be a whole number of milliseconds, at least 50 (got "soon")',
        'LOG_LEVEL must be one of debug, info, warn, error (got "loud")',
      ],
    });
    // A refused value that may hold a secret is never repeated back.
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });

  it("describes the settings for the start-up log line with every secret masked", () => {
    const secrets = {
      AUTH_SECRET: "auth-secret-value-0123456789-abcdef",
      RESEND_API_KEY: "re_live_key_value",
      RESEND_WEBHOOK_SECRET: "whsec_value",
      TWILIO_AUTH_TOKEN: "twilio-token-value",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    };
    const config = testConfig({ ...secrets, DATABASE_URL: "postgres://orderline:db-password-value@db.internal:5432/orderline", KPI_REFRESH_MS: "off", RESEND_RATE_LIMIT_PER_SECOND: "off" });
    const described = describeConfig(config);
    expect(described).toMatchObject({
      AUTH_SECRET: "[redacted]",
      RESEND_API_KEY: "[redacted]",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "[redacted]",
      DATABASE_URL: "postgres://orderline:***@db.internal:5432/orderline",
      TWILIO_ACCOUNT_SID: null,
      KPI_REFRESH_MS: "off",
      RESEND_RATE_LIMIT_PER_SECOND: "off",
      OUTBOX_POLL_MS: 1000,
    });

    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line) }).info("configuration", { config: described });
    expect(lines).toHaveLength(1);
    for (const value of [...Object.values(secrets), "db-password-value"]) expect(lines[0]).not.toContain(value);
    expect(JSON.parse(lines[0]!).config.APP_URL).toBeNull();
  });

  it("appConfig follows process.env (tests change it) and throws every problem when a value is bad", () => {
    process.env.LOG_LEVEL = "warn";
    expect(appConfig().LOG_LEVEL).toBe("warn");
    process.env.LOG_LEVEL = "debug";
    expect(appConfig().LOG_LEVEL).toBe("debug");
    process.env.LOG_LEVEL = "chatty";
    expect(() => appConfig()).toThrow(ConfigError);
    try {
      appConfig();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['LOG_LEVEL must be one of debug, info, warn, error (got "chatty")']);
    }
  });
});
