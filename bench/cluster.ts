// The cluster on one machine (issue 14): nginx (Debian's package) on 127.0.0.1:<port> balancing round robin over
// three production app instances (`npm start` on the next three ports) and one `npm run worker`, all on one fresh
// PostgreSQL database and one S3-compatible bucket (s3rver), with local stand-ins for Resend and Twilio. Then:
//   a. the Playwright pass e2e/cluster/ through the balancer (ship, a proof-of-delivery photo seen from another
//      instance, the sixth wrong password refused on any instance, a notice delivered exactly once);
//   b. bench/load.ts through the balancer with one instance in rotation, then with three;
//   c. bench/load.ts again with three, SIGKILLing the second instance halfway: the others keep serving, nothing is
//      lost beyond what was in flight on the dead one; it is restarted and rejoins;
// and at the end every notice of the run reached its provider exactly once. A summary table; exit 1 if any check
// failed. Every process it started is stopped (also on Ctrl-C), and the database is dropped.
//
//   npm run build && npx tsx bench/cluster.ts [--quick] [--port 3300] [--seconds 60] [--reps 50] [--think-ms 500]
//                                             [--orders 2000] [--keep-logs] [--print-nginx-config]
//
//   --quick               the Playwright pass and the delivery check only (CI); no load runs, no kill
//   --port N              the balancer's port; the instances take N+1..N+3 (default 3300); all must be free
//   --seconds/--reps/--think-ms   each load run's length, simulated reps and think time (bench/load.ts)
//   --orders N            size of the demo data set (npm run db:seed --orders)
//   --keep-logs           keep the run folder (logs, nginx config and access log) even when every check passed
//   --print-nginx-config  print the nginx configuration the cluster runs (docs/deploy.md) and exit
//
// PostgreSQL: CLUSTER_PG_SERVER (default postgres://postgres@127.0.0.1:5432) names the server; the script creates
// and drops its own database there. nginx is installed with apt-get when missing (or the script says why it cannot).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl } from "../db/testing/config";
import { analyseKill, checkDeliveries, markOutbox, readAccessLog } from "./cluster/checks";
import { startLoad, type LoadOptions, type LoadSummary } from "./cluster/load-runs";
import { ensureNginx, nginxConfig } from "./cluster/nginx";
import { Processes, runToEnd } from "./cluster/processes";
import { runPlaywright } from "./cluster/playwright-pass";
import { startObjectStore, startProviders, type ObjectStore, type Providers } from "./cluster/services";
import { answeringInstances, assertPortsFree, portsFrom, sharedEnvironment, startBalancer, startInstance, startWorker, waitForInstance, waitForRotation, type Balancer, type Instance } from "./cluster/topology";

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
const PG_SERVER = process.env.CLUSTER_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const START_TIMEOUT_MS = 180_000;

type Check = { name: string; ok: boolean; detail: string };
const checks: Check[] = [];
const figures: { run: string; summary: LoadSummary; spread: string; loadAverage: string }[] = [];
const check = (name: string, ok: boolean, detail: string) => {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
};

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
  sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
  const mark = await markOutbox(sql);

  objectStore = await startObjectStore(path.join(runDir, "bucket"));
  providers = await startProviders();
  const env = sharedEnvironment({ databaseUrl: dbUrl, storage: objectStore.env, providers: providers.env });

  // The worker and the three instances start together, as after a deploy: migrations wait on one advisory lock.
  const workerStarted = startWorker(procs, env, START_TIMEOUT_MS);
  const instances = ports.apps.map((port, i) => startInstance(procs, env, i, port, runDir));
  await Promise.all([workerStarted, ...instances.map((i) => waitForInstance(i, START_TIMEOUT_MS))]);
  const prefix = path.join(runDir, "nginx");
  const all = instances.map((i) => ({ address: i.address }));
  const balancer = await startBalancer(procs, nginx, ports.balancer, all, prefix);
  console.log(`cluster: nginx ${balancer.url} → ${instances.map((i) => i.url).join(", ")}; worker running`);

  const spread = await answeringInstances(balancer.url, 9);
  check("round robin over three instances", new Set(spread).size === 3, `9 health checks answered by ${countOf(spread)}`);
  await checkInstanceIds(instances);

  const pass = await runPlaywright(procs, { balancerUrl: balancer.url, instances, databaseUrl: dbUrl, controlUrl: providers.controlUrl, runDir });
  for (const t of pass.tests) check(`playwright: ${t.title}`, t.ok, t.detail);
  if (pass.tests.length === 0) check("playwright pass", false, `no test results (exit ${pass.code})`);

  if (!QUICK) await loadAndKill(procs, balancer, instances, prefix, env);

  const deliveries = await checkDeliveries(sql, mark, providers, 120_000);
  check(
    "every notice of the run delivered exactly once",
    deliveries.duplicates === 0 && deliveries.missing === 0 && deliveries.undelivered === 0 && deliveries.unknown === 0,
    `${deliveries.sent} handed to the providers; ${deliveries.duplicates} twice, ${deliveries.missing} missing, ${deliveries.undelivered} still due, ${deliveries.unknown} unaccounted for; ${deliveries.replays} replayed batch requests`,
  );
}

async function loadAndKill(procs: Processes, balancer: Balancer, instances: Instance[], prefix: string, env: NodeJS.ProcessEnv): Promise<void> {
  const [first, victim] = instances as [Instance, Instance];
  // One instance: the other two marked down in the balancer (reloaded, as an operator drains an instance).
  balancer.configure(instances.map((i) => ({ address: i.address, down: i !== first })));
  await waitForRotation(balancer.url, [first.address]);
  await measure(procs, balancer, instances, "1 instance", prefix);
  balancer.configure(instances.map((i) => ({ address: i.address })));
  await waitForRotation(balancer.url, instances.map((i) => i.address));
  await measure(procs, balancer, instances, "3 instances", prefix);

  // Three instances, the second killed halfway through.
  const startedAt = Date.now();
  const run = startLoad(procs, "load-kill", balancer.url, load, runDir);
  await run.started;
  await new Promise((r) => setTimeout(r, (load.seconds * 1000) / 2));
  const killSentAt = Date.now();
  await procs.stop(victim.child, "SIGKILL");
  const deadAt = Date.now();
  const summary = await run.result;
  const entries = readAccessLog(path.join(prefix, "access.log")).filter((e) => e.start >= startedAt);
  figures.push({ run: "3 instances, one killed halfway", summary, spread: spreadOf(entries, instances), loadAverage: loadAverage() });
  const kill = analyseKill(entries, victim.address, killSentAt, deadAt);
  const lostAfter = summary.errors.filter((e) => e.startedAt > deadAt);
  const others = instances.filter((i) => i !== victim);
  check(
    "the other instances keep serving after a kill",
    others.every((i) => (kill.servedAfter[i.address] ?? 0) > 0) && !kill.servedAfter[victim.address],
    `answers after the kill: ${Object.entries(kill.servedAfter).map(([a, n]) => `${nameOf(instances, a)} ${n}`).join(", ")}`,
  );
  check(
    "no request lost beyond those in flight",
    lostAfter.length === 0 && kill.failedAfter === 0 && summary.errors.length <= kill.inFlight,
    `${kill.inFlight} in flight on ${victim.name} when it died (${kill.inFlightFailed} answered with an error by nginx); load errors: ${summary.errors.length} ` +
      `(${lostAfter.length} begun after the kill)${summary.errors.length ? `: ${summary.errors.slice(0, 3).map((e) => `${e.kind} ${e.detail}`.slice(0, 120)).join("; ")}` : ""}`,
  );

  // Restarted on its port, it rejoins once nginx tries it again (fail_timeout).
  const restarted = startInstance(procs, env, instances.indexOf(victim), victim.port, runDir);
  instances[instances.indexOf(victim)] = restarted;
  try {
    await waitForInstance(restarted, START_TIMEOUT_MS);
    await waitForRotation(balancer.url, instances.map((i) => i.address), 30_000);
    check("a restarted instance rejoins the rotation", true, `${restarted.name} answers through the balancer again`);
  } catch (error) {
    check("a restarted instance rejoins the rotation", false, String(error).slice(0, 300));
  }
}

async function measure(procs: Processes, balancer: Balancer, instances: Instance[], run: string, prefix: string): Promise<void> {
  const startedAt = Date.now();
  const summary = await startLoad(procs, `load-${run.replace(/\W+/g, "-")}`, balancer.url, load, runDir).result;
  const entries = readAccessLog(path.join(prefix, "access.log")).filter((e) => e.start >= startedAt);
  figures.push({ run, summary, spread: spreadOf(entries, instances), loadAverage: loadAverage() });
  check(`load through the balancer, ${run}`, summary.errors.length === 0, `${summary.requests} requests, ${summary.perSecond.toFixed(1)}/s, p95 ${summary.p95.toFixed(0)} ms, ${summary.errors.length} errors`);
}

/** After branch D: /api/health names the instance; the three must differ (before it, the check says it waits). */
async function checkInstanceIds(instances: Instance[]): Promise<void> {
  const ids = await Promise.all(instances.map(async (i) => ((await (await fetch(`${i.url}/api/health`)).json()) as { instance?: string }).instance));
  if (ids.some((id) => id === undefined)) return check("each instance names itself in /api/health", false, "no instance id in /api/health (waits for the config/health branch)");
  check("each instance names itself in /api/health", new Set(ids).size === instances.length, ids.join(", "));
}

const countOf = (xs: string[]) => Object.entries(xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {})).map(([k, n]) => `${k} ×${n}`).join(", ");
const nameOf = (instances: Instance[], address: string) => instances.find((i) => i.address === address)?.name ?? address;
const spreadOf = (entries: ReturnType<typeof readAccessLog>, instances: Instance[]) => countOf(entries.map((e) => nameOf(instances, e.upstreams.at(-1) ?? "none")));
// The machine is shared: the figures mean little without how busy it was (1-minute load average, on os.cpus() cores).
const loadAverage = () => `${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;

async function admin<T>(work: (c: postgres.Sql) => Promise<T>): Promise<T> {
  const c = postgres(databaseUrl(PG_SERVER, "postgres"), { max: 1, onnotice: () => {} });
  try {
    return await work(c);
  } finally {
    await c.end({ timeout: 5 });
  }
}

function printSummary(): boolean {
  if (figures.length > 0) {
    console.log(`\n${load.reps} simulated reps, ${load.seconds} s per run, think time ~${load.thinkMs} ms (bench/load.ts)\n`);
    console.log("| run through nginx | requests | requests/s | p50 | p95 | p99 | errors | answered by | load average |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const { run, summary: s, spread, loadAverage: busy } of figures) {
      console.log(`| ${run} | ${s.requests} | ${s.perSecond.toFixed(1)} | ${s.p50.toFixed(0)} ms | ${s.p95.toFixed(0)} ms | ${s.p99.toFixed(0)} ms | ${s.errors.length} | ${spread} | ${busy} |`);
    }
  }
  console.log("\n| check | result | detail |\n|---|---|---|");
  for (const c of checks) console.log(`| ${c.name} | ${c.ok ? "ok" : "FAILED"} | ${c.detail.replace(/\|/g, "/").replace(/\n/g, " ")} |`);
  const ok = checks.length > 0 && checks.every((c) => c.ok);
  console.log(`\ncluster: ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed`);
  return ok;
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
    const ok = printSummary();
    await cleanup(!ok || flag("keep-logs"));
    process.exit(ok ? 0 : 1);
  });
