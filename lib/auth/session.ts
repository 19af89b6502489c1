import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { canOpen, type ScreenId } from "./access";
import type { SessionUser } from "./authenticate";
import { auth } from "./config";
import { loadSessionUser } from "./sessions";

// Every page, action and route asks here who the user is; the cookie only names the user and their session row, the
// database says whether that session is still open (not signed out, not idle, under 12 hours) and in which role.

/** The signed-in, active user, or null. Cached for one request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  return loadSessionUser(await getDb(), { userId: session.user.id, sessionId: session.user.sessionId });
});

/** The session row the current request's cookie names, if any (signing out ends it). */
export async function currentSessionId(): Promise<string | null> {
  return (await auth())?.user?.sessionId ?? null;
}

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For pages and actions: the user if their role is one of these; 403 otherwise. */
export async function requireRole(roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** For pages: the user if their role may open this screen (lib/auth/access.ts); 403 otherwise. */
export async function requireScreen(screen: ScreenId): Promise<SessionUser> {
  const user = await requireUser();
  if (!canOpen(user.role, screen)) forbidden();
  return user;
}
