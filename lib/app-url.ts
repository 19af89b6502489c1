import { appConfig } from "@/lib/config/app-config";

/** The app's public address (README: APP_URL), without a trailing slash: links in customer notices start here. */
export function appUrl(): string {
  // Production refuses to start without APP_URL (lib/config/production-checks.ts); development serves on :3000.
  return (appConfig().APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
