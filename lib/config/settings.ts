import { z } from "zod";
import { base64Key, flag, interval, intervalOrOff, oneOf, positive, ratePerSecond, secret, text, textOr, url, urlOr, whole } from "./setting-types";

// THE list of environment variables Orderline reads, with their types and defaults; README's "Environment variables"
// table describes the same list. To add a setting: one line here (in its group), its row in the README, then read it
// through appConfig() (lib/config/app-config.ts), never process.env. Wrap secrets in secret(): they are never printed.
// Framework signals that are not settings (NEXT_RUNTIME, NEXT_PHASE, VITEST) and the test tools' own variables
// (E2E_PORT, CHROMIUM_PATH) are not listed here.

export const settingsSchema = z.object({
  NODE_ENV: oneOf(["development", "production", "test"], "development"),

  // Database (db/client.ts).
  /** The app's login: a role that may read and write rows but owns nothing (npm run db:roles makes it). */
  DATABASE_URL: url(["postgres:", "postgresql:"], { maskPassword: true }),
  /**
   * The tables' owner, for migrations only (db/migrate.ts). Unset: migrations use DATABASE_URL, except in production,
   * where the app then only checks that the schema is up to date.
   */
  DATABASE_MIGRATION_URL: url(["postgres:", "postgresql:"], { maskPassword: true }),
  /** Unset: 10 per app process, 4 per `npm run worker`. */
  DATABASE_POOL_SIZE: whole({ fallback: undefined, min: 1, max: 1000 }),
  PGLITE_DIR: textOr(".data/pglite"),
  /** Production refuses the embedded database unless this says it is meant (one process, one machine). */
  ALLOW_EMBEDDED_DB: flag(false),

  // Sessions and the public address.
  /** Unset outside production: a fixed development secret (lib/auth/secret.ts). */
  AUTH_SECRET: secret(text()),
  /** Unset outside production: http://localhost:3000 (lib/app-url.ts). */
  APP_URL: url(["https:", "http:"]),
  /** A staff session without a request for this long is over (lib/auth/sessions.ts); the 12-hour cap holds anyway. */
  SESSION_IDLE_MINUTES: whole({ fallback: 30, min: 1, max: 720, unit: " of minutes" }),

  // The client's address (lib/security/client-address.ts): how many of the operator's reverse proxies stand in front,
  // each appending to X-Forwarded-For; 0: the socket address (server.mjs), the header ignored.
  TRUSTED_PROXY_HOPS: whole({ fallback: 0, min: 0, max: 10 }),

  // Several app instances (what production then requires: lib/config/production-checks.ts).
  /** Several `next start` processes behind one address: requires the two Next.js settings below. */
  MULTI_INSTANCE: flag(false),
  /** Next.js reads it at build time and at start; the same value on every instance. */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: secret(base64Key([16, 24, 32])),
  /** Next.js reads it at build time and at start: one id per build, the same on every instance. */
  NEXT_DEPLOYMENT_ID: text(),
  /** Names this process in /api/health and the logs; unset: hostname-pid-random (lib/instance-id.ts). */
  INSTANCE_ID: text(),

  // Demo data.
  /** Unset: on in development and tests, off in production (lib/config/app-config.ts seedDemoData). */
  SEED_DEMO_DATA: flag(undefined),

  // Files (lib/storage/storage-config.ts): an S3-compatible bucket when S3_BUCKET is set, else a local folder.
  UPLOAD_DIR: textOr(".data/uploads"),
  S3_BUCKET: text().refine((v) => v === undefined || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v), "must be a bucket name: 3–63 lower-case letters, digits, dots or hyphens"),
  /** Another S3-compatible service (MinIO, R2, Ceph, s3rver); unset for AWS itself. */
  S3_ENDPOINT: url(["https:", "http:"]),
  S3_REGION: textOr("us-east-1"),
  /** With S3_SECRET_ACCESS_KEY, or neither: the SDK's own chain (AWS_* variables, an instance role). */
  S3_ACCESS_KEY_ID: text(),
  S3_SECRET_ACCESS_KEY: secret(text()),
  /** The bucket in the path (http://host/bucket/key); most self-hosted stores want it. */
  S3_FORCE_PATH_STYLE: flag(false),

  // Email and SMS providers (lib/delivery/providers.ts).
  RESEND_API_KEY: secret(text()),
  RESEND_BASE_URL: url(["https:", "http:"]),
  EMAIL_FROM: textOr("Orderline <orders@orderline.test>"),
  RESEND_WEBHOOK_SECRET: secret(text()),
  RESEND_RATE_LIMIT_PER_SECOND: ratePerSecond(2),
  TWILIO_ACCOUNT_SID: text(),
  TWILIO_AUTH_TOKEN: secret(text()),
  TWILIO_FROM: text(),
  TWILIO_BASE_URL: urlOr(["https:", "http:"], "https://api.twilio.com"),
  TWILIO_RATE_LIMIT_PER_SECOND: ratePerSecond(10),

  // The worker's loops (in the app, or `npm run worker`).
  OUTBOX_WORKER: flag(true),
  OUTBOX_POLL_MS: interval({ fallback: 1000, min: 50 }),
  OUTBOX_LEASE_MS: interval({ fallback: 120_000, min: 1000 }),
  ESCALATION_SWEEP_MS: interval({ fallback: 60_000, min: 1000 }),
  KPI_REFRESH_MS: intervalOrOff({ fallback: 600_000, min: 10_000 }),
  RETENTION_CHECK_MS: intervalOrOff({ fallback: 3_600_000, min: 10_000 }),
  SHUTDOWN_TIMEOUT_MS: interval({ fallback: 8000, min: 0 }),

  // Logs and limits.
  LOG_LEVEL: oneOf(["debug", "info", "warn", "error"], "info"),
  /** Multiplies the tracking page's limits (the browser suite drives many customers from one address). */
  TRACKING_RATE_LIMIT_SCALE: positive({ fallback: 1, min: 1 }),
  /** Multiplies the per-address sign-in limit (the browser suite signs in from one address, counted across runs). */
  SIGN_IN_ADDRESS_LIMIT_SCALE: positive({ fallback: 1, min: 1 }),
});

/** Every setting, typed, with its default applied. */
export type AppConfig = z.output<typeof settingsSchema>;
export type SettingName = keyof AppConfig;
