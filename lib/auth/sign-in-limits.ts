import type { Db } from "@/db/client";
import { FixedWindowLimiter, type RateLimitRule } from "@/lib/rate-limit";
import { authenticate, credentialsSchema, type SessionUser } from "./authenticate";

// Sign-in limits: failed attempts are counted per account (the email as typed, whether or not such an account
// exists, so the answer never tells a guesser which emails are real) and per client address. A success clears the
// account's count, not the address's. Counts live in this process's memory (lib/rate-limit.ts): each app instance
// counts alone, so N instances allow up to N times the limit, and a restart forgets them.

const MINUTE = 60_000;

export const signInLimitRules = {
  failuresPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  failuresPerAddress: { limit: 20, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export type SignInLimits = ReturnType<typeof createSignInLimits>;
/** A user, or null; `retryAfterMs` when the attempt was refused unchecked because of the limits. */
export type SignInOutcome = { user: SessionUser | null; retryAfterMs?: number };

export function createSignInLimits(now: () => number = Date.now) {
  const byAccount = new FixedWindowLimiter(signInLimitRules.failuresPerAccount, now);
  const byAddress = new FixedWindowLimiter(signInLimitRules.failuresPerAddress, now);
  return {
    /** 0 when this account and address may try now, else how long until they may. */
    waitMs(account: string | null, address: string): number {
      const accountWait = account ? byAccount.peek(account).retryAfterMs : 0;
      return Math.max(accountWait, byAddress.peek(address).retryAfterMs);
    },
    recordFailure(account: string | null, address: string): void {
      if (account) byAccount.hit(account);
      byAddress.hit(address);
    },
    recordSuccess(account: string): void {
      byAccount.reset(account);
    },
  };
}

/** The account key of a sign-in attempt: the email as sign-in reads it (trimmed, lower case), or null if malformed. */
function accountKey(input: unknown): string | null {
  const parsed = credentialsSchema.shape.email.safeParse((input as { email?: unknown } | null)?.email);
  return parsed.success ? parsed.data : null;
}

/**
 * Checks the credentials unless this account or address is over its limit (then nothing is checked and the caller
 * answers "too many attempts" with the wait), and counts the outcome.
 */
export async function authenticateWithLimits(db: Db, limits: SignInLimits, input: unknown, address: string): Promise<SignInOutcome> {
  const account = accountKey(input);
  const waitMs = limits.waitMs(account, address);
  if (waitMs > 0) return { user: null, retryAfterMs: waitMs };
  const user = await authenticate(db, input);
  if (!user) {
    limits.recordFailure(account, address);
    return { user: null };
  }
  if (account) limits.recordSuccess(account);
  return { user };
}

/** "Too many sign-in attempts. Try again in 12 minutes." — the same words whether or not the account exists. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / MINUTE));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

// One set per process, on globalThis so the Auth.js route and the sign-in action (and development reloads) share it.
const holder = globalThis as typeof globalThis & { __orderlineSignInLimits?: SignInLimits };

export function signInLimits(): SignInLimits {
  return (holder.__orderlineSignInLimits ??= createSignInLimits());
}
