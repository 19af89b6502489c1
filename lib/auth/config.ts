import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { log } from "@/lib/log";
import { requestClientAddress } from "@/lib/security/client-address";
import { SignInThrottled } from "./sign-in-errors";
import { authenticateWithLimits } from "./sign-in-limits";
import { authSecret } from "./secret";
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

declare module "next-auth" {
  interface User {
    role: Role;
    /** The row in `sessions` this sign-in opened (lib/auth/sessions.ts). */
    sessionId?: string;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; sessionId?: string };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The session's row: every request checks it (revoked, idle, over 12 hours), so signing out really ends it. */
    sid?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  // Orderline is self-hosted behind the operator's own proxy; the Host header is the site's address.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
        const db = await getDb();
        const ip = requestClientAddress(request.headers);
        const address = ip ?? "unknown";
        const outcome = await authenticateWithLimits(db, credentials, address);
        if (outcome.retryAfterMs !== undefined) {
          log.warn("sign-in throttled", { address, retryAfterMs: outcome.retryAfterMs });
          throw new SignInThrottled(outcome.retryAfterMs);
        }
        if (!outcome.user) return null;
        const sessionId = await startSession(db, { userId: outcome.user.id, ip, userAgent: request.headers.get("user-agent") });
        return { ...outcome.user, sessionId };
      },
    }),
  ],
  // Both ways out (the sign-out button's action and Auth.js's own endpoint) pass here; the action has revoked the
  // row already, and revoking twice is harmless.
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endSession(await getDb(), sid);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.role = user.role;
        token.sid = user.sessionId;
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
          sessionId: token.sid,
        };
      }
      return session;
    },
  },
});
