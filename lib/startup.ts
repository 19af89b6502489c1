import { getDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedIfEmpty } from "@/db/seed";
import { assertAuthSecret } from "@/lib/auth/secret";
import { startInAppWorker } from "@/lib/delivery/in-app-worker";

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
  console.log(
    JSON.stringify({
      level: "info",
      msg: "database ready",
      driver: handle.kind,
      demoDataSeeded: seeded,
      ms: Date.now() - started,
    }),
  );
}

/** The outbox worker inside the app process, unless OUTBOX_WORKER=off (then run `npm run worker`). */
export async function startOutboxWorker(): Promise<void> {
  startInAppWorker((await getDatabase()).db);
}
