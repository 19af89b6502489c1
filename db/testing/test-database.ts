import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../client";
import { databaseUrl } from "./config";
import "./config";

/**
 * A fresh, migrated database of its own for a test file (or a test): a copy of the run's migrated snapshot on
 * PGlite, or a new database made from the run's template on PostgreSQL. Close it in afterAll.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const config = inject("testDb");
  if (config.kind === "pglite") {
    const snapshot = new Blob([readFileSync(config.snapshotPath)]);
    return openDatabase({ loadDataDir: snapshot });
  }

  const name = `${config.prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${config.templateName}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: databaseUrl(config.serverUrl, name), maxConnections: 5 });
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
