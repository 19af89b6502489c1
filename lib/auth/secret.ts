// In development and tests a fixed secret keeps `npm run dev` to one command; in production the app must not
// start without a real one (instrumentation.ts checks at start-up).
const DEVELOPMENT_SECRET = "orderline-development-secret-do-not-use-in-production";

export function authSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  return env.NODE_ENV === "production" ? undefined : DEVELOPMENT_SECRET;
}

export function assertAuthSecret(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is not set. Orderline signs its session cookies with it and will not start without it in " +
        "production. Set it to a long random value, e.g. AUTH_SECRET=$(openssl rand -base64 33).",
    );
  }
}
