import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { log } from "@/lib/log";
import { clientAddressKey } from "@/lib/security/client-address";
import { SignInThrottled } from "./sign-in-errors";
import { authenticateWithLimits } from "./sign-in-limits";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; signedInAt?: number };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** When this session began (ms): a password reset or deactivation after it ends the session. */
    signedInAt?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  // Orderline is self-hosted behind the operator's own proxy; the Host header is the site's address.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  // Auth.js's own messages as JSON lines; a refused sign-in is an everyday event, not a server error.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) log.info("sign-in refused", { reason: error.code });
      else log.error("auth error", { error });
    },
    warn(code) {
      log.warn("auth warning", { code });
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      // Both ways in (the sign-in form's action and Auth.js's own endpoint) arrive here, so the limits hold for both.
      async authorize(credentials, request) {
        const address = clientAddressKey(request.headers);
        const outcome = await authenticateWithLimits(await getDb(), credentials, address);
        if (outcome.retryAfterMs !== undefined) {
          log.warn("sign-in throttled", { address, retryAfterMs: outcome.retryAfterMs });
          throw new SignInThrottled(outcome.retryAfterMs);
        }
        return outcome.user;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.role = user.role;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = {
          ...session.user,
          id: token.uid,
          role: token.role,
          name: session.user?.name ?? "",
          email: session.user?.email ?? "",
          signedInAt: token.signedInAt,
        };
      }
      return session;
    },
  },
});
