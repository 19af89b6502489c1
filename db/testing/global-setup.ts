import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../client";
import { runMigrations } from "../migrate";
import { databaseUrl } from "./config";
import "./config";

// Runs once per `vitest run`: migrate one database, which every test file then copies.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return setupPostgres(project, serverUrl);
  return setupPglite(project);
}

async function setupPglite(project: TestProject) {
  const handle = await openDatabase({});
  await runMigrations(handle);
  const dump = await handle.pglite!.dumpDataDir("none");
  await handle.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "orderline-test-"));
  const snapshotPath = path.join(dir, "migrated.tar");
  writeFileSync(snapshotPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDb", { kind: "pglite", snapshotPath });
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject, serverUrl: string) {
  const prefix = `orderline_test_${process.pid}_${Date.now().toString(36)}`;
  const templateName = `${prefix}_template`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${templateName}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: databaseUrl(serverUrl, templateName), maxConnections: 1 });
  await runMigrations(handle);
  await handle.close();
  project.provide("testDb", { kind: "postgres", serverUrl, templateName, prefix });

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
