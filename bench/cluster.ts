// The cluster on one machine (issue 14): nginx (Debian's package) on 127.0.0.1:<port> balancing round robin over
// three production app instances (`npm start` on the next three ports) and one `npm run worker`, all on one fresh
// PostgreSQL database and one S3-compatible bucket (s3rver), with local stand-ins for Resend and Twilio. Then:
//   a. the Playwright pass e2e/cluster/ through the balancer (ship, a proof-of-delivery photo seen from another
//      instance, the sixth wrong password refused on any instance, a notice delivered exactly once);
//   b. bench/load.ts through the balancer with one instance in rotation, then with three;
//   c. bench/load.ts again with three, SIGKILLing the second instance halfway: the others keep serving, nothing is
//      lost beyond what was in flight on the dead one; it is restarted and rejoins;
//   d. bench/load.ts again (at least 120 s) while each instance in turn is marked down in nginx (reload), stopped with
//      SIGTERM and started again: a rolling restart, as an upgrade does it, must lose nothing;
// and at the end every notice of the run reached its provider exactly once. A summary table; exit 1 if any check
// failed. Every process it started is stopped (also on Ctrl-C), and the database is dropped.
//
//   npm run build && npx tsx bench/cluster.ts [--quick] [--port 3300] [--seconds 60] [--reps 50] [--think-ms 500]
//                                             [--orders 2000] [--confirmed 300] [--keep-logs] [--print-nginx-config]
//
//   --quick               the Playwright pass and the delivery check only (CI): no load runs, no kill, no restarts
//   --port N              the balancer's port; the instances take N+1..N+3 (default 3300); all must be free
//   --seconds/--reps/--think-ms   each load run's length, simulated reps and think time (bench/load.ts)
//   --orders N            size of the demo data set (npm run db:seed --orders)
//   --confirmed N         orders received and confirmed before each load run, for its status changes (default 300)
//   --keep-logs           keep the run folder (logs, nginx config and access log) even when every check passed
//   --print-nginx-config  print the nginx configuration the cluster runs (docs/deploy.md) and exit
//
// PostgreSQL: CLUSTER_PG_SERVER (default postgres://postgres@127.0.0.1:5432) names the server; the script creates
// and drops its own database there. nginx is installed with apt-get when missing (or the script says why it cannot).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl } from "../db/testing/config";
import { appLoginFor } from "./app-login";
import { checkDeliveries, markOutbox } from "./cluster/checks";
import { killMidLoad, oneThenThree, rollingRestart, type LoadContext } from "./cluster/load-phases";
import type { LoadOptions } from "./cluster/load-runs";
import { ensureNginx, nginxConfig } from "./cluster/nginx";
import { runPlaywright } from "./cluster/playwright-pass";
import { Processes, runToEnd } from "./cluster/processes";
import { check, countOf, nameOf, printSummary, silenceChecks } from "./cluster/report";
import { startObjectStore, startProviders, type ObjectStore, type Providers } from "./cluster/services";
import { answeringInstances, assertPortsFree, portsFrom, sharedEnvironment, startBalancer, startInstance, startWorker, waitForInstance, type Instance } from "./cluster/topology";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const num = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
};
const QUICK = flag("quick");
const ports = portsFrom(num("port", 3300));
const load: LoadOptions = { reps: num("reps", 50), seconds: num("seconds", 60), thinkMs: num("think-ms", 500) };
const ORDERS = num("orders", 2000);
const CONFIRMED = num("confirmed", 300);
const PG_SERVER = process.env.CLUSTER_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const START_TIMEOUT_MS = 180_000;

// Everything to undo, in reverse order of making it.
const processes: { current: Processes | null } = { current: null };
let runDir = "";
let dbName = "";
let sql: postgres.Sql | null = null;
let objectStore: ObjectStore | null = null;
let providers: Providers | null = null;

async function main(): Promise<void> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first.");
  const nginx = ensureNginx();
  await assertPortsFree(ports);
  runDir = mkdtempSync(path.join(tmpdir(), "orderline-cluster-"));
  const procs = (processes.current = new Processes(runDir));
  console.log(`cluster: run folder ${runDir}`);

  // One fresh database with the demo data set, migrated by the seed (the instances then find nothing to migrate).
  dbName = `orderline_cluster_${Date.now()}_${process.pid}`;
  await admin((c) => c.unsafe(`create database "${dbName}"`));
  const dbUrl = databaseUrl(PG_SERVER, dbName);
  const seeded = await runToEnd(procs, "seed", "npm", ["run", "db:seed", "--", "--orders", String(ORDERS)], { ...process.env, DATABASE_URL: dbUrl, SEED_DEMO_DATA: "true" });
  if (seeded.code !== 0) throw new Error(`npm run db:seed failed (${seeded.code}); see ${seeded.child.logFile}`);
  // The instances, the worker and the Playwright pass log in as the app's role, as production requires; the script
  // keeps the owner's login for its own checks.
  const appUrl = await appLoginFor(dbUrl);
  sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
  const mark = await markOutbox(sql);

  objectStore = await startObjectStore();
  providers = await startProviders();
  const env = sharedEnvironment({ databaseUrl: appUrl, storage: objectStore.env, providers: providers.env });

  // The worker and the three instances start together, as after a deploy. They hold only the app's login, so they
  // migrate nothing (the seed did, as the owner): each checks that this build's migrations are applied.
  const workerStarted = startWorker(procs, env, START_TIMEOUT_MS);
  const instances = ports.apps.map((port, i) => startInstance(procs, env, i, port, runDir));
  await Promise.all([workerStarted, ...instances.map((i) => waitForInstance(i, START_TIMEOUT_MS))]);
  const prefix = path.join(runDir, "nginx");
  const all = instances.map((i) => ({ address: i.address }));
  const balancer = await startBalancer(procs, nginx, ports.balancer, all, prefix);
  console.log(`cluster: nginx ${balancer.url} → ${instances.map((i) => i.url).join(", ")}; worker running`);

  const spread = await answeringInstances(balancer.url, 9);
  check("round robin over three instances", new Set(spread).size === 3, `9 health checks answered by ${countOf(spread.map((a) => nameOf(instances, a)))}`);
  await checkInstanceIds(instances);

  const pass = await runPlaywright(procs, { balancerUrl: balancer.url, instances, databaseUrl: appUrl, controlUrl: providers.controlUrl, runDir });
  for (const t of pass.tests) check(`playwright: ${t.title}`, t.ok, t.detail);
  if (pass.tests.length === 0) check("playwright pass", false, `no test results (exit ${pass.code})`);

  if (!QUICK) {
    const ctx: LoadContext = { procs, balancer, instances, env, dbUrl, runDir, load, confirmed: CONFIRMED, startTimeoutMs: START_TIMEOUT_MS };
    await oneThenThree(ctx);
    await killMidLoad(ctx);
    await rollingRestart(ctx);
  }

  const deliveries = await checkDeliveries(sql, mark, providers, 120_000);
  check(
    "every notice of the run delivered exactly once",
    deliveries.duplicates === 0 && deliveries.duplicateKeys === 0 && deliveries.missing === 0 && deliveries.undelivered === 0 && deliveries.unknown === 0,
    `${deliveries.sent} handed to the providers; ${deliveries.duplicates} twice, ${deliveries.missing} missing, ${deliveries.undelivered} still due, ${deliveries.unknown} unaccounted for; ` +
      `${deliveries.duplicateKeys} idempotency keys on two messages; ${deliveries.replays} replayed batch requests`,
  );
}

/** /api/health names the instance that answered and its database driver: three names, one PostgreSQL. */
async function checkInstanceIds(instances: Instance[]): Promise<void> {
  type Health = { instance?: string; database?: { driver?: string } };
  const reports = await Promise.all(instances.map(async (i) => (await (await fetch(`${i.url}/api/health`)).json()) as Health));
  const ids = reports.map((r) => r.instance ?? "(none)");
  const drivers = reports.map((r) => r.database?.driver ?? "(none)");
  check(
    "each instance names itself in /api/health, all on PostgreSQL",
    new Set(ids).size === instances.length && ids.every((id, n) => id === instances[n]!.name) && drivers.every((d) => d === "postgres"),
    instances.map((i, n) => `${i.url} → ${ids[n]} (${drivers[n]})`).join(", "),
  );
}

async function admin<T>(work: (c: postgres.Sql) => Promise<T>): Promise<T> {
  const c = postgres(databaseUrl(PG_SERVER, "postgres"), { max: 1, onnotice: () => {} });
  try {
    return await work(c);
  } finally {
    await c.end({ timeout: 5 });
  }
}

async function cleanup(keepRunDir: boolean): Promise<void> {
  await processes.current?.stopAll();
  await Promise.allSettled([providers?.close(), objectStore?.close(), sql?.end({ timeout: 5 })]);
  if (dbName) await admin((c) => c.unsafe(`drop database if exists "${dbName}" with (force)`)).catch((e: unknown) => console.error(`could not drop ${dbName}: ${String(e)}`));
  if (runDir && !keepRunDir) rmSync(runDir, { recursive: true, force: true });
  else if (runDir) console.log(`cluster: logs kept in ${runDir}`);
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    silenceChecks();
    console.error(`\ncluster: ${signal}, stopping everything…`);
    void cleanup(true).finally(() => process.exit(130));
  });
}
// If the process dies some other way, at least no server outlives it.
process.on("exit", () => processes.current?.killAllNow());

if (flag("print-nginx-config")) {
  const upstreams = ports.apps.map((p) => ({ address: `127.0.0.1:${p}` }));
  console.log(nginxConfig({ listen: `127.0.0.1:${ports.balancer}`, upstreams, prefix: "/var/lib/orderline-nginx" }));
  process.exit(0);
}

main()
  .catch((error: unknown) => check("cluster run", false, error instanceof Error ? error.message : String(error)))
  .then(async () => {
    if (interrupted) return;
    const ok = printSummary(load);
    await cleanup(!ok || flag("keep-logs"));
    process.exit(ok ? 0 : 1);
  });
