// Load script (issue 8): simulated reps working against a running Orderline (`npm start`), the way the browser
// does it — page loads, the queue's refresh API, and the order page's own server actions — for a fixed time, then
// p50/p95/p99 per kind of work and the error count.
//
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/orderline_bench npx tsx bench/load.ts [--reps 50] [--seconds 120] [--think-ms 1000]
//   … bench/load.ts --sweep 10,25,50,100 [--old /work/base] [--processes N] [--seconds 60]
//
// With DATABASE_URL (and no BASE_URL) the script starts the production server (server.mjs) from this checkout's
// build on port 3300 against that database, logged in as the app's role (bench/app-login.ts) (in-app worker off, as a production app with `npm run worker` beside it
// would run) and stops it at the end. With BASE_URL it uses an app that is already running instead.
// --json FILE also writes the figures and every error (with when it started and ended) to FILE, for bench/cluster.ts.
//
// --sweep runs each number of reps in turn, each against a freshly started app, and prints one table: requests/s,
// latencies, errors and the server's CPU time per request (user + system of every server process, from /proc), so
// the knee shows where more reps stop bringing more requests. --old DIR runs the same steps against another
// checkout's build (an older commit in a worktree, built there) right beside this one's, alternating which goes
// first, so both are measured in one run on the same noisy machine. --processes N sets WEB_CONCURRENCY for this
// checkout's server (unset: its default, one per core).
//
// Each simulated rep loops: pick a kind of work (queue refresh 40 %, open an order 30 %, status change 15 %, send a
// notice 15 %), do it, wait a random think time (0.5–1.5 × --think-ms). Status changes move a confirmed order from the
// queue to processing with the version the queue showed; sends post an email notice to the order's customer (it
// lands in the local outbox when no provider key is set). The reps share the seed's rep accounts (one sign-in each,
// so the per-address sign-in limit is not what is measured).
//
// An error is a non-2xx answer, a network failure, or an action answering the generic "something went wrong"
// message. An action's own refusal (the order changed since the queue showed it, a notice with a gap) is counted
// apart: it is the app working.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { demoAccounts } from "../db/seed/people";
import { GENERIC_ERROR_MESSAGE } from "../lib/errors";
import { appLoginFor } from "./app-login";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const OWN_PORT = 3300;
const BASE_URL = (process.env.BASE_URL ?? `http://127.0.0.1:${OWN_PORT}`).replace(/\/$/, "");
const REPS = Number(arg("reps", "50"));
const SWEEP = arg("sweep", "")
  .split(",")
  .filter(Boolean)
  .map(Number);
const OLD_CHECKOUT = arg("old", "");
const PROCESSES = arg("processes", "");
const SECONDS = Number(arg("seconds", "120"));
const THINK_MS = Number(arg("think-ms", "1000"));
const BUILD_DIR = arg("build-dir", ".next");
const JSON_FILE = arg("json", "");
const globalReps = REPS;
const globalSeconds = SECONDS;

type Kind = "queue refresh" | "order open" | "status change" | "send notice";
const weights: [Kind, number][] = [
  ["queue refresh", 0.4],
  ["order open", 0.3],
  ["status change", 0.15],
  ["send notice", 0.15],
];

type QueueRow = { orderId: string; number: string; version: number; status: string };

// Server actions are called as the browser calls them: POST to the page with the action's id (from the build's
// manifest) and the arguments as JSON.
function actionIds(buildDir: string = BUILD_DIR): Record<string, string> {
  const manifest = JSON.parse(readFileSync(`${buildDir}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const wanted: Record<string, string> = { changeStatus: "app/(app)/orders/[number]/actions.ts", sendNoticeAction: "app/(app)/orders/[number]/notice-actions.ts" };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && wanted[entry.exportedName] === entry.filename) ids[entry.exportedName] = id;
  }
  for (const name of Object.keys(wanted)) if (!ids[name]) throw new Error(`No server action ${name} in ${buildDir}: build the app first.`);
  return ids;
}

function cookieHeader(setCookies: string[], jar: Map<string, string>): void {
  for (const line of setCookies) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}
const jarString = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

// A browser sends a request again, once, when a kept-alive connection turns out to be closed before any answer came
// (the server, or a proxy reloading, closed it idle just as the request left): so does a simulated rep. Counted.
let resent = 0;
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") throw error;
    resent += 1;
    return fetch(url, init);
  }
}

/** Signs in through Auth.js's credentials endpoint, as the sign-in form's action does; returns the cookie header. */
async function signIn(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await request(`${BASE_URL}/api/auth/csrf`);
  cookieHeader(csrf.headers.getSetCookie(), jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jarString(jar), Origin: BASE_URL },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${BASE_URL}/` }),
  });
  cookieHeader(response.headers.getSetCookie(), jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Sign-in failed for ${email} (${response.status}).`);
  return jarString(jar);
}

type Sample = { kind: Kind; ms: number; outcome: "ok" | "refused" | "error"; detail?: string; startedAt: number };

async function callAction(cookie: string, actionId: string, page: string, input: unknown): Promise<{ status: number; ok: boolean | null; message: string }> {
  const response = await request(`${BASE_URL}${page}`, {
    method: "POST",
    headers: { Cookie: cookie, "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: BASE_URL },
    body: JSON.stringify([input]),
  });
  const text = await response.text();
  const ok = text.includes('"ok":true') ? true : text.includes('"ok":false') ? false : null;
  const message = /"message":"([^"]*)"/.exec(text)?.[1] ?? "";
  return { status: response.status, ok, message };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A checkout whose build the script starts: this one, or --old's. */
type Checkout = { label: string; dir: string };

/**
 * The production server (server.mjs, as `npm start`) from a checkout's build against DATABASE_URL, when no BASE_URL
 * names a running app; null otherwise.
 */
async function startOwnApp(checkout: Checkout = { label: "this checkout", dir: process.cwd() }, env: Record<string, string> = {}): Promise<ChildProcess | null> {
  if (process.env.BASE_URL) return null;
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL (the app is started against it) or BASE_URL (a running app).");
  // Production refuses the tables' owner: the app logs in as its own role, as `npm run db:roles` sets it up.
  const appUrl = await appLoginFor(process.env.DATABASE_URL);
  const app = spawn(process.execPath, ["server.mjs", "-p", String(OWN_PORT), "-H", "127.0.0.1"], {
    cwd: checkout.dir,
    env: {
      ...process.env,
      DATABASE_URL: appUrl,
      NODE_ENV: "production",
      OUTBOX_WORKER: "off",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "load-secret-load-secret-load-secret-0123456",
      // The demo data set, in production mode (lib/config/production-checks.ts).
      APP_URL: process.env.APP_URL ?? "https://orderline.bench.example",
      SEED_DEMO_DATA: "true",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${BASE_URL}/api/health`).then((r) => r.status < 500, () => false);
    if (up) return app;
    await new Promise((r) => setTimeout(r, 500));
  }
  app.kill("SIGTERM");
  throw new Error(`${checkout.label}: the app did not start within 3 minutes`);
}

/** Stops the app and waits for it (and, under several processes, all of them) to exit, so the next run has the port. */
async function stopOwnApp(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null) return;
  const exited = new Promise((r) => app.once("exit", r));
  app.kill("SIGTERM");
  await exited;
}

/** CPU time (user + system, ms) used so far by a process and every process below it, from /proc (Linux). */
function cpuMsOfTree(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let total = 0;
  let stats: { pid: number; ppid: number; ticks: number }[] = [];
  try {
    stats = readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => {
        try {
          const stat = readFileSync(`/proc/${name}/stat`, "utf8");
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          return [{ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return []; // exited meanwhile
        }
      });
  } catch {
    return Number.NaN; // no /proc
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  for (const s of stats) if (tree.has(s.pid)) total += s.ticks;
  return (total * 1000) / ticksPerSecond;
}

async function main() {
  if (SWEEP.length > 0) return sweep();
  const ids = actionIds();
  const app = await startOwnApp(undefined, PROCESSES ? { WEB_CONCURRENCY: PROCESSES } : {});
  try {
    await run(ids);
  } finally {
    if (app) await stopOwnApp(app);
  }
}

type SweepRow = { checkout: string; reps: number; summary: RunSummary; cpuMsPerRequest: number };

/** --sweep: every number of reps against a fresh app, for this checkout and --old's, alternating; one table. */
async function sweep() {
  if (process.env.BASE_URL) throw new Error("--sweep starts its own apps: unset BASE_URL.");
  const current: Checkout = { label: "this checkout", dir: process.cwd() };
  const checkouts = OLD_CHECKOUT ? [current, { label: `old (${OLD_CHECKOUT})`, dir: OLD_CHECKOUT }] : [current];
  const ids = new Map(checkouts.map((c) => [c.dir, actionIds(`${c.dir}/.next`)]));
  const rows: SweepRow[] = [];
  for (const [step, reps] of SWEEP.entries()) {
    const order = step % 2 === 0 ? checkouts : [...checkouts].reverse();
    for (const checkout of order) {
      console.log(`\n== ${checkout.label}: ${reps} reps ==`);
      const env: Record<string, string> = checkout === current && PROCESSES ? { WEB_CONCURRENCY: PROCESSES } : {};
      const app = (await startOwnApp(checkout, env))!;
      // Warm up (first renders compile and fill caches) before the measured run.
      await run(ids.get(checkout.dir)!, { reps: Math.min(reps, 10), seconds: 10, quiet: true });
      const cpuBefore = cpuMsOfTree(app.pid!);
      const summary = await run(ids.get(checkout.dir)!, { reps });
      const cpuMs = cpuMsOfTree(app.pid!) - cpuBefore;
      await stopOwnApp(app);
      rows.push({ checkout: checkout.label, reps, summary, cpuMsPerRequest: cpuMs / summary.requests });
    }
  }
  console.log(`\n${SECONDS} s per run, think time ~${THINK_MS} ms\n`);
  console.log("| checkout | reps | requests/s | p50 | p95 | p99 | errors | server CPU per request |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const f = (n: number) => `${n.toFixed(0)} ms`;
    console.log(`| ${r.checkout} | ${r.reps} | ${r.summary.perSecond.toFixed(1)} | ${f(r.summary.p50)} | ${f(r.summary.p95)} | ${f(r.summary.p99)} | ${r.summary.errors.length} | ${r.cpuMsPerRequest.toFixed(1)} ms |`);
  }
  process.exitCode = rows.every((r) => r.summary.errors.length === 0) ? 0 : 1;
}

type RunSummary = {
  baseUrl: string;
  reps: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  refused: number;
  resent: number;
  errors: { kind: Kind; startedAt: number; endedAt: number; detail: string }[];
};

async function run(ids: Record<string, string>, options: { reps?: number; seconds?: number; quiet?: boolean } = {}): Promise<RunSummary> {
  const REPS = options.reps ?? globalReps;
  const SECONDS = options.seconds ?? globalSeconds;
  resent = 0;
  const reps = demoAccounts.filter((a) => a.role === "rep");
  const cookies = await Promise.all(reps.map((a) => signIn(a.email, a.password)));
  if (!options.quiet) console.log(`${REPS} simulated reps on ${cookies.length} rep accounts against ${BASE_URL} for ${SECONDS} s (think time ~${THINK_MS} ms)`);

  const samples: Sample[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  const pick = (): Kind => {
    let r = Math.random();
    for (const [kind, w] of weights) if ((r -= w) < 0) return kind;
    return "queue refresh";
  };

  async function timed(kind: Kind, work: () => Promise<Omit<Sample, "kind" | "ms" | "startedAt">>): Promise<void> {
    const t0 = performance.now();
    const startedAt = Date.now();
    let result: Omit<Sample, "kind" | "ms" | "startedAt">;
    try {
      result = await work();
    } catch (error) {
      result = { outcome: "error", detail: String(error) };
    }
    samples.push({ kind, ms: performance.now() - t0, startedAt, ...result });
  }

  async function rep(index: number): Promise<void> {
    const cookie = cookies[index % cookies.length]!;
    let queue: QueueRow[] = [];
    const loadQueue = async (status?: string) => {
      const response = await request(`${BASE_URL}/api/queue${status ? `?status=${status}` : ""}`, { headers: { Cookie: cookie } });
      if (!response.ok) return { outcome: "error" as const, detail: `queue ${response.status}` };
      queue = ((await response.json()) as { rows: QueueRow[] }).rows;
      return { outcome: "ok" as const };
    };
    // The queue reads that only prepare the next step are not timed; one that fails is still an error (counted with
    // the queue refreshes), and the rep carries on.
    const prepare = async (status?: string) => {
      const startedAt = Date.now();
      const t0 = performance.now();
      const result = await loadQueue(status).catch((error: unknown) => ({ outcome: "error" as const, detail: String(error) }));
      if (result.outcome === "error") samples.push({ kind: "queue refresh", ms: performance.now() - t0, startedAt, ...result });
    };
    // Stagger the start so 50 reps do not arrive in the same millisecond.
    await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
    while (Date.now() < deadline) {
      const kind = pick();
      if (kind === "queue refresh") await timed(kind, () => loadQueue());
      else if (kind === "order open") {
        if (queue.length === 0) await prepare();
        const row = queue[Math.floor(Math.random() * queue.length)];
        if (row) {
          await timed(kind, async () => {
            const response = await request(`${BASE_URL}/orders/${row.number}`, { headers: { Cookie: cookie } });
            await response.text();
            return response.ok ? { outcome: "ok" } : { outcome: "error", detail: `order page ${response.status}` };
          });
        }
      } else if (kind === "status change") {
        await prepare("confirmed");
        const row = queue[Math.floor(Math.random() * queue.length)];
        if (row) {
          await timed(kind, async () => {
            const r = await callAction(cookie, ids.changeStatus!, `/orders/${row.number}`, { orderId: row.orderId, expectedVersion: row.version, to: "processing" });
            if (r.status !== 200 || r.ok === null || r.message === GENERIC_ERROR_MESSAGE) return { outcome: "error", detail: `changeStatus ${r.status} ${r.message}` };
            return { outcome: r.ok ? "ok" : "refused", detail: r.message };
          });
        }
      } else {
        if (queue.length === 0) await prepare();
        const row = queue[Math.floor(Math.random() * queue.length)];
        if (row) {
          await timed(kind, async () => {
            const r = await callAction(cookie, ids.sendNoticeAction!, `/orders/${row.number}`, {
              orderId: row.orderId,
              template: "inquiry_response",
              channel: "email",
              fields: { answer: "Thank you for your patience: your order is being prepared and we will write again when it ships." },
              urgent: false,
              requestId: crypto.randomUUID(),
            });
            if (r.status !== 200 || r.ok === null || r.message === GENERIC_ERROR_MESSAGE) return { outcome: "error", detail: `sendNotice ${r.status} ${r.message}` };
            return { outcome: r.ok ? "ok" : "refused", detail: r.message };
          });
        }
      }
      await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
    }
  }

  const t0 = performance.now();
  await Promise.all(Array.from({ length: REPS }, (_, i) => rep(i)));
  const seconds = (performance.now() - t0) / 1000;

  const errors = samples.filter((s) => s.outcome === "error");
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  const summary: RunSummary = {
    baseUrl: BASE_URL,
    reps: REPS,
    seconds,
    requests: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    refused: samples.filter((s) => s.outcome === "refused").length,
    resent,
    errors: errors.map((e) => ({ kind: e.kind, startedAt: e.startedAt, endedAt: e.startedAt + e.ms, detail: e.detail ?? "" })),
  };
  if (options.quiet) return summary;

  const rows = ["| work | requests | p50 | p95 | p99 | refused by the app | errors |", "|---|---|---|---|---|---|---|"];
  for (const kind of [...weights.map(([k]) => k), "all" as const]) {
    const of = samples.filter((s) => kind === "all" || s.kind === kind);
    const ms = of.map((s) => s.ms).sort((a, b) => a - b);
    const f = (n: number) => `${n.toFixed(0)} ms`;
    rows.push(`| ${kind} | ${of.length} | ${f(percentile(ms, 50))} | ${f(percentile(ms, 95))} | ${f(percentile(ms, 99))} | ${of.filter((s) => s.outcome === "refused").length} | ${of.filter((s) => s.outcome === "error").length} |`);
  }
  console.log(`\n${samples.length} requests in ${seconds.toFixed(0)} s (${(samples.length / seconds).toFixed(1)}/s)${resent ? `; ${resent} sent again after a closed keep-alive connection` : ""}\n`);
  console.log(rows.join("\n"));
  const refusals = new Map<string, number>();
  for (const s of samples) if (s.outcome === "refused") refusals.set(s.detail ?? "", (refusals.get(s.detail ?? "") ?? 0) + 1);
  if (refusals.size > 0) console.log(`\nrefusals: ${JSON.stringify(Object.fromEntries(refusals))}`);
  if (errors.length > 0) console.log(`\nfirst errors:\n${errors.slice(0, 10).map((e) => `  ${e.kind}: ${e.detail}`).join("\n")}`);
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(summary, null, 2));
  process.exitCode = errors.length === 0 ? 0 : 1;
  return summary;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
