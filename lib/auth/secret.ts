import { appConfig, type AppConfig } from "@/lib/config/app-config";

// In development and tests a fixed secret keeps `npm run dev` to one command; in production the app does not start
// without a real one (lib/config/production-checks.ts, checked at start-up).
export const DEVELOPMENT_SECRET = "orderline-development-secret-do-not-use-in-production";

export function authSecret(config: AppConfig = appConfig()): string | undefined {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  return config.NODE_ENV === "production" ? undefined : DEVELOPMENT_SECRET;
}
