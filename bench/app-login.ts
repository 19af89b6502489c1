import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { DEFAULT_APP_ROLE, ensureAppRole } from "../db/roles";

/**
 * The app's own login on the database `ownerUrl` names (issue 15: production refuses to start as the tables' owner or
 * a superuser), as `npm run db:roles` makes it: the role created when missing, without a password (the machines'
 * PostgreSQL trusts local logins), the migrations applied and the role granted its rights. Returns its URL, for the
 * app instances and the worker a script starts; the script itself keeps the owner's URL for its own checks.
 */
export async function appLoginFor(ownerUrl: string, role: string = DEFAULT_APP_ROLE): Promise<string> {
  const owner = await openDatabase({ url: ownerUrl, maxConnections: 1 });
  try {
    await ensureAppRole(owner.db, { name: role });
    await runMigrations(owner, { appRole: role });
  } finally {
    await owner.close();
  }
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = "";
  return url.toString();
}
