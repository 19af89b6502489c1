import "server-only";
import type { Role } from "@/db/schema";
import { refuseForeignRequest } from "@/lib/security/request-origin";
import type { SessionUser } from "./authenticate";
import { getCurrentUser } from "./session";

/**
 * For route handlers: the user, or a JSON 401/403 response to return as it is. The session is a cookie, which a
 * browser sends along with another site's requests too, so a request from another site is refused first (403).
 */
export async function requireApiRole(roles: readonly Role[], request: Request): Promise<SessionUser | Response> {
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  if (!roles.includes(user.role)) return Response.json({ error: "Your role does not allow this." }, { status: 403 });
  return user;
}

/** For route handlers that read a JSON body: a 415 unless the request says it is JSON (a plain form cannot). */
export function requireJsonBody(request: Request): Response | null {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return null;
  return Response.json({ error: "Send the body as JSON, with Content-Type: application/json." }, { status: 415 });
}
