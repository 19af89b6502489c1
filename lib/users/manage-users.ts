import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role, type User } from "@/db/schema";
import { systemActor, type Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { UserFacingError } from "@/lib/errors";
import { generateTemporaryPassword, passwordProblem } from "./password-policy";
import { USER_ENTITY, userAuditActions } from "./user-audit";

// Admin user management (design.md "People and roles": admins own users and roles). Each change and its audit row
// commit together; the audit row names the fields that changed, never a password or its hash. Sessions follow at
// once: every request reloads the user and their session row (lib/auth/sessions.ts), so a deactivated user is out on
// their next click and a new role applies there too.

/** What an admin sees of a user: everything but the password hash. */
export type UserSummary = Pick<User, "id" | "name" | "email" | "role" | "active" | "createdAt" | "updatedAt">;

/** Who made the change and from where (the audit log's "from where"). */
export type UserAdminActor = { userId: string; ip?: string | null; userAgent?: string | null };

/** A password an admin typed, or null to generate a temporary one that is shown once. */
type PasswordChoice = string | null;

const summaryColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** Active users first, then by name. */
export async function listUsers(db: Db): Promise<UserSummary[]> {
  return db.select(summaryColumns).from(users).orderBy(desc(users.active), asc(users.name), asc(users.email));
}

export async function createUser(
  db: Db,
  input: { name: string; email: string; role: Role; password: PasswordChoice; actor: UserAdminActor },
): Promise<{ user: UserSummary; temporaryPassword: string | null }> {
  return insertUser(db, input, userActor(input.actor), { password: "set by admin" });
}

/**
 * An active admin made by the operator on the server (`npm run admin:create`): the way a production installation
 * gets its first administrator, and the only one besides an admin on the users screen. There is no signed-in user,
 * so the audit row names the system as the actor, the command as the way, and the operator's account on the server.
 */
export async function createAdminFromCommandLine(
  db: Db,
  input: { name: string; email: string; password: PasswordChoice; operator: string },
): Promise<{ user: UserSummary; temporaryPassword: string | null }> {
  return insertUser(db, { ...input, role: "admin" }, systemActor, { password: "set by operator", via: "npm run admin:create", operator: input.operator });
}

async function insertUser(
  db: Db,
  input: { name: string; email: string; role: Role; password: PasswordChoice },
  actor: Actor,
  auditExtra: { password: string } & Record<string, unknown>,
): Promise<{ user: UserSummary; temporaryPassword: string | null }> {
  const email = input.email.trim();
  const name = input.name.trim();
  const { password, temporaryPassword } = choosePassword(input.password, { email, name });
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      await refuseTakenEmail(tx, email);
      const [user] = await tx.insert(users).values({ name, email, role: input.role, passwordHash }).returning(summaryColumns);
      await writeAudit(tx, {
        actor,
        action: userAuditActions.create,
        entityType: USER_ENTITY,
        entityId: user!.id,
        after: { name, email, role: input.role, active: true, ...auditExtra, ...(temporaryPassword ? { password: "temporary" } : {}) },
      });
      return { user: user!, temporaryPassword };
    });
  } catch (error) {
    // Two admins adding the same address at once: the unique index decides, and the loser hears why.
    if (isUniqueViolation(error)) throw new UserFacingError(takenEmailMessage(email));
    throw error;
  }
}

/** Changes a user's role. An admin cannot change their own, and the last active admin stays an admin. */
export async function changeUserRole(db: Db, input: { userId: string; role: Role; actor: UserAdminActor }): Promise<UserSummary> {
  return db.transaction(async (tx) => {
    const { current, activeAdminIds } = await lockForChange(tx, input.userId);
    if (current.role === input.role) return current;
    if (current.id === input.actor.userId) throw new UserFacingError("You cannot change your own role. Ask another admin to do it.");
    if (current.role === "admin" && current.active) refuseLastAdmin(activeAdminIds, current, "change the role of");
    const [updated] = await tx.update(users).set({ role: input.role }).where(eq(users.id, current.id)).returning(summaryColumns);
    await audit(tx, input.actor, userAuditActions.roleChange, current.id, { role: current.role }, { role: input.role });
    return updated!;
  });
}

/**
 * Deactivates or reactivates a user. Deactivation ends their sessions at once; they cannot sign in until
 * reactivated (with the password they had, or one an admin resets). Nobody deactivates themselves, and the last
 * active admin cannot be deactivated.
 */
export async function setUserActive(db: Db, input: { userId: string; active: boolean; actor: UserAdminActor }): Promise<UserSummary> {
  return db.transaction(async (tx) => {
    const { current, activeAdminIds } = await lockForChange(tx, input.userId);
    if (current.active === input.active) return current;
    if (!input.active && current.id === input.actor.userId) throw new UserFacingError("You cannot deactivate your own account. Ask another admin to do it.");
    if (!input.active && current.role === "admin") refuseLastAdmin(activeAdminIds, current, "deactivate");
    const now = new Date();
    const [updated] = await tx
      .update(users)
      .set(input.active ? { active: true } : { active: false, sessionsValidAfter: now })
      .where(eq(users.id, current.id))
      .returning(summaryColumns);
    if (!input.active) await revokeUserSessions(tx, current.id, now);
    const action = input.active ? userAuditActions.reactivate : userAuditActions.deactivate;
    await audit(tx, input.actor, action, current.id, { active: current.active }, { active: input.active });
    return updated!;
  });
}

/**
 * Sets a new password for a user (typed by the admin, or a temporary one shown once). Sessions the user began
 * before the reset end at once (users.sessions_valid_after, read by lib/auth/authenticate.ts).
 */
export async function resetUserPassword(
  db: Db,
  input: { userId: string; password: PasswordChoice; actor: UserAdminActor },
): Promise<{ user: UserSummary; temporaryPassword: string | null }> {
  // Read first (without a lock) so the slow hash happens outside the transaction; the email cannot change meanwhile.
  const [owner] = await db.select(summaryColumns).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!owner) throw new UserFacingError("That user does not exist.");
  const { password, temporaryPassword } = choosePassword(input.password, owner);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const current = await lockTarget(tx, input.userId);
    const now = new Date();
    const [updated] = await tx.update(users).set({ passwordHash, sessionsValidAfter: now }).where(eq(users.id, current.id)).returning(summaryColumns);
    await revokeUserSessions(tx, current.id, now);
    await audit(tx, input.actor, userAuditActions.passwordReset, current.id, null, { password: temporaryPassword ? "temporary" : "set by admin" });
    return { user: updated!, temporaryPassword };
  });
}

/**
 * Signs a user out of every browser and device at once: all their open sessions are revoked (a person doing it for
 * themself, or an admin for anyone). They can sign in again with their password; audited with how many ended.
 */
export async function signOutEverywhere(db: Db, input: { userId: string; actor: UserAdminActor; now?: Date }): Promise<{ user: UserSummary; ended: number }> {
  return db.transaction(async (tx) => {
    const current = await lockTarget(tx, input.userId);
    const ended = await revokeUserSessions(tx, current.id, input.now ?? new Date());
    await audit(tx, input.actor, userAuditActions.signOutEverywhere, current.id, null, { sessionsEnded: ended });
    return { user: current, ended };
  });
}

function choosePassword(typed: PasswordChoice, owner: { email: string; name?: string | null }): { password: string; temporaryPassword: string | null } {
  if (typed === null) {
    const temporaryPassword = generateTemporaryPassword(owner);
    return { password: temporaryPassword, temporaryPassword };
  }
  const problem = passwordProblem(typed, owner);
  if (problem) throw new UserFacingError(`That password is too weak. ${problem}`);
  return { password: typed, temporaryPassword: null };
}

async function lockTarget(db: Db, userId: string): Promise<UserSummary> {
  const [row] = await db.select(summaryColumns).from(users).where(eq(users.id, userId)).for("update");
  if (!row) throw new UserFacingError("That user does not exist.");
  return row;
}

/**
 * Locks every active admin row (in id order), then the user to change. Taking the admins first, always in the same
 * order, serialises two admins removing each other at the same moment without a deadlock: the second waits, then
 * sees the first's change (PostgreSQL re-checks locked rows against the condition) and is refused.
 */
async function lockForChange(db: Db, userId: string): Promise<{ current: UserSummary; activeAdminIds: string[] }> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for("update");
  const current = await lockTarget(db, userId);
  return { current, activeAdminIds: admins.map((a) => a.id) };
}

function refuseLastAdmin(activeAdminIds: string[], target: UserSummary, verb: string): void {
  if (!activeAdminIds.some((id) => id !== target.id)) {
    throw new UserFacingError(`You cannot ${verb} ${target.name}: they are the last active admin. Make someone else an admin first.`);
  }
}

async function refuseTakenEmail(db: Db, email: string, exceptId?: string): Promise<void> {
  const conditions = [eq(sql`lower(${users.email})`, email.toLowerCase())];
  if (exceptId) conditions.push(ne(users.id, exceptId));
  const [taken] = await db.select({ id: users.id }).from(users).where(and(...conditions)).limit(1);
  if (taken) throw new UserFacingError(takenEmailMessage(email));
}

function takenEmailMessage(email: string): string {
  return `A user with the email ${email} already exists. If they were deactivated, reactivate them instead.`;
}

function userActor(actor: UserAdminActor): Actor {
  return { type: "user", userId: actor.userId, ip: actor.ip, userAgent: actor.userAgent };
}

async function audit(db: Db, actor: UserAdminActor, action: string, userId: string, before: Record<string, unknown> | null, after: Record<string, unknown>): Promise<void> {
  await writeAudit(db, { actor: userActor(actor), action, entityType: USER_ENTITY, entityId: userId, before, after });
}

/** PostgreSQL's unique_violation, whether the driver's error arrives bare or wrapped by drizzle. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
