import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import type { AppConfig } from "@/lib/config/app-config";
import { queryRows, type DatabaseHandle, type Db } from "./client";
import { appRoleOf } from "@/lib/config/database-login";
import { grantAppRole, pgErrorCode } from "./roles";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Several app instances may start at once against one PostgreSQL: a session advisory lock on one dedicated
// connection lets one migrate while the others wait, then find nothing left to do.
const MIGRATION_LOCK = 72_410_001;

export type MigrationOptions = {
  /** PostgreSQL: migrate through this URL (the tables' owner) instead of the handle's. */
  url?: string;
  /** Then grant this role the app's rights (db/roles.ts), under the same lock. */
  appRole?: string;
};

/** Applies pending migrations; with `appRole`, grants that role its rights afterwards (also when nothing was pending). */
export async function runMigrations(handle: DatabaseHandle, options: MigrationOptions = {}): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    if (options.appRole) await grantAppRole(handle.db, options.appRole);
    return;
  }
  const client = postgres(options.url ?? handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const db = drizzle(client);
    await migratePostgres(db, { migrationsFolder });
    if (options.appRole) await grantAppRole(db as unknown as Db, options.appRole);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * How many migrations this build has that the database lacks, read from drizzle's list (the app's role may read it,
 * not change it). Drizzle applies a migration when it is newer than the last one recorded, so this counts the same.
 */
export async function pendingMigrations(db: Db): Promise<number> {
  const known = readMigrationFiles({ migrationsFolder }).map((migration) => migration.folderMillis);
  const [table] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!table?.present) return known.length;
  const [last] = await queryRows<{ at: string | number | null }>(db, sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  const lastApplied = last?.at === null || last?.at === undefined ? -Infinity : Number(last.at);
  return known.filter((millis) => millis > lastApplied).length;
}

/**
 * The migrations as the app and `npm run worker` run them at start: through DATABASE_MIGRATION_URL when it is set
 * (then granting DATABASE_URL's role its rights), else through the app's own connection — except in production on
 * PostgreSQL, where the app's login is not meant to own anything: there it migrates nothing, and start-up asks
 * unappliedMigrationsProblem() instead (the release step runs `npm run db:migrate`).
 */
export async function migrateAtStart(handle: DatabaseHandle, config: AppConfig): Promise<void> {
  if (handle.kind === "postgres" && config.DATABASE_MIGRATION_URL) {
    await runMigrations(handle, { url: config.DATABASE_MIGRATION_URL, appRole: appRoleOf(config) });
  } else if (!migratesNothingAtStart(handle, config)) {
    await runMigrations(handle);
  }
}

/** Production on PostgreSQL without DATABASE_MIGRATION_URL: the app only checks the schema is up to date. */
export function migratesNothingAtStart(handle: DatabaseHandle, config: AppConfig): boolean {
  return handle.kind === "postgres" && !config.DATABASE_MIGRATION_URL && config.NODE_ENV === "production";
}

/** A sentence when the database lacks migrations of this build (or the app's role may not see which), else null. */
export async function unappliedMigrationsProblem(db: Db): Promise<string | null> {
  let pending: number;
  try {
    pending = await pendingMigrations(db);
  } catch (error) {
    // No grant on drizzle's list: a database migrated before the app had a role of its own.
    if (pgErrorCode(error) !== "42501") throw error;
    return (
      "DATABASE_URL's role may not read the migration list (drizzle.__drizzle_migrations): its rights were never granted. " +
      "Run `npm run db:roles` with DATABASE_MIGRATION_URL (the tables' owner) and DATABASE_URL set, as the README's Production section says."
    );
  }
  if (pending === 0) return null;
  return (
    `The database lacks ${pending} migration${pending === 1 ? "" : "s"} of this build, and without DATABASE_MIGRATION_URL the app applies none. ` +
    "Run `npm run db:migrate` with DATABASE_MIGRATION_URL (the tables' owner) and DATABASE_URL set before starting this release, or set DATABASE_MIGRATION_URL for the app too."
  );
}
