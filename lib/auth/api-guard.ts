import "server-only";
import type { Role } from "@/db/schema";
import type { SessionUser } from "./authenticate";
import { getCurrentUser } from "./session";

/** For route handlers: the user, or a JSON 401/403 response to return as it is. */
export async function requireApiRole(roles: readonly Role[]): Promise<SessionUser | Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  if (!roles.includes(user.role)) return Response.json({ error: "Your role does not allow this." }, { status: 403 });
  return user;
}
