import { migrationOptionsFromEnv, openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { appConfig } from "../lib/config/app-config";
import { appRoleOf } from "../lib/config/database-login";

// Applies pending migrations as the tables' owner: DATABASE_MIGRATION_URL when set (then grants DATABASE_URL's role
// its rights, db/roles.ts), else DATABASE_URL, or the PGlite folder (PGLITE_DIR). The app also migrates at start-up
// when it may (db/migrate.ts migrateAtStart); this script is the release step of deploys whose app instances hold
// only their own login.
async function main() {
  const config = appConfig();
  const handle = await openDatabase(migrationOptionsFromEnv(config));
  try {
    const started = Date.now();
    const appRole = appRoleOf(config);
    await runMigrations(handle, { appRole });
    console.log(`migrations applied to ${handle.kind} in ${Date.now() - started} ms${appRole ? `; ${appRole} granted its rights` : ""}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
