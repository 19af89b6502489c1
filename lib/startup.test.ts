import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { makeUser } from "@/db/testing/fixtures";
import { appRoleOfTests, createTestDatabase, ownerUrlOf } from "@/db/testing/test-database";

// The real start-up path in a process of its own: instrumentation.ts's register(), as `next start` calls it, with
// NODE_ENV=production and only the variables each case gives (nothing inherited from this shell).

const root = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "orderline-startup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Run = { code: number | null; errors: string[]; stdout: string };

function startInProduction(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", "import('./instrumentation.ts').then((m) => m.register())"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", NEXT_RUNTIME: "nodejs", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const errors = stderr
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      resolve({ code, errors, stdout });
    });
  });
}

// Each case starts a process of its own (tsx loads the whole start-up path): seconds each, more on a busy machine.
describe("production start-up", { timeout: 90_000 }, () => {
  it("exits 1 with nothing set, one line per missing setting, and opens no database", async () => {
    const pgliteDir = path.join(scratch, "untouched");
    const run = await startInProduction({ PGLITE_DIR: pgliteDir });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^DATABASE_URL is not set: .*ALLOW_EMBEDDED_DB=true/),
      expect.stringMatching(/^AUTH_SECRET is not set: /),
      expect.stringMatching(/^APP_URL is not set: /),
      "Orderline refuses to start: 3 configuration problems above",
    ]);
    expect(existsSync(pgliteDir)).toBe(false);
    // The effective configuration was printed first, on one line.
    const [configLine] = run.stdout.split("\n").filter((line) => line.includes('"msg":"configuration"'));
    expect(JSON.parse(configLine!).config).toMatchObject({ NODE_ENV: "production", DATABASE_URL: null, AUTH_SECRET: null });
  });

  it("exits 1 on a bad value, naming it", async () => {
    const run = await startInProduction({ OUTBOX_POLL_MS: "soon", SEED_DEMO_DATA: "maybe" });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      'SEED_DEMO_DATA must be true or false (got "maybe")',
      'OUTBOX_POLL_MS must be a whole number of milliseconds, at least 50 (got "soon")',
      "Orderline refuses to start: 2 configuration problems above",
    ]);
  });

  it("after connecting, adds active demo accounts to the list (without SEED_DEMO_DATA=true)", async () => {
    const { env, handle } = await databaseWithDemoAdmin();
    try {
      const run = await startInProduction({ ...env, AUTH_SECRET: "too-short", APP_URL: "http://localhost:3000" });
      expect(run.code).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(/^AUTH_SECRET is too short/),
        expect.stringMatching(/^APP_URL points at this machine/),
        expect.stringMatching(/^Demo accounts are active in this database \(admin@orderline.test\) and SEED_DEMO_DATA is not true/),
        ...superuserLine,
        `Orderline refuses to start: ${3 + superuserLine.length} configuration problems above`,
      ]);
    } finally {
      await handle?.close();
    }
  });

  it.runIf(onPostgres)("refuses a database login that could rewrite the audit log: the tables' owner or a superuser", async () => {
    const owner = await createTestDatabase({ as: "owner" });
    try {
      const run = await startInProduction({ ...goodSettings, DATABASE_URL: owner.url! });
      expect(run.code).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(/^DATABASE_URL logs in as "[^"]+", (a superuser|which owns).*npm run db:roles/),
        "Orderline refuses to start: 1 configuration problem above",
      ]);
    } finally {
      await owner.close();
    }
  });

  it.runIf(onPostgres)("without DATABASE_MIGRATION_URL, migrates nothing and refuses a database that lacks this build's migrations", async () => {
    const handle = await createTestDatabase();
    const owner = await openDatabase({ url: ownerUrlOf(handle), maxConnections: 1 });
    try {
      // The newest migration forgotten, as if this build were newer than the database.
      await owner.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
      const run = await startInProduction({ ...goodSettings, DATABASE_URL: handle.url! });
      expect(run.code).toBe(1);
      expect(run.errors).toEqual([
        ...superuserLine,
        expect.stringMatching(/^The database lacks 1 migration of this build, and without DATABASE_MIGRATION_URL the app applies none\. Run `npm run db:migrate`/),
        `Orderline refuses to start: ${1 + superuserLine.length} configuration problem${superuserLine.length ? "s" : ""} above`,
      ]);
    } finally {
      await owner.close();
      await handle.close();
    }
  });
});

describe.runIf(appRoleOfTests()?.via === "login")("production start-up as the app's login", { timeout: 90_000 }, () => {
  it("refuses a role whose rights were never granted, saying how to grant them", async () => {
    const handle = await createTestDatabase();
    const owner = await openDatabase({ url: ownerUrlOf(handle), maxConnections: 1 });
    try {
      // As a database migrated before the app had a role of its own.
      await owner.db.execute(sql.raw(`revoke all on all tables in schema public from "${appRoleOfTests()!.name}"`));
      const run = await startInProduction({ ...goodSettings, SEED_DEMO_DATA: "false", DATABASE_URL: handle.url! });
      expect(run.code).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(/^DATABASE_URL's role may not read the users table: .*npm run db:roles/),
        expect.stringMatching(/^DATABASE_URL logs in as "[^"]+", which may not read [a-z_, ]+ and \d+ more: .*npm run db:roles/),
        "Orderline refuses to start: 2 configuration problems above",
      ]);
    } finally {
      await owner.close();
      await handle.close();
    }
  });
});

const onPostgres = inject("testDb").kind === "postgres";
// A PostgreSQL run without the app's login (one superuser DATABASE_URL) opens its databases as a superuser, which
// production refuses as well (PGlite is exempt: one process, no other login).
const superuserLine = onPostgres && appRoleOfTests()?.via !== "login" ? [expect.stringMatching(/^DATABASE_URL logs in as "[^"]+", a superuser/)] : [];
const goodSettings = { AUTH_SECRET: "s".repeat(40), APP_URL: "https://orders.example.com", SEED_DEMO_DATA: "true", OUTBOX_WORKER: "off" };

/** A migrated database the child process can open, holding the demo admin: the run's PostgreSQL, or a PGlite folder. */
async function databaseWithDemoAdmin(): Promise<{ env: Record<string, string>; handle: DatabaseHandle | null }> {
  const testDb = inject("testDb");
  if (testDb.kind === "postgres") {
    const handle = await createTestDatabase();
    await makeUser(handle.db, { role: "admin", email: "admin@orderline.test" });
    return { env: { DATABASE_URL: handle.url! }, handle };
  }
  const dataDir = path.join(scratch, "pglite");
  const handle = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(testDb.snapshotPath)]) });
  await makeUser(handle.db, { role: "admin", email: "admin@orderline.test" });
  // PGlite: one process per folder, so this one lets go before the app opens it.
  await handle.close();
  return { env: { PGLITE_DIR: dataDir, ALLOW_EMBEDDED_DB: "true" }, handle: null };
}
