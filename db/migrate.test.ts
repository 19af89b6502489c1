import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { appRoleOfTests, createTestDatabase } from "@/db/testing/test-database";
import { testConfig } from "@/lib/config/test-config";
import { DEFAULT_APP_ROLE, ensureAppRole, grantAppRole, quoteIdentifier } from "./roles";
import { migratesNothingAtStart, pendingMigrations, unappliedMigrationsProblem } from "./migrate";

// Production without DATABASE_MIGRATION_URL migrates nothing at start: it reads drizzle's list as the app's role and
// refuses a database that lacks a migration of its build (lib/startup.ts).

const role = appRoleOfTests()?.name ?? DEFAULT_APP_ROLE;

describe("migrations at start", () => {
  let owner: DatabaseHandle;
  beforeAll(async () => {
    owner = await createTestDatabase({ as: "owner" });
    // Granted in the run's template already, except on a PostgreSQL run with one superuser URL.
    await ensureAppRole(owner.db, { name: role });
    await grantAppRole(owner.db, role);
  });
  afterAll(async () => {
    await owner?.close();
  });

  it("migrate through DATABASE_MIGRATION_URL, or DATABASE_URL outside production, and in production without it only check", () => {
    const postgres = { kind: "postgres" } as DatabaseHandle;
    const pglite = { kind: "pglite" } as DatabaseHandle;
    const url = "postgres://orderline_app@db/orderline";
    expect(migratesNothingAtStart(postgres, testConfig({ NODE_ENV: "production", DATABASE_URL: url }))).toBe(true);
    expect(migratesNothingAtStart(postgres, testConfig({ NODE_ENV: "production", DATABASE_URL: url, DATABASE_MIGRATION_URL: "postgres://owner@db/orderline" }))).toBe(false);
    expect(migratesNothingAtStart(postgres, testConfig({ NODE_ENV: "development", DATABASE_URL: url }))).toBe(false);
    expect(migratesNothingAtStart(pglite, testConfig({ NODE_ENV: "production", ALLOW_EMBEDDED_DB: "true" }))).toBe(false);
  });

  it("count this build's migrations the database lacks, as the app's role reads them", async () => {
    const asApp = <T>(read: (db: Db) => Promise<T>) =>
      owner.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL ROLE ${quoteIdentifier(role)}`));
        return read(tx);
      });
    const check = () => asApp(async (db) => ({ pending: await pendingMigrations(db), problem: await unappliedMigrationsProblem(db) }));
    expect(await check()).toEqual({ pending: 0, problem: null });
    // The two newest forgotten, as if this build were two migrations ahead of the database.
    await owner.db.execute(sql`delete from drizzle.__drizzle_migrations where id in (select id from drizzle.__drizzle_migrations order by created_at desc limit 2)`);
    const behind = await check();
    expect(behind.pending).toBe(2);
    expect(behind.problem).toMatch(/^The database lacks 2 migrations of this build, and without DATABASE_MIGRATION_URL the app applies none\. Run `npm run db:migrate`/);
    // A role never granted the list is told how to grant it, rather than failing with the driver's words.
    await owner.db.execute(sql.raw(`REVOKE SELECT ON drizzle.__drizzle_migrations FROM ${quoteIdentifier(role)}`));
    // The refused read aborts the transaction, which then ends in an error of its own (PGlite: "rolled back";
    // postgres.js: the refusal again); the answer was given before.
    let answer: string | null = null;
    await asApp(async (db) => (answer = await unappliedMigrationsProblem(db))).catch((error: unknown) => {
      if (!/rolled back|permission denied for table __drizzle_migrations/.test(String(error))) throw error;
    });
    expect(answer).toMatch(/^DATABASE_URL's role may not read the migration list .*npm run db:roles/);
  });
});
