import "server-only";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import type { Role } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/authenticate";
import { DATABASE_UNAVAILABLE_MESSAGE, GENERIC_ERROR_MESSAGE, isDatabaseUnavailable, UserFacingError } from "@/lib/errors";
import { log } from "@/lib/log";
import { inputShapeProblem } from "@/lib/security/input-shape";
import { LONE_SURROGATE_MESSAGE, loneSurrogatePaths, NUL_MESSAGE, nulPaths } from "@/lib/security/nul-characters";

// The one wrapper for server actions: session → role → zod → handler → typed result. No action checks roles
// by itself, and none returns an internal error message.

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

export type ActionContext = { user: SessionUser; db: Database };

/**
 * The roles each action was defined with, keyed by the action function. Read only by lib/auth/permissions.test.ts,
 * which holds them to the authorization table (lib/auth/permissions.ts) so the two cannot drift.
 */
export const definedActionRoles = new WeakMap<(...args: never[]) => unknown, readonly Role[]>();

export function defineAction<S extends z.ZodType, T>(
  roles: readonly Role[],
  schema: S,
  handler: (input: z.output<S>, context: ActionContext) => Promise<T>,
): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
  const action = async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    let user: SessionUser | null;
    try {
      user = await getCurrentUser();
    } catch (error) {
      // Reading the session needs the database: while it is unreachable, say so plainly (nothing ran yet).
      log.error("action failed before it ran", { error });
      return { ok: false, message: isDatabaseUnavailable(error) ? DATABASE_UNAVAILABLE_MESSAGE : GENERIC_ERROR_MESSAGE };
    }
    if (!user) return { ok: false, message: "Your session has ended. Sign in again to continue." };
    if (!roles.includes(user.role)) return { ok: false, message: "Your role does not allow this action." };

    try {
      const raw = input instanceof FormData ? Object.fromEntries(input) : input;
      // First, before anything walks the input: a value nested thousands deep overflows any recursive reader.
      const shape = inputShapeProblem(raw);
      if (shape) return { ok: false, message: shape.message };
      const unstorable = [...nulPaths(raw).map((path) => [path || "_form", [NUL_MESSAGE]]), ...loneSurrogatePaths(raw).map((path) => [path || "_form", [LONE_SURROGATE_MESSAGE]])];
      if (unstorable.length > 0) return { ok: false, message: "Some fields need attention.", fieldErrors: Object.fromEntries(unstorable) };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      return { ok: true, data: await handler(parsed.data, { user, db: await getDb() }) };
    } catch (error) {
      // Whatever throws, validation included, is an answer here: an error escaping the action is Next.js's 500.
      if (error instanceof UserFacingError) return { ok: false, message: error.message };
      log.error("action failed", { error, userId: user.id });
      return { ok: false, message: isDatabaseUnavailable(error) ? DATABASE_UNAVAILABLE_MESSAGE : GENERIC_ERROR_MESSAGE };
    }
  };
  definedActionRoles.set(action, roles);
  return action;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
