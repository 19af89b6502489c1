import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { canOpen, type ScreenId } from "./access";
import { loadSessionUser, type SessionUser } from "./authenticate";
import { auth } from "./config";

// Every page, action and route asks here who the user is; the cookie only says who signed in, the database
// says whether that user may still act and in which role.

/** The signed-in, active user, or null. Cached for one request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadSessionUser(await getDb(), id, { signedInAt: session.user.signedInAt });
});

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
