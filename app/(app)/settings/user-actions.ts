"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { SessionUser } from "@/lib/auth/authenticate";
import { defineAction } from "@/lib/actions/action";
import { requestClientAddress } from "@/lib/security/client-address";
import { changeUserRole, createUser, resetUserPassword, setUserActive, signOutEverywhere, type UserAdminActor } from "@/lib/users/manage-users";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema, signOutUserSchema } from "@/lib/users/user-schemas";

// Users and roles are an admin's (design.md "People and roles"). A temporary password is in the answer to the
// action that made it and nowhere else: not stored, not logged, not audited.

async function actorOf(user: SessionUser): Promise<UserAdminActor> {
  const requestHeaders = await headers();
  return { userId: user.id, ip: requestClientAddress(requestHeaders), userAgent: requestHeaders.get("user-agent") };
}

export const createUserAction = defineAction(["admin"], createUserSchema, async (input, { db, user }) => {
  const { user: created, temporaryPassword } = await createUser(db, { ...input, actor: await actorOf(user) });
  revalidatePath("/settings");
  return { id: created.id, name: created.name, email: created.email, temporaryPassword };
});

export const changeUserRoleAction = defineAction(["admin"], changeRoleSchema, async ({ userId, role }, { db, user }) => {
  const changed = await changeUserRole(db, { userId, role, actor: await actorOf(user) });
  revalidatePath("/settings");
  return { name: changed.name, role: changed.role };
});

export const setUserActiveAction = defineAction(["admin"], setActiveSchema, async ({ userId, active }, { db, user }) => {
  const changed = await setUserActive(db, { userId, active, actor: await actorOf(user) });
  revalidatePath("/settings");
  return { name: changed.name, active: changed.active };
});

export const resetUserPasswordAction = defineAction(["admin"], resetPasswordSchema, async ({ userId, password }, { db, user }) => {
  const { user: changed, temporaryPassword } = await resetUserPassword(db, { userId, password, actor: await actorOf(user) });
  revalidatePath("/settings");
  return { id: changed.id, name: changed.name, temporaryPassword };
});

/** Ends every session of a user (a lost laptop, a shared computer left signed in); they can sign in again. */
export const signOutUserEverywhereAction = defineAction(["admin"], signOutUserSchema, async ({ userId }, { db, user }) => {
  const { user: target, ended } = await signOutEverywhere(db, { userId, actor: await actorOf(user) });
  revalidatePath("/settings");
  return { name: target.name, ended };
});
