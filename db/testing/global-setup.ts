import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../client";
import { runMigrations } from "../migrate";
import { DEFAULT_APP_ROLE, ensureAppRole } from "../roles";
import { appRoleOf, loginOf } from "../../lib/config/database-login";
import { databaseUrl } from "./config";
import "./config";

// Runs once per `vitest run`: migrate one database, which every test file then copies, and grant the app's role its
// rights in it (db/testing/config.ts says which role the copies are opened as).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const appUrl = process.env.DATABASE_URL;
  if (appUrl) return setupPostgres(project, process.env.DATABASE_MIGRATION_URL ?? appUrl, appUrl);
  return setupPglite(project);
}

async function setupPglite(project: TestProject) {
  const handle = await openDatabase({});
  // PGlite's one user is a superuser; the role exists so the test databases can SET ROLE to it.
  await ensureAppRole(handle.db, { name: DEFAULT_APP_ROLE });
  await runMigrations(handle, { appRole: DEFAULT_APP_ROLE });
  const dump = await handle.pglite!.dumpDataDir("none");
  await handle.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "orderline-test-"));
  const snapshotPath = path.join(dir, "migrated.tar");
  writeFileSync(snapshotPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDb", { kind: "pglite", snapshotPath, appRole: DEFAULT_APP_ROLE });
  return async () => rmSync(dir, { recursive: true, force: true });
}

/** serverUrl: the owner, who makes the databases and migrates; appUrl: the app's login, when another user. */
async function setupPostgres(project: TestProject, serverUrl: string, appUrl: string) {
  const appRole = appRoleOf({ DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: serverUrl });
  const prefix = `orderline_test_${process.pid}_${Date.now().toString(36)}`;
  const templateName = `${prefix}_template`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${templateName}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: databaseUrl(serverUrl, templateName), maxConnections: 1 });
  // The role belongs to the whole server: made once if missing (as `npm run db:roles` would), never changed.
  if (appRole) await ensureAppRole(handle.db, { name: appRole, password: loginOf(appUrl).password });
  await runMigrations(handle, { appRole });
  await handle.close();
  project.provide("testDb", { kind: "postgres", serverUrl, templateName, prefix, ...(appRole ? { appRole, appServerUrl: appUrl } : {}) });

  return async () => {
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      const leftovers = await cleanup<{ datname: string }[]>`
        select datname from pg_database where datname like ${prefix + "%"}`;
      // Test databases first: the template cannot be dropped while copies are being made from it.
      for (const { datname } of leftovers.sort((a, b) => Number(a.datname === templateName) - Number(b.datname === templateName))) {
        await cleanup.unsafe(`drop database if exists "${datname}" with (force)`);
      }
    } finally {
      await cleanup.end();
    }
  };
}
