"use server";

import { AuthError } from "next-auth";
import { fieldErrorsOf } from "@/lib/actions/action";
import { credentialsSchema } from "@/lib/auth/authenticate";
import { signIn } from "@/lib/auth/config";
import { SignInThrottled } from "@/lib/auth/sign-in-errors";
import { tooManyAttemptsMessage } from "@/lib/auth/sign-in-limits";

export type SignInState = { message?: string; fieldErrors?: Record<string, string[]>; email?: string };

// Sign-in is the one action without a session; the credentials are checked by lib/auth/authenticate.ts.
export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  // The form always sends FormData; a crafted request can send any value, and reading it as a form would throw.
  if (!(formData instanceof FormData)) return { message: "Check the highlighted fields.", fieldErrors: { email: ["Enter a valid email address."] } };
  const email = String(formData.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) return { message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), email };
  try {
    // On success this throws Next's redirect to "/", which sends the user to their role's home.
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    // Over the limit says how long to wait, and says it for unknown emails too (lib/auth/sign-in-limits.ts).
    if (error instanceof SignInThrottled) return { message: tooManyAttemptsMessage(error.retryAfterMs), email };
    if (error instanceof AuthError) return { message: "Email or password is incorrect.", email };
    throw error;
  }
  return {};
}
