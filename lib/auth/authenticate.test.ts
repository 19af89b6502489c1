import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { authenticate } from "./authenticate";
import { loadSessionUser } from "./sessions";

describe("authenticate", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("signs in with the right password, whatever the email's case and spaces", async () => {
    const user = await makeUser(handle.db, { role: "rep", email: "Riley@Shop.example", password: "s3cret-enough" });
    const result = await authenticate(handle.db, { email: "  riley@shop.EXAMPLE ", password: "s3cret-enough" });
    expect(result).toEqual({ id: user.id, name: user.name, email: "Riley@Shop.example", role: "rep" });
  });

  it("refuses a wrong password, an unknown email and malformed input alike", async () => {
    await makeUser(handle.db, { role: "supervisor", email: "sasha@shop.example", password: "right-one" });
    expect(await authenticate(handle.db, { email: "sasha@shop.example", password: "wrong-one" })).toBeNull();
    expect(await authenticate(handle.db, { email: "nobody@shop.example", password: "right-one" })).toBeNull();
    expect(await authenticate(handle.db, { email: "not an email", password: "x" })).toBeNull();
    expect(await authenticate(handle.db, { email: ["sasha@shop.example"], password: 1 })).toBeNull();
    expect(await authenticate(handle.db, null)).toBeNull();
  });

  it("refuses a deactivated user, and a session of one stops working at once", async () => {
    const user = await makeUser(handle.db, { role: "fulfillment", email: "frankie@shop.example", password: "pw-pw-pw" });
    const session = await makeSession(handle.db, user.id);
    expect(await loadSessionUser(handle.db, session)).toMatchObject({ role: "fulfillment" });
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await authenticate(handle.db, { email: "frankie@shop.example", password: "pw-pw-pw" })).toBeNull();
    expect(await loadSessionUser(handle.db, session)).toBeNull();
  });

  it("reads the role afresh, so a role change applies to an existing session", async () => {
    const user = await makeUser(handle.db, { role: "rep" });
    const session = await makeSession(handle.db, user.id);
    await handle.db.update(users).set({ role: "supervisor" }).where(eq(users.id, user.id));
    expect((await loadSessionUser(handle.db, session))?.role).toBe("supervisor");
    expect(await loadSessionUser(handle.db, { userId: "not-a-uuid", sessionId: session.sessionId })).toBeNull();
  });
});
