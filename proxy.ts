import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicyFor } from "@/lib/security/headers";

// Every request but static files passes here (Next.js 16's proxy, formerly middleware). It gives each page request
// a fresh script nonce: Next.js reads the policy from the request headers and puts the nonce on its own scripts, the
// root layout passes it on (next-themes' inline script). Other security headers come from next.config.ts.
export function proxy(request: NextRequest) {
  const { policy, nonce } = contentSecurityPolicyFor(request.nextUrl.pathname);
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
