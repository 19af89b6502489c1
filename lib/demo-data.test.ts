import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { testConfig } from "@/lib/config/test-config";
import { activeDemoAccounts, demoDataOn, demoLogins, forgetDemoDataCheck } from "./demo-data";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});
beforeEach(() => forgetDemoDataCheck());

describe("demo data", () => {
  it("finds the active demo accounts, whatever the case of their email, and only those", async () => {
    await makeUser(handle.db, { role: "admin", email: "alex@shop.example" });
    expect(await activeDemoAccounts(handle.db)).toEqual([]);
    expect(await demoDataOn(handle.db, testConfig())).toBe(false);

    const rep = await makeUser(handle.db, { role: "rep", email: "Rep@Orderline.test" });
    await makeUser(handle.db, { role: "supervisor", email: "supervisor@orderline.test", active: false });
    // An address in the demo domain that is not a documented login does not count.
    await makeUser(handle.db, { role: "rep", email: "jordan.lee@orderline.test" });
    expect(await activeDemoAccounts(handle.db)).toEqual(["Rep@Orderline.test"]);
    forgetDemoDataCheck();
    expect(await demoDataOn(handle.db, testConfig())).toBe(true);

    await handle.db.update(users).set({ active: false }).where(eq(users.id, rep.id));
    expect(await activeDemoAccounts(handle.db)).toEqual([]);
  });

  it("is on with SEED_DEMO_DATA=true whatever the database holds", async () => {
    expect(await demoDataOn(handle.db, testConfig({ SEED_DEMO_DATA: "true" }))).toBe(true);
  });

  it("keeps its answer for 30 seconds, then asks the database again", async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await demoDataOn(fresh.db, testConfig(), 1_000_000)).toBe(false);
      await makeUser(fresh.db, { role: "admin", email: "admin@orderline.test" });
      expect(await demoDataOn(fresh.db, testConfig(), 1_020_000)).toBe(false);
      expect(await demoDataOn(fresh.db, testConfig(), 1_031_000)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it("answers none before the migrations have made the users table", async () => {
    const empty = await openDatabase({});
    try {
      expect(await activeDemoAccounts(empty.db)).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it("lists the documented logins for the sign-in page", () => {
    const { accounts, password } = demoLogins();
    expect(password).toBe("orderline-demo");
    expect(accounts.map((a) => a.email)).toContain("admin@orderline.test");
  });
});
