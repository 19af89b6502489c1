import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { ensureAppRole, readRoleFacts } from "../db/roles";
import { ConfigError, appConfig } from "../lib/config/app-config";
import { appRoleOf, loginOf } from "../lib/config/database-login";
import { databaseRoleProblems } from "../lib/config/production-checks";

const help = `Give the app a database login of its own (issue 15): the app may then read and write rows, but not
change the schema, nor rewrite or empty the audit log.

Usage: DATABASE_MIGRATION_URL=postgres://owner:…@host/orderline \\
       DATABASE_URL=postgres://orderline_app:…@host/orderline npm run db:roles

1. Creates the role DATABASE_URL names (LOGIN with DATABASE_URL's password, nothing more) when no role has that
   name, as DATABASE_MIGRATION_URL's role, which then needs CREATEROLE. An existing role is left as it is, password
   included: roles belong to the whole server, and another database may use it.
2. Applies the migrations as DATABASE_MIGRATION_URL's role, the tables' owner.
3. Grants DATABASE_URL's role its rights in this database (db/roles.ts): rows of every table, audit_log only read
   and added to, no DDL, no TRUNCATE.
4. Logs in as DATABASE_URL and checks what production checks at start: prints each problem and exits 1, if any.

Safe to run again at any time; \`npm run db:migrate\` with both URLs set re-grants too.`;

async function main(): Promise<number> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(help);
    return 0;
  }
  let config;
  try {
    config = appConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`db:roles: ${problem}`);
    return 1;
  }
  const role = appRoleOf(config);
  if (!config.DATABASE_URL || !config.DATABASE_MIGRATION_URL || !role) {
    console.error("db:roles: set DATABASE_MIGRATION_URL (the tables' owner) and DATABASE_URL (the app's login, another user name) — see --help.");
    return 2;
  }

  const owner = await openDatabase({ url: config.DATABASE_MIGRATION_URL, maxConnections: 1 });
  try {
    const made = await ensureAppRole(owner.db, { name: role, password: loginOf(config.DATABASE_URL).password });
    console.log(made === "created" ? `db:roles: created the role ${role}` : `db:roles: the role ${role} exists; left as it is`);
    await runMigrations(owner, { appRole: role });
    console.log(`db:roles: migrations applied; ${role} granted its rights in this database`);
  } finally {
    await owner.close();
  }

  const app = await openDatabase({ url: config.DATABASE_URL, maxConnections: 1 });
  try {
    const problems = databaseRoleProblems(await readRoleFacts(app.db));
    for (const problem of problems) console.error(`db:roles: ${problem}`);
    if (problems.length > 0) return 1;
    console.log(`db:roles: DATABASE_URL logs in as ${role}, which production accepts`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("db:roles failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
