"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { requestOrigin } from "@/lib/audit/request-actor";
import { signOut } from "@/lib/auth/config";
import { staffRoles } from "@/lib/auth/permissions";
import { currentSessionId } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/sessions";
import { getDb } from "@/db/client";
import { signOutEverywhere } from "@/lib/users/manage-users";

// Signing out ends the session on the server before the browser forgets its cookie: a copy of the cookie taken
// earlier is refused from then on, on every instance. If the database cannot be reached the sign-out fails visibly
// rather than pretending.
export async function signOutAction(): Promise<void> {
  const sessionId = await currentSessionId();
  if (sessionId) await endSession(await getDb(), sessionId);
  await signOut({ redirectTo: "/signin" });
}

/** Every session of the signed-in person ends, on every browser and device, this one included. */
export const signOutEverywhereAction = defineAction(staffRoles, z.object({}), async (_input, { db, user }) => {
  const { ended } = await signOutEverywhere(db, { userId: user.id, actor: { userId: user.id, ...(await requestOrigin()) } });
  // This browser's cookie names a revoked session now; clear it too. The page then goes to sign-in.
  await signOut({ redirect: false });
  return { ended };
});
