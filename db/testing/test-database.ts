import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../client";
import { quoteIdentifier } from "../roles";
import { databaseUrl } from "./config";
import "./config";

export type TestDatabaseOptions = {
  /**
   * "app" (the default): with the app's rights, as the app's role (db/testing/config.ts). "owner": as the role that
   * owns the tables, for a test that must break the schema on purpose (drop a table) or test the owner's limits.
   */
  as?: "app" | "owner";
};

/**
 * A fresh, migrated database of its own for a test file (or a test): a copy of the run's migrated snapshot on
 * PGlite, or a new database made from the run's template on PostgreSQL. Close it in afterAll.
 */
export async function createTestDatabase({ as = "app" }: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const config = inject("testDb");
  if (config.kind === "pglite") {
    const snapshot = new Blob([readFileSync(config.snapshotPath)]);
    const handle = await openDatabase({ loadDataDir: snapshot });
    if (as === "app") await handle.pglite!.exec(`SET ROLE ${quoteIdentifier(config.appRole)}`);
    return handle;
  }

  const name = `${config.prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${config.templateName}"`);
  } finally {
    await admin.end();
  }
  const server = as === "app" && config.appServerUrl ? config.appServerUrl : config.serverUrl;
  const handle = await openDatabase({ url: databaseUrl(server, name), maxConnections: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * How the test databases' default handles hold the app's role: "login" (PostgreSQL, DATABASE_URL is the app's role),
 * "set role" (PGlite), or null (PostgreSQL run with one superuser URL: the handles are the owner's).
 */
export function appRoleOfTests(): { name: string; via: "login" | "set role" } | null {
  const config = inject("testDb");
  if (config.kind === "pglite") return { name: config.appRole, via: "set role" };
  return config.appRole && config.appServerUrl ? { name: config.appRole, via: "login" } : null;
}

/** PostgreSQL: the URL of a test database as its owner (the run's server login), beside a handle opened as the app. */
export function ownerUrlOf(handle: DatabaseHandle): string {
  const config = inject("testDb");
  if (config.kind !== "postgres" || !handle.url) throw new Error("ownerUrlOf: PostgreSQL test databases only");
  return databaseUrl(config.serverUrl, decodeURIComponent(new URL(handle.url).pathname.slice(1)));
}
