import { CredentialsSignin } from "next-auth";

/**
 * Thrown from Auth.js's authorize when the account or address is over its sign-in limit. The sign-in action reads
 * the wait from it; Auth.js's own endpoint redirects to /signin?error=CredentialsSignin&code=rate_limited.
 */
export class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterMs: number) {
    super();
  }
}
