// The environment of the app server the browser suite runs against (playwright.config.ts), and of the extra
// servers a spec starts for itself (client-address.spec.ts), so that all of them are configured alike.
export function e2eServerEnv(): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // Every simulated customer comes from 127.0.0.1: give the tracking page's per-address limits room.
    TRACKING_RATE_LIMIT_SCALE: "20",
    // So do the suite's failed sign-ins (counted in the database, across runs): room for many runs a quarter hour.
    SIGN_IN_ADDRESS_LIMIT_SCALE: "20",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    // Production refuses to start with a local APP_URL (lib/config/production-checks.ts); notices link here.
    APP_URL: "https://orderline.e2e.example",
    // The suite signs in with the demo accounts: a demo installation, in production mode.
    SEED_DEMO_DATA: "true",
    // On PostgreSQL, DATABASE_URL is the app's own role (production refuses the tables' owner); CI seeds and grants
    // first (npm run db:roles, db:seed). DATABASE_MIGRATION_URL, when given, lets the server migrate at start.
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: ".data/e2e-pglite", ALLOW_EMBEDDED_DB: "true" }),
    ...(process.env.DATABASE_URL && process.env.DATABASE_MIGRATION_URL ? { DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL } : {}),
  };
}
