import { databaseOptionsFromEnv, openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";

// Applies pending migrations to DATABASE_URL, or to the PGlite folder (PGLITE_DIR). The app also does this at
// start-up; this script is for deploy pipelines that migrate before starting new instances.
async function main() {
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    const started = Date.now();
    await runMigrations(handle);
    console.log(`migrations applied to ${handle.kind} in ${Date.now() - started} ms`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
