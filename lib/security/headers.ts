// The security headers of every response, built in one place: proxy.ts adds the Content-Security-Policy (a fresh
// nonce per page request), next.config.ts adds the rest to everything, static files included. No imports: the
// proxy and next.config.ts both load this file.

export type HeaderEnvironment = { NODE_ENV?: string };

/** 128 random bits, base64: a script nonce no attacker can guess, fresh for every page. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function serialise(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/**
 * The policy for pages. Scripts run only with this response's nonce; 'strict-dynamic' lets those scripts load the
 * app's chunks, and makes browsers ignore 'self' and host lists for scripts. Styles allow 'unsafe-inline' because
 * React style attributes, Radix and recharts set inline styles, and the email previews (srcdoc frames, which inherit
 * this policy) are inline-styled HTML; a nonce beside it would make browsers ignore 'unsafe-inline'.
 * frame-ancestors 'none': no site, this one included, may frame Orderline's pages. The email previews are srcdoc
 * frames with no URL of their own, so frame-ancestors (checked on a framed response) never applies to them.
 */
export function pageContentSecurityPolicy(nonce: string, env: HeaderEnvironment = process.env): string {
  const development = env.NODE_ENV === "development";
  return serialise({
    "default-src": ["'self'"],
    // 'unsafe-eval' in development only: React rebuilds server error stacks in the browser with eval.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    // Development: the hot-reload websocket (older browsers do not count ws: as 'self').
    "connect-src": ["'self'", ...(development ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/**
 * The policy for API answers (JSON, CSV, NDJSON, a stored photo): nothing in them may load or run anything. Images
 * and inline styles stay allowed so a photo or JSON opened in a tab still shows in the browser's own viewer.
 */
export function apiContentSecurityPolicy(): string {
  return serialise({
    "default-src": ["'none'"],
    "img-src": ["'self'"],
    "style-src": ["'unsafe-inline'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
  });
}

/** Headers for every response, whatever it is. */
export function staticSecurityHeaders(env: HeaderEnvironment = process.env): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Orderline uses none of these; the proof-of-delivery photo is a file input, which needs no camera permission.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    // Production only: a development machine on http://localhost must not learn to insist on https. No
    // includeSubDomains: Orderline is often one host of the operator's domain, and its neighbours are not ours.
    ...(env.NODE_ENV === "production" ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** The CSP for a request path, and the nonce pages render their scripts with (none for API answers). */
export function contentSecurityPolicyFor(pathname: string, env: HeaderEnvironment = process.env): { policy: string; nonce: string | null } {
  if (pathname === "/api" || pathname.startsWith("/api/")) return { policy: apiContentSecurityPolicy(), nonce: null };
  const nonce = createNonce();
  return { policy: pageContentSecurityPolicy(nonce, env), nonce };
}
