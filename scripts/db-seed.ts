import { sql } from "drizzle-orm";
import { migrationOptionsFromEnv, openDatabase, queryRows, type DatabaseHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { demoAccounts, seedDemoData } from "@/db/seed";
import { appConfig } from "@/lib/config/app-config";
import { appRoleOf } from "@/lib/config/database-login";

const help = `Seed Orderline with deterministic demo data (users, customers, 90 days of orders and everything around them).

Usage: npm run db:seed -- [options]

Options:
  --orders N   number of orders (default 2000; 1000000 works, written in chunks of 2,000)
  --seed N     PRNG seed (default 42); the same seed on the same day gives the same data
  --reset      drop and recreate the public schema (and drizzle's migration records) first, then migrate
  --if-empty   do nothing (exit 0) if the database already has users
  -h, --help   show this help

Database: DATABASE_URL (PostgreSQL) if set, else PGlite in PGLITE_DIR (default .data/pglite). With
DATABASE_MIGRATION_URL set too, everything runs as that role (the tables' owner: --reset drops the schema), and
DATABASE_URL's role is granted its rights after the migrations (npm run db:roles).
Without --reset or --if-empty, a database that already has users is refused (exit 1).
With NODE_ENV=production it runs only with SEED_DEMO_DATA=true: the demo accounts' password is public (a real
installation gets its first admin from npm run admin:create).

Warning (PGlite): never run this against the folder a running dev server uses. Two PGlite instances on one
folder silently lose writes; stop the dev server first (or point PGLITE_DIR elsewhere).

Demo logins (password "orderline-demo"): ${demoAccounts.map((a) => a.email).join(", ")}`;

type Args = { orders: number; seed: number; reset: boolean; ifEmpty: boolean; help: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { orders: 2000, seed: 42, reset: false, ifEmpty: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const [flag, inline] = raw.includes("=") ? (raw.split("=", 2) as [string, string]) : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      const n = Number(v?.replace(/[_,]/g, ""));
      if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got ${v ?? "nothing"}`);
      return n;
    };
    if (flag === "--orders") args.orders = value();
    else if (flag === "--seed") args.seed = value();
    else if (flag === "--reset") args.reset = true;
    else if (flag === "--if-empty") args.ifEmpty = true;
    else if (flag === "-h" || flag === "--help") args.help = true;
    else throw new Error(`unknown option ${raw} (see --help)`);
  }
  if (args.orders < 1) throw new Error("--orders must be at least 1");
  return args;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

async function resetSchema(handle: DatabaseHandle): Promise<void> {
  // drizzle keeps its migration records in the "drizzle" schema: drop them too, or nothing would be re-applied.
  await handle.db.execute(sql`drop schema if exists drizzle cascade`);
  await handle.db.execute(sql`drop schema if exists public cascade`);
  await handle.db.execute(sql`create schema public`);
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`db:seed: ${(error as Error).message}`);
    return 2;
  }
  if (args.help) {
    console.log(help);
    return 0;
  }
  const config = appConfig();
  if (config.NODE_ENV === "production" && config.SEED_DEMO_DATA !== true) {
    console.error("db:seed: refusing to seed with NODE_ENV=production: the demo accounts' password is public. Set SEED_DEMO_DATA=true for a demo installation; a real one gets its first admin from npm run admin:create.");
    return 1;
  }
  // As the owner: --reset drops the schema, and the migrations grant the app's role afterwards.
  const options = migrationOptionsFromEnv(config);
  const where = "url" in options ? options.url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@") : `PGlite in ${options.dataDir}`;
  console.log(`db:seed: ${where}`);
  const handle = await openDatabase(options);
  try {
    if (args.reset) {
      console.log("db:seed: dropping and recreating the public schema");
      await resetSchema(handle);
    }
    await runMigrations(handle, { appRole: appRoleOf(config) });
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from users`);
    const existing = Number(row?.n ?? 0);
    if (existing > 0) {
      if (args.ifEmpty) {
        console.log(`db:seed: the database already has ${fmt(existing)} users; nothing to do (--if-empty).`);
        return 0;
      }
      console.error(`db:seed: refusing to seed: the database already has ${fmt(existing)} users. Use --reset to wipe it first, or --if-empty to skip.`);
      return 1;
    }
    const started = Date.now();
    let lastPrint = 0;
    const summary = await seedDemoData(handle.db, {
      orders: args.orders,
      seed: args.seed,
      onProgress: (done, total) => {
        const elapsed = Date.now() - started;
        if (done === total || elapsed - lastPrint >= 1000) {
          lastPrint = elapsed;
          console.log(`seeded ${fmt(done)} / ${fmt(total)} orders (${seconds(elapsed)} s)`);
        }
      },
    });
    const width = Math.max(...Object.keys(summary.rows).map((k) => k.length));
    console.log(`\ndb:seed: done in ${seconds(Date.now() - started)} s (seed ${summary.seed}, now ${summary.now})`);
    for (const [table, count] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(width)}  ${fmt(count).padStart(12)}`);
    console.log(`\nDemo logins (password "orderline-demo"): ${demoAccounts.map((a) => `${a.email} (${a.role})`).join(", ")}`);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("db:seed failed:", error);
    process.exitCode = 1;
  },
);
