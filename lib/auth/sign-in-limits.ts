import type { Db } from "@/db/client";
import { appConfig } from "@/lib/config/app-config";
import { hitRateLimit, rateLimitKey, refundRateLimit, resetRateLimit, type RateLimitRule } from "@/lib/rate-limit";
import { authenticate, credentialsSchema, type SessionUser } from "./authenticate";

// Sign-in limits: failed attempts are counted per account (the email as typed, whether or not such an account
// exists, so the answer never tells a guesser which emails are real) and per client address. A success clears the
// account's count, not the address's. Counts live in PostgreSQL (lib/rate-limit.ts), so every app instance counts
// against the same limits and a restart forgets nothing.
//
// An attempt is counted before its password is checked and given back if it succeeds: the check costs a bcrypt
// compare, and counting only afterwards let concurrent guesses all pass the "under the limit?" test before any of
// them was counted (15 at once got 12 checks). Now 15 at once get exactly 5.

const MINUTE = 60_000;
// Every per-address limit times this (SIGN_IN_ADDRESS_LIMIT_SCALE): the browser suite signs in from one address.
const addressScale = appConfig().SIGN_IN_ADDRESS_LIMIT_SCALE;

export const signInLimitRules = {
  failuresPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  failuresPerAddress: { limit: 20 * addressScale, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

/** A user, or null; `retryAfterMs` when the attempt was refused unchecked because of the limits. */
export type SignInOutcome = { user: SessionUser | null; retryAfterMs?: number };

export type SignInLimitOptions = {
  now?: () => number;
  /** The credential check (a test counts the password checks through it). */
  check?: (db: Db, input: unknown) => Promise<SessionUser | null>;
};

const accountKey = (account: string) => rateLimitKey("sign-in:account", account);
const addressKey = (address: string) => rateLimitKey("sign-in:address", address);

/** The account of a sign-in attempt: the email as sign-in reads it (trimmed, lower case), or null if malformed. */
function accountOf(input: unknown): string | null {
  const parsed = credentialsSchema.shape.email.safeParse((input as { email?: unknown } | null)?.email);
  return parsed.success ? parsed.data : null;
}

/**
 * Checks the credentials unless this account or address is over its limit (then nothing is checked and the caller
 * answers "too many attempts" with the wait), and counts the outcome.
 */
export async function authenticateWithLimits(db: Db, input: unknown, address: string, options: SignInLimitOptions = {}): Promise<SignInOutcome> {
  const { now = Date.now, check = authenticate } = options;
  const account = accountOf(input);
  const byAccount = account ? await hitRateLimit(db, accountKey(account), signInLimitRules.failuresPerAccount, now()) : null;
  // Refused attempts are not failures: nothing was checked. An attempt refused for its account counts nowhere
  // (the address is not even hit); one refused for its address gives the account's hit back.
  if (byAccount && !byAccount.ok) return { user: null, retryAfterMs: byAccount.retryAfterMs };
  const byAddress = await hitRateLimit(db, addressKey(address), signInLimitRules.failuresPerAddress, now());
  if (!byAddress.ok) {
    if (account && byAccount) await refundRateLimit(db, accountKey(account), byAccount);
    return { user: null, retryAfterMs: byAddress.retryAfterMs };
  }
  const user = await check(db, input);
  if (!user) return { user: null };
  await Promise.all([account ? resetRateLimit(db, accountKey(account)) : null, refundRateLimit(db, addressKey(address), byAddress)]);
  return { user };
}

/** "Too many sign-in attempts. Try again in 12 minutes." — the same words whether or not the account exists. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / MINUTE));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
