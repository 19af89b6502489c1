import { hostname, userInfo } from "node:os";
import { sql } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase, queryRows, type Db } from "../db/client";
import { migrateAtStart, migratesNothingAtStart, unappliedMigrationsProblem } from "../db/migrate";
import { appConfig, ConfigError, type AppConfig } from "../lib/config/app-config";
import { UserFacingError } from "../lib/errors";
import { createAdminFromCommandLine } from "../lib/users/manage-users";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "../lib/users/password-policy";
import { adminCreateSchema } from "../lib/users/user-schemas";
import { askHidden, PromptCancelled } from "./hidden-prompt";

const help = `Create an active Orderline admin: the first one of a new installation, or one more.

Usage: npm run admin:create -- --email you@example.com --name "Your Name" [--generate-password]

On a terminal it asks for the password twice (nothing is shown while you type; at least ${MIN_PASSWORD_LENGTH} characters,
not a common password, not your name); leave it empty to get a generated one. Without a terminal (a pipe, a deploy
script), or with --generate-password, it prints a one-time password instead: shown once, never stored in clear.

Database: DATABASE_URL (PostgreSQL) if set, else PGlite in PGLITE_DIR (default .data/pglite). Migrations run first.
Warning (PGlite): stop the app first. Two processes on one PGlite folder silently lose writes.

Exit codes: 0 created, 1 refused (e.g. the email is taken) or failed, 2 bad arguments.`;

type Args = { email?: string; name?: string; generate: boolean; help: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { generate: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.startsWith("--") && raw.includes("=") ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)] : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--email") args.email = value();
    else if (flag === "--name") args.name = value();
    else if (flag === "--generate-password") args.generate = true;
    else if (flag === "-h" || flag === "--help") args.help = true;
    else throw new Error(`unknown option ${raw} (see --help)`);
  }
  return args;
}

function where(config: AppConfig): string {
  const options = databaseOptionsFromEnv(config, { defaultPoolSize: 1 });
  return "url" in options ? `PostgreSQL ${options.url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")}` : `PGlite in ${options.dataDir}`;
}

async function emailTaken(db: Db, email: string): Promise<boolean> {
  const [row] = await queryRows<{ taken: boolean }>(db, sql`select exists (select 1 from users where lower(email) = ${email.toLowerCase()}) as taken`);
  return Boolean(row?.taken);
}

/** A password typed twice on the terminal that passes the rule; empty means "generate one" (null). */
async function askPassword(owner: { email: string; name: string }): Promise<string | null> {
  for (;;) {
    const first = await askHidden(`Password for ${owner.email} (empty: generate one): `, process.stdin, process.stdout);
    if (first === "") return null;
    const problem = passwordProblem(first, owner);
    if (problem) {
      console.error(`That password is too weak. ${problem}`);
      continue;
    }
    const again = await askHidden("The same password again: ", process.stdin, process.stdout);
    if (again === first) return first;
    console.error("The two passwords differ; once more.");
  }
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`admin:create: ${(error as Error).message}`);
    return 2;
  }
  if (args.help) {
    console.log(help);
    return 0;
  }
  const input = adminCreateSchema.safeParse({ email: args.email ?? "", name: args.name ?? "" });
  if (!input.success) {
    for (const issue of input.error.issues) console.error(`admin:create: --${String(issue.path[0])}: ${issue.message}`);
    console.error('Usage: npm run admin:create -- --email you@example.com --name "Your Name" (see --help)');
    return 2;
  }
  const { email, name } = input.data;

  let config: AppConfig;
  try {
    config = appConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`admin:create: ${problem}`);
    return 1;
  }
  console.log(`admin:create: ${where(config)}`);
  const handle = await openDatabase(databaseOptionsFromEnv(config, { defaultPoolSize: 2 }));
  try {
    // As the app at start: through DATABASE_MIGRATION_URL when set; in production without it, only a check.
    await migrateAtStart(handle, config);
    const unapplied = migratesNothingAtStart(handle, config) ? await unappliedMigrationsProblem(handle.db) : null;
    if (unapplied) {
      console.error(`admin:create: ${unapplied}`);
      return 1;
    }
    // Asked before the password, so nobody types one twice to be told the address is taken.
    if (await emailTaken(handle.db, email)) {
      console.error(`admin:create: a user with the email ${email} already exists; nothing was changed. To give them admin rights, an admin can change their role under Settings → Users.`);
      return 1;
    }
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !args.generate;
    const password = interactive ? await askPassword({ email, name }) : null;
    const operator = `${userInfo().username}@${hostname()}`;
    const { user, temporaryPassword } = await createAdminFromCommandLine(handle.db, { name, email, password, operator });
    console.log(`admin:create: created the admin ${user.name} <${user.email}>.`);
    if (temporaryPassword) {
      console.log(`One-time password: ${temporaryPassword}`);
      console.log("It is shown only this once. Sign in with it, then set your own under Settings → Users → Reset password.");
    }
    return 0;
  } catch (error) {
    if (error instanceof PromptCancelled) {
      console.error("admin:create: cancelled; nothing was changed.");
      return 1;
    }
    if (error instanceof UserFacingError) {
      console.error(`admin:create: ${error.message} Nothing was changed.`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("admin:create failed:", error);
    process.exitCode = 1;
  },
);
