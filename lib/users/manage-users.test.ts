import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, sessions, users } from "@/db/schema";
import { makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser } from "@/lib/auth/sessions";
import { UserFacingError } from "@/lib/errors";
import { changeUserRole, createAdminFromCommandLine, createUser, listUsers, resetUserPassword, setUserActive, signOutEverywhere } from "./manage-users";

let handle: DatabaseHandle;
let admin: Awaited<ReturnType<typeof makeUser>>;
const actor = () => ({ userId: admin.id, ip: "203.0.113.9", userAgent: "vitest" });

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await makeUser(handle.db, { role: "admin", email: "alex.admin@shop.example", name: "Alex Admin" });
});
afterAll(async () => {
  await handle?.close();
});

async function auditOf(userId: string) {
  return handle.db.select().from(auditLog).where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, userId))).orderBy(asc(auditLog.id));
}

/** The ids of a user's sessions that are not revoked. */
async function openSessions(userId: string) {
  const rows = await handle.db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  return rows.map((r) => r.id);
}

describe("creating users", () => {
  it("creates a user with the password the admin typed, audited without any password", async () => {
    const { user, temporaryPassword } = await createUser(handle.db, { name: " Robin Rep ", email: "Robin@Shop.example", role: "rep", password: "tulip-window-42", actor: actor() });
    expect(temporaryPassword).toBeNull();
    expect(user).toMatchObject({ name: "Robin Rep", email: "Robin@Shop.example", role: "rep", active: true });
    expect(user).not.toHaveProperty("passwordHash");
    expect(await authenticate(handle.db, { email: "robin@shop.example", password: "tulip-window-42" })).toMatchObject({ id: user.id, role: "rep" });

    const [row] = await auditOf(user.id);
    expect(row).toMatchObject({
      actorType: "user",
      actorUserId: admin.id,
      action: "user.create",
      before: null,
      after: { name: "Robin Rep", email: "Robin@Shop.example", role: "rep", active: true, password: "set by admin" },
      ip: "203.0.113.9",
      userAgent: "vitest",
    });
    expect(JSON.stringify(row)).not.toMatch(/tulip|\$2[aby]\$/);
  });

  it("generates a temporary password, shown once, that signs the user in", async () => {
    const { user, temporaryPassword } = await createUser(handle.db, { name: "Tess Temp", email: "tess@shop.example", role: "fulfillment", password: null, actor: actor() });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await authenticate(handle.db, { email: "tess@shop.example", password: temporaryPassword })).toMatchObject({ id: user.id });
    const [row] = await auditOf(user.id);
    expect(row!.after).toMatchObject({ password: "temporary" });
    expect(JSON.stringify(row)).not.toContain(temporaryPassword!);
  });

  it("refuses an email that exists in any case, and a weak password, writing nothing", async () => {
    await expect(createUser(handle.db, { name: "Copy", email: "ROBIN@shop.example", role: "rep", password: null, actor: actor() })).rejects.toThrow(
      new UserFacingError("A user with the email ROBIN@shop.example already exists. If they were deactivated, reactivate them instead."),
    );
    await expect(createUser(handle.db, { name: "Weak", email: "weak@shop.example", role: "rep", password: "password1234", actor: actor() })).rejects.toThrow(
      /too weak\. This password is among the first that guessers try/,
    );
    const rows = await handle.db.select().from(users).where(eq(users.email, "weak@shop.example"));
    expect(rows).toEqual([]);
  });

  it("lists users without their password hashes, active first", async () => {
    const inactive = await makeUser(handle.db, { role: "rep", active: false, name: "Aaron Away" });
    const list = await listUsers(handle.db);
    expect(list.length).toBeGreaterThan(2);
    expect(list.every((u) => !("passwordHash" in u))).toBe(true);
    expect(list.at(-1)!.id).toBe(inactive.id);
  });
});

describe("roles and deactivation", () => {
  it("changes a role (audited before and after), and an existing session gets the new role at once", async () => {
    const rep = await makeUser(handle.db, { role: "rep" });
    const claims = await makeSession(handle.db, rep.id);
    const changed = await changeUserRole(handle.db, { userId: rep.id, role: "supervisor", actor: actor() });
    expect(changed.role).toBe("supervisor");
    expect((await loadSessionUser(handle.db, claims))?.role).toBe("supervisor");
    const [row] = await auditOf(rep.id);
    expect(row).toMatchObject({ action: "user.role_change", before: { role: "rep" }, after: { role: "supervisor" } });
    // The same role again is no change and no audit row.
    await changeUserRole(handle.db, { userId: rep.id, role: "supervisor", actor: actor() });
    expect(await auditOf(rep.id)).toHaveLength(1);
  });

  it("refuses an admin's change of their own role or their own deactivation", async () => {
    await expect(changeUserRole(handle.db, { userId: admin.id, role: "rep", actor: actor() })).rejects.toThrow(/cannot change your own role/);
    await expect(setUserActive(handle.db, { userId: admin.id, active: false, actor: actor() })).rejects.toThrow(/cannot deactivate your own account/);
    const [row] = await handle.db.select().from(users).where(eq(users.id, admin.id));
    expect(row).toMatchObject({ role: "admin", active: true });
  });

  it("ends a deactivated user's session at once and refuses their sign-in; reactivation lets them sign in again", async () => {
    const rep = await makeUser(handle.db, { role: "rep", email: "dana@shop.example", password: "dana-password-9" });
    const before = await makeSession(handle.db, rep.id);
    expect(await loadSessionUser(handle.db, before)).not.toBeNull();

    await setUserActive(handle.db, { userId: rep.id, active: false, actor: actor() });
    expect(await loadSessionUser(handle.db, before)).toBeNull();
    expect(await openSessions(rep.id)).toEqual([]);
    expect(await authenticate(handle.db, { email: "dana@shop.example", password: "dana-password-9" })).toBeNull();

    await setUserActive(handle.db, { userId: rep.id, active: true, actor: actor() });
    expect(await authenticate(handle.db, { email: "dana@shop.example", password: "dana-password-9" })).toMatchObject({ id: rep.id });
    // The session from before the deactivation stays over; a new sign-in works.
    expect(await loadSessionUser(handle.db, before)).toBeNull();
    expect(await loadSessionUser(handle.db, await makeSession(handle.db, rep.id, new Date(Date.now() + 1)))).not.toBeNull();
    expect((await auditOf(rep.id)).map((r) => [r.action, r.before, r.after])).toEqual([
      ["user.deactivate", { active: true }, { active: false }],
      ["user.reactivate", { active: false }, { active: true }],
    ]);
  });

  it("keeps the last active admin: of two admins removing each other at once, one is refused", async () => {
    const db = handle.db;
    const blair = await makeUser(db, { role: "admin", name: "Blair" });
    const casey = await makeUser(db, { role: "admin", name: "Casey" });
    // Only these two are admins for this test.
    await db.update(users).set({ role: "supervisor" }).where(eq(users.id, admin.id));
    try {
      const results = await Promise.allSettled([
        setUserActive(db, { userId: casey.id, active: false, actor: { userId: blair.id } }),
        setUserActive(db, { userId: blair.id, active: false, actor: { userId: casey.id } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(UserFacingError);
      expect(String(refused.reason)).toMatch(/last active admin/);
      const activeAdmins = await db.select().from(users).where(and(eq(users.role, "admin"), eq(users.active, true)));
      expect(activeAdmins).toHaveLength(1);

      // Demoting the one left is refused too, whoever asks.
      const survivor = activeAdmins[0]!;
      await expect(changeUserRole(db, { userId: survivor.id, role: "rep", actor: { userId: admin.id } })).rejects.toThrow(/last active admin/);
    } finally {
      await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    }
  });

  it("refuses changes to a user that does not exist", async () => {
    await expect(setUserActive(handle.db, { userId: "00000000-0000-4000-8000-000000000000", active: false, actor: actor() })).rejects.toThrow("That user does not exist.");
  });
});

describe("password resets", () => {
  it("sets the typed password, ends earlier sessions, and audits without the password", async () => {
    const rep = await makeUser(handle.db, { role: "rep", email: "erin@shop.example", password: "old-password-77" });
    const before = await makeSession(handle.db, rep.id);
    const { temporaryPassword } = await resetUserPassword(handle.db, { userId: rep.id, password: "new-passphrase-88", actor: actor() });
    expect(temporaryPassword).toBeNull();
    expect(await authenticate(handle.db, { email: "erin@shop.example", password: "old-password-77" })).toBeNull();
    expect(await authenticate(handle.db, { email: "erin@shop.example", password: "new-passphrase-88" })).toMatchObject({ id: rep.id });
    expect(await loadSessionUser(handle.db, before)).toBeNull();
    expect(await openSessions(rep.id)).toEqual([]);
    expect(await loadSessionUser(handle.db, await makeSession(handle.db, rep.id, new Date(Date.now() + 1)))).not.toBeNull();
    // A cookie from before sessions had rows names none, and counts as over.
    expect(await loadSessionUser(handle.db, { userId: rep.id })).toBeNull();
    const [row] = await auditOf(rep.id);
    expect(row).toMatchObject({ action: "user.password_reset", before: null, after: { password: "set by admin" } });
    expect(JSON.stringify(row)).not.toMatch(/passphrase|\$2[aby]\$/);
  });

  it("generates a temporary password when none is typed, and refuses a weak or personal one", async () => {
    const rep = await makeUser(handle.db, { role: "rep", email: "frankie.fulfil@shop.example", name: "Frankie Fulfil" });
    const { temporaryPassword } = await resetUserPassword(handle.db, { userId: rep.id, password: null, actor: actor() });
    expect(await authenticate(handle.db, { email: "frankie.fulfil@shop.example", password: temporaryPassword })).toMatchObject({ id: rep.id });
    await expect(resetUserPassword(handle.db, { userId: rep.id, password: "frankie-2026-pw", actor: actor() })).rejects.toThrow(/your name/);
    await expect(resetUserPassword(handle.db, { userId: rep.id, password: "short", actor: actor() })).rejects.toThrow(/at least 12/);
  });
});

// Last: these add active admins, which the last-admin tests above do not expect.
describe("an admin from the command line (npm run admin:create)", () => {
  it("creates an active admin with a one-time password, audited as the system with the command and the operator", async () => {
    const { user, temporaryPassword } = await createAdminFromCommandLine(handle.db, { name: "Olive Owner", email: "olive@shop.example", password: null, operator: "deploy@web-1" });
    expect(user).toMatchObject({ name: "Olive Owner", email: "olive@shop.example", role: "admin", active: true });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await authenticate(handle.db, { email: "olive@shop.example", password: temporaryPassword! })).toMatchObject({ id: user.id, role: "admin" });
    const [row] = await auditOf(user.id);
    expect(row).toMatchObject({
      actorType: "system",
      actorUserId: null,
      action: "user.create",
      before: null,
      after: { name: "Olive Owner", email: "olive@shop.example", role: "admin", active: true, password: "temporary", via: "npm run admin:create", operator: "deploy@web-1" },
      ip: null,
    });
    expect(JSON.stringify(row)).not.toContain(temporaryPassword!);
  });

  it("takes a typed password that passes the rule, and refuses a weak one or a taken email in any case", async () => {
    const { user, temporaryPassword } = await createAdminFromCommandLine(handle.db, { name: "Pat Boss", email: "pat@shop.example", password: "marble-kettle-93", operator: "root@host" });
    expect(temporaryPassword).toBeNull();
    expect(await authenticate(handle.db, { email: "pat@shop.example", password: "marble-kettle-93" })).toMatchObject({ id: user.id, role: "admin" });
    expect((await auditOf(user.id))[0]!.after).toMatchObject({ password: "set by operator" });

    await expect(createAdminFromCommandLine(handle.db, { name: "Pat Again", email: "PAT@Shop.Example", password: null, operator: "root@host" })).rejects.toThrow(/already exists/);
    await expect(createAdminFromCommandLine(handle.db, { name: "Weak Admin", email: "weak.admin@shop.example", password: "qwertyuiop12", operator: "root@host" })).rejects.toThrow(/too weak/);
    const admins = await handle.db.select().from(users).where(eq(users.email, "weak.admin@shop.example"));
    expect(admins).toEqual([]);
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user and no one else's, audited with how many ended; signing in again works", async () => {
    const rep = await makeUser(handle.db, { role: "rep", email: "gale@shop.example", password: "gale-password-5" });
    const other = await makeUser(handle.db, { role: "rep" });
    const laptop = await makeSession(handle.db, rep.id);
    const phone = await makeSession(handle.db, rep.id);
    const theirs = await makeSession(handle.db, other.id);

    const { ended } = await signOutEverywhere(handle.db, { userId: rep.id, actor: actor() });
    expect(ended).toBe(2);
    expect(await loadSessionUser(handle.db, laptop)).toBeNull();
    expect(await loadSessionUser(handle.db, phone)).toBeNull();
    expect(await loadSessionUser(handle.db, theirs)).toMatchObject({ id: other.id });
    const [row] = await auditOf(rep.id);
    expect(row).toMatchObject({ actorUserId: admin.id, action: "user.sign_out_everywhere", before: null, after: { sessionsEnded: 2 }, ip: "203.0.113.9" });

    // The account is as it was: the same password signs in, and the new session is good.
    expect(await authenticate(handle.db, { email: "gale@shop.example", password: "gale-password-5" })).toMatchObject({ id: rep.id });
    expect(await loadSessionUser(handle.db, await makeSession(handle.db, rep.id))).toMatchObject({ id: rep.id });
    // Nothing open: still a clear answer, and still audited.
    await signOutEverywhere(handle.db, { userId: other.id, actor: { userId: other.id } });
    expect((await signOutEverywhere(handle.db, { userId: other.id, actor: { userId: other.id } })).ended).toBe(0);
    await expect(signOutEverywhere(handle.db, { userId: "00000000-0000-4000-8000-000000000000", actor: actor() })).rejects.toThrow("That user does not exist.");
  });
});
