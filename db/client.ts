import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { appConfig, type AppConfig } from "@/lib/config/app-config";
import * as schema from "./schema";

// The one place that knows how to open a database: postgres.js when a URL is given, PGlite otherwise.
// Not marked "server-only" because the seed, migration scripts and tests import it too; nothing in a client
// component may import it (postgres and PGlite are Node-only and the build would fail).

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What domain functions take: the database or a transaction inside it. */
export type Db = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  /** The connection URL on PostgreSQL. */
  url?: string;
  /** The raw PGlite client (tests dump and clone it); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export type OpenOptions =
  | { url: string; maxConnections?: number }
  | { dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if ("url" in options) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Seconds to wait for a connection (postgres.js waits 30 by default): while the server is down or restarting
      // a request should fail within a few seconds with a clear error, not hang.
      connect_timeout: 5,
      // Seconds between reconnection attempts after failures. postgres.js grows this to 20 s, and a query issued
      // meanwhile waits it out: after an outage the app stayed down up to 20 s longer than the database did.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      // Numeric/bigint columns come back as strings by default; drizzle's column modes decide per column.
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Database;
    return { db, kind: "postgres", url: options.url, close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm: customer search (migration 0012); PGlite loads an extension only when it is named here.
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  return { db, kind: "pglite", pglite: client, close: () => client.close() };
}

/**
 * The database the app uses, from the settings (lib/config): DATABASE_URL, else PGlite in PGLITE_DIR (.data/pglite).
 * DATABASE_POOL_SIZE, when unset, is `defaultPoolSize` (10 for the app).
 */
export function databaseOptionsFromEnv(config: AppConfig = appConfig(), { defaultPoolSize = 10 } = {}): OpenOptions {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, maxConnections: config.DATABASE_POOL_SIZE ?? defaultPoolSize };
  // turbopackIgnore: a run-time folder, not a source file to trace into the build.
  return { dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), config.PGLITE_DIR) };
}

/**
 * The database the migration scripts (`npm run db:migrate`, `db:seed`, `db:roles`) open: DATABASE_MIGRATION_URL, the
 * tables' owner, when it is set beside DATABASE_URL; otherwise the app's own (DATABASE_URL, or PGlite).
 */
export function migrationOptionsFromEnv(config: AppConfig = appConfig()): OpenOptions {
  if (config.DATABASE_URL && config.DATABASE_MIGRATION_URL) return { url: config.DATABASE_MIGRATION_URL, maxConnections: config.DATABASE_POOL_SIZE ?? 10 };
  return databaseOptionsFromEnv(config);
}

/** Which driver the settings choose, without opening anything (for /api/health). */
export function databaseDriver(config: AppConfig = appConfig()): DatabaseHandle["kind"] {
  return config.DATABASE_URL ? "postgres" : "pglite";
}

// One client per process: Next.js may load this module in several module graphs (and again on hot reload),
// and two PGlite instances on one folder silently lose writes.
const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.__orderlineDb ??= openDatabase(databaseOptionsFromEnv()).catch((error: unknown) => {
    globalForDb.__orderlineDb = undefined;
    throw error;
  });
  return globalForDb.__orderlineDb;
}

/**
 * Closes the app's database at shutdown (postgres.js lets running queries finish first). The closed handle stays
 * in place, so a late caller gets an error rather than a second connection opened on the way out.
 */
export async function closeDatabase(): Promise<void> {
  const opening = globalForDb.__orderlineDb;
  if (!opening) return;
  const handle = await opening.catch(() => null);
  await handle?.close();
}

/** The app's database. */
export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Rows of a raw query, the same on both drivers (PGlite answers { rows }, postgres.js an array). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
