import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { escalations } from "@/db/schema";
import { makeOrder, makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";

// The actions' role checks, through the real action wrapper and a real database: only the session is stood in for
// (whoever `signedIn` names is signed in), and revalidation, which needs a running Next.js server.

const session = vi.hoisted(() => ({ userId: null as string | null, sessionIds: {} as Record<string, string> }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => (session.userId ? { user: { id: session.userId, sessionId: session.sessionIds[session.userId] } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { acknowledgeEscalationAction, commentOnEscalationAction, raiseEscalationAction, reassignEscalationAction, resolveEscalationAction } = await import("./actions");

describe("escalation actions: who may do what", () => {
  let handle: DatabaseHandle;
  const users: Record<"rep" | "fulfillment" | "supervisor" | "admin", string> = { rep: "", fulfillment: "", supervisor: "", admin: "" };
  let orderId: string;
  const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

  beforeAll(async () => {
    handle = await createTestDatabase();
    // The app's database handle (db/client.ts getDb) is this test's database.
    globalForDb.__orderlineDb = Promise.resolve(handle);
    for (const role of ["rep", "fulfillment", "supervisor", "admin"] as const) {
      users[role] = (await makeUser(handle.db, { role })).id;
      session.sessionIds[users[role]] = (await makeSession(handle.db, users[role])).sessionId;
    }
    orderId = (await makeOrder(handle.db, { status: "processing" })).id;
  });
  afterAll(async () => {
    globalForDb.__orderlineDb = undefined;
    await handle?.close();
  });
  beforeEach(() => {
    session.userId = null;
  });

  const raise = (reason: string) => raiseEscalationAction({ subject: "order", subjectId: orderId, reason, severity: "medium", note: "" });

  it("lets rep, fulfillment and supervisor raise, not an admin or nobody", async () => {
    for (const role of ["rep", "fulfillment", "supervisor"] as const) {
      session.userId = users[role];
      expect(await raise(`Raised by ${role}`), role).toMatchObject({ ok: true });
    }
    session.userId = users.admin;
    expect(await raise("Raised by admin")).toEqual({ ok: false, message: "Your role does not allow this action." });
    session.userId = null;
    expect(await raise("Raised by nobody")).toMatchObject({ ok: false, message: expect.stringMatching(/session has ended/) });
    expect(await handle.db.select().from(escalations).where(eq(escalations.orderId, orderId))).toHaveLength(3);
  });

  it("lets only a supervisor acknowledge, assign, comment and resolve", async () => {
    session.userId = users.fulfillment;
    const raised = await raise("Fulfillment raises, cannot handle");
    if (!raised.ok) throw new Error(raised.message);
    const escalationId = raised.data.id;
    const attempts = [
      () => acknowledgeEscalationAction({ escalationId }),
      () => reassignEscalationAction({ escalationId, assigneeId: users.supervisor }),
      () => commentOnEscalationAction({ escalationId, body: "Mine now" }),
      () => resolveEscalationAction({ escalationId, outcome: "Sorted it myself" }),
    ];
    for (const role of ["rep", "fulfillment", "admin"] as const) {
      session.userId = users[role];
      for (const attempt of attempts) expect(await attempt(), role).toEqual({ ok: false, message: "Your role does not allow this action." });
    }
    expect((await handle.db.select().from(escalations).where(eq(escalations.id, escalationId)))[0]).toMatchObject({ status: "open", assigneeId: null });

    session.userId = users.supervisor;
    expect(await acknowledgeEscalationAction({ escalationId })).toMatchObject({ ok: true });
    expect(await commentOnEscalationAction({ escalationId, body: "Looking into it" })).toMatchObject({ ok: true });
    expect(await resolveEscalationAction({ escalationId, outcome: "" })).toMatchObject({ ok: false, fieldErrors: { outcome: [expect.stringMatching(/Write the outcome/)] } });
    expect(await resolveEscalationAction({ escalationId, outcome: "Carrier re-sent the parcel" })).toMatchObject({ ok: true });
    // A stale second decision reads as the refusal, never as an internal error.
    expect(await acknowledgeEscalationAction({ escalationId })).toMatchObject({ ok: false, message: expect.stringMatching(/^This escalation is not open: it was resolved by/) });
  });

  it("answers bad input with field errors", async () => {
    session.userId = users.rep;
    const result = await raiseEscalationAction({ subject: "order", subjectId: "not-a-uuid", reason: "", severity: "urgent" as "high" });
    expect(result).toMatchObject({ ok: false, message: "Some fields need attention." });
    expect(Object.keys((result as { fieldErrors: Record<string, string[]> }).fieldErrors).sort()).toEqual(["reason", "severity", "subjectId"]);
  });
});
