import { closeDatabase, getDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedIfEmpty } from "@/db/seed";
import { assertAuthSecret } from "@/lib/auth/secret";
import { startInAppWorker, stopInAppWorker } from "@/lib/delivery/in-app-worker";
import { log } from "@/lib/log";
import { createShutdown, installGracefulShutdown } from "@/lib/shutdown";

/** Demo data goes into an empty database in development, or anywhere when SEED_DEMO_DATA=true. */
export function shouldSeedDemoData(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SEED_DEMO_DATA === "false") return false;
  return env.NODE_ENV !== "production" || env.SEED_DEMO_DATA === "true";
}

export async function prepareDatabase(): Promise<void> {
  assertAuthSecret();
  const started = Date.now();
  const handle = await getDatabase();
  await runMigrations(handle);
  const seeded = shouldSeedDemoData() ? await seedIfEmpty(handle.db) : false;
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
  installGracefulShutdown(createShutdown({ stopWorkers: stopInAppWorker, closeDatabase, timeoutMs: Number(process.env.SHUTDOWN_TIMEOUT_MS) || undefined }));
}
