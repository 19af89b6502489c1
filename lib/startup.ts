import { closeDatabase, getDatabase, type DatabaseHandle } from "@/db/client";
import { migrateAtStart, migratesNothingAtStart, unappliedMigrationsProblem } from "@/db/migrate";
import { pgErrorCode, readRoleFacts } from "@/db/roles";
import { seedIfEmpty } from "@/db/seed";
import { appConfig, seedDemoData, type AppConfig } from "@/lib/config/app-config";
import { databaseRoleProblems, demoAccountsProblem, productionProblems } from "@/lib/config/production-checks";
import { configOrRefuse, logConfiguration, refuseToStart } from "@/lib/config/report";
import { startInAppWorker, stopInAppWorker } from "@/lib/delivery/in-app-worker";
import { activeDemoAccounts, forgetDemoDataCheck } from "@/lib/demo-data";
import { instanceId } from "@/lib/instance-id";
import { log } from "@/lib/log";
import { createShutdown, installGracefulShutdown } from "@/lib/shutdown";

/**
 * Settings first: a bad value anywhere, or in production an unsafe setting (lib/config/production-checks.ts), active
 * demo accounts without SEED_DEMO_DATA=true, or a database login that could rewrite the audit log, ends the process
 * with every problem on its own line. Then the migrations (prepareSchema), and demo data in an empty database when
 * SEED_DEMO_DATA says so (by default: everywhere but production).
 */
export async function prepareDatabase(): Promise<void> {
  const config = configOrRefuse();
  logConfiguration(config, { instanceId: instanceId(), pid: process.pid });
  const production = config.NODE_ENV === "production";
  const problems = productionProblems(config);
  // Production never opens the embedded database by accident, not even to look for demo accounts.
  if (production && !config.DATABASE_URL && !config.ALLOW_EMBEDDED_DB) refuseToStart(problems);

  const started = Date.now();
  const handle = await getDatabase();
  if (production && !seedDemoData(config)) {
    try {
      // Before the migrations: a refused start leaves the database as it found it.
      const demo = await activeDemoAccounts(handle.db);
      if (demo.length > 0) problems.push(demoAccountsProblem(demo));
    } catch (error) {
      // The app's role before its first grants (an installation moving to a login of its own): say what fixes it.
      if (pgErrorCode(error) === "42501") {
        problems.push("DATABASE_URL's role may not read the users table: its rights were never granted. Run `npm run db:roles` with DATABASE_MIGRATION_URL (the tables' owner) and DATABASE_URL set.");
      } else if (problems.length === 0) {
        throw error;
      } else {
        log.error("could not reach the database to check for demo accounts", { error });
        problems.push("The database could not be checked for demo accounts: it did not answer (error above).");
      }
    }
  }
  const refused = await prepareSchema(handle, config, problems);
  if (refused.length > 0) {
    await closeDatabase();
    refuseToStart(refused);
  }

  const seeded = seedDemoData(config) ? await seedIfEmpty(handle.db) : false;
  if (seeded) forgetDemoDataCheck();
  log.info("database ready", { driver: handle.kind, demoDataSeeded: seeded, ms: Date.now() - started });
}

/**
 * The database part of start-up, shared with `npm run worker`; returns every problem, having migrated nothing when
 * there is one. In production on PostgreSQL the role DATABASE_URL logs in as must not be able to rewrite the audit
 * log (lib/config/production-checks.ts databaseRoleProblems). Without DATABASE_MIGRATION_URL the app only reads:
 * the role and whether this build's migrations are applied join the other problems. With it, the migrations run
 * first (granting the role its rights) and the role is checked after. Outside production a risky role is a warning.
 */
export async function prepareSchema(handle: DatabaseHandle, config: AppConfig, problems: readonly string[]): Promise<string[]> {
  const production = config.NODE_ENV === "production";
  const roleProblems = async () => (handle.kind === "postgres" ? databaseRoleProblems(await readRoleFacts(handle.db)) : []);
  if (migratesNothingAtStart(handle, config)) {
    const schema = await unappliedMigrationsProblem(handle.db);
    return [...problems, ...(await roleProblems()), ...(schema ? [schema] : [])];
  }
  if (problems.length > 0) return [...problems];
  await migrateAtStart(handle, config);
  const after = await roleProblems();
  if (production) return after;
  if (after.length > 0) log.warn("production would refuse this database login", { problems: after });
  return [];
}

/** The outbox worker inside the app process, unless OUTBOX_WORKER=off (then run `npm run worker`). */
export async function startOutboxWorker(): Promise<void> {
  startInAppWorker((await getDatabase()).db);
}

/** On SIGTERM/SIGINT: stop the in-app worker loops (each finishes its batch), then close the database (lib/shutdown.ts). */
export function handleShutdownSignals(): void {
  const holder = globalThis as typeof globalThis & { __orderlineShutdownInstalled?: boolean };
  if (holder.__orderlineShutdownInstalled) return;
  holder.__orderlineShutdownInstalled = true;
  installGracefulShutdown(createShutdown({ stopWorkers: stopInAppWorker, closeDatabase, timeoutMs: appConfig().SHUTDOWN_TIMEOUT_MS }));
}

/** The message server.mjs's primary waits for: this process got through its start-up checks and migrations. */
export const STARTED_MESSAGE = "orderline:started";

/**
 * Under server.mjs's several processes (Node's cluster), tells the primary this one started. A process that exits
 * before saying so was refused at start-up (bad settings, an unreachable database), and the primary stops instead of
 * starting it again and again. Elsewhere (one process, `next dev`) there is no one to tell.
 */
export function announceStarted(): void {
  process.send?.({ type: STARTED_MESSAGE });
}
