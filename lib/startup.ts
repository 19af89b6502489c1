import { closeDatabase, getDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedIfEmpty } from "@/db/seed";
import { appConfig, seedDemoData } from "@/lib/config/app-config";
import { demoAccountsProblem, productionProblems } from "@/lib/config/production-checks";
import { configOrRefuse, logConfiguration, refuseToStart } from "@/lib/config/report";
import { startInAppWorker, stopInAppWorker } from "@/lib/delivery/in-app-worker";
import { activeDemoAccounts, forgetDemoDataCheck } from "@/lib/demo-data";
import { instanceId } from "@/lib/instance-id";
import { log } from "@/lib/log";
import { createShutdown, installGracefulShutdown } from "@/lib/shutdown";

/**
 * Settings first: a bad value anywhere, or in production an unsafe setting (lib/config/production-checks.ts) or
 * active demo accounts without SEED_DEMO_DATA=true, ends the process with every problem on its own line. Then the
 * migrations, and demo data in an empty database when SEED_DEMO_DATA says so (by default: everywhere but production).
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
      if (problems.length === 0) throw error;
      log.error("could not reach the database to check for demo accounts", { error });
      problems.push("The database could not be checked for demo accounts: it did not answer (error above).");
    }
  }
  if (problems.length > 0) {
    await closeDatabase();
    refuseToStart(problems);
  }

  await runMigrations(handle);
  const seeded = seedDemoData(config) ? await seedIfEmpty(handle.db) : false;
  if (seeded) forgetDemoDataCheck();
  log.info("database ready", { driver: handle.kind, demoDataSeeded: seeded, ms: Date.now() - started });
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
