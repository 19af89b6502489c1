// Cross-site request forgery, refused before a request does anything: server actions (proxy.ts) and the
// cookie-authenticated route handlers that change or reveal data (lib/auth/api-guard.ts) ask the same question here.
//
// Next.js checks a server action's Origin against the site's host itself, but answers a mismatch with a 500 (and
// a malformed Origin with another). The rule below is Next.js's, so whatever passes here passes there too, made
// stricter in two ways: X-Forwarded-Host counts only when the operator has proxies in front (TRUSTED_PROXY_HOPS > 0,
// as for client addresses in lib/security/client-address.ts; without them the client wrote it), and a browser's
// own Sec-Fetch-Site saying the request came from another site is believed even without an Origin.

import { appConfig } from "@/lib/config/app-config";
import { log } from "@/lib/log";

export const FOREIGN_ORIGIN_MESSAGE = "This request came from another site, so it was refused. Open Orderline itself and try again.";

/** The first value of a comma-separated header, as Next.js reads X-Forwarded-Host. */
function firstValue(value: string | null): string | null {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/**
 * Why a request must be refused as coming from another site, or null when it may go on. A request without Origin
 * and Sec-Fetch-Site is not a browser's cross-site request (browsers send Origin with every POST, and Sec-Fetch-Site
 * with every request), so it goes on: it can only carry cookies its sender already holds.
 */
export function foreignRequestReason(headers: Headers, { trustForwardedHost }: { trustForwardedHost: boolean }): string | null {
  const fetchSite = headers.get("sec-fetch-site");
  // "same-site" is a sibling subdomain: another origin all the same. "none" is the user's own navigation.
  if (fetchSite === "cross-site" || fetchSite === "same-site") return `Sec-Fetch-Site is ${fetchSite}`;

  const origin = headers.get("origin");
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a file) and anything unparseable.
    return "the Origin is not a site";
  }
  if (!originHost) return "the Origin is not a site";
  const host = headers.get("host");
  const forwardedHost = firstValue(headers.get("x-forwarded-host"));
  // Next.js compares with X-Forwarded-Host when there is one, else with Host, character for character.
  const expected = forwardedHost ?? host;
  if (!expected || originHost !== expected) return "the Origin is not this site";
  if (!trustForwardedHost && forwardedHost !== null && forwardedHost !== host) return "X-Forwarded-Host is not this site and no proxy is trusted";
  return null;
}

/** Whether X-Forwarded-Host was written by the operator's proxies; no while the settings cannot be read. */
function forwardedHostTrusted(): boolean {
  try {
    return appConfig().TRUSTED_PROXY_HOPS > 0;
  } catch {
    return false;
  }
}

/** For route handlers and proxy.ts: a JSON 403 for a request from another site, else null. */
export function refuseForeignRequest(request: Request): Response | null {
  const reason = foreignRequestReason(request.headers, { trustForwardedHost: forwardedHostTrusted() });
  if (!reason) return null;
  log.warn("cross-site request refused", { method: request.method, path: new URL(request.url).pathname.slice(0, 200), reason });
  return Response.json({ error: FOREIGN_ORIGIN_MESSAGE }, { status: 403, headers: { "Cache-Control": "no-store" } });
}
