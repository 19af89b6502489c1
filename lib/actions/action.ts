import "server-only";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import type { Role } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/authenticate";
import { GENERIC_ERROR_MESSAGE, UserFacingError } from "@/lib/errors";
import { log } from "@/lib/log";

// The one wrapper for server actions: session → role → zod → handler → typed result. No action checks roles
// by itself, and none returns an internal error message.

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

export type ActionContext = { user: SessionUser; db: Database };

export function defineAction<S extends z.ZodType, T>(
  roles: readonly Role[],
  schema: S,
  handler: (input: z.output<S>, context: ActionContext) => Promise<T>,
): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: "Your session has ended. Sign in again to continue." };
    if (!roles.includes(user.role)) return { ok: false, message: "Your role does not allow this action." };

    const raw = input instanceof FormData ? Object.fromEntries(input) : input;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      return { ok: true, data: await handler(parsed.data, { user, db: await getDb() }) };
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, message: error.message };
      log.error("action failed", { error, userId: user.id });
      return { ok: false, message: GENERIC_ERROR_MESSAGE };
    }
  };
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
