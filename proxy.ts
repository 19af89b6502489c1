import { NextResponse, type NextRequest } from "next/server";
import { badPathReason } from "@/lib/security/bad-path";
import { contentSecurityPolicyFor } from "@/lib/security/headers";
import { refuseForeignRequest } from "@/lib/security/request-origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Every request but static files passes here (Next.js 16's proxy, formerly middleware). It refuses what would
// otherwise become a 500 further in, and gives each page request a fresh script nonce: Next.js reads the policy from
// the request headers and puts the nonce on its own scripts, the root layout passes it on (next-themes' inline
// script). Other security headers come from next.config.ts.
export function proxy(request: NextRequest) {
  const { policy, nonce } = contentSecurityPolicyFor(request.nextUrl.pathname);

  // A path no link makes (/orders/%00, /track/%ff): 400 here, not a database error or Next.js's decoding error.
  if (badPathReason(request.nextUrl.pathname)) {
    return new NextResponse("Bad request: this address is not valid.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": policy } });
  }
  // Outside /api, only server actions take a POST; one from another site is forgery. Next.js would refuse it too,
  // as a 500. Route handlers check for themselves (lib/auth/api-guard.ts), and /api/v1 and the webhook are called
  // by other servers, with keys and signatures instead of cookies.
  if (!SAFE_METHODS.has(request.method) && !request.nextUrl.pathname.startsWith("/api/")) {
    const refusal = refuseForeignRequest(request);
    if (refusal) {
      refusal.headers.set("Content-Security-Policy", policy);
      return refusal;
    }
  }

  const requestHeaders = new Headers(request.headers);
  // Set (not appended) so a client cannot bring its own nonce or policy.
  requestHeaders.delete("x-nonce");
  if (nonce) requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Static files carry no script of their own to protect; next.config.ts gives them the other headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
