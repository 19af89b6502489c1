// Fault script (issue 8): stop the database under a running app, keep using the app while it is down, start the
// database again, and check that the app answered cleanly throughout and recovered without a restart of its own.
//
//   npm run build && npx tsx bench/faults/db-restart.ts [--down-seconds 8]
//
// It runs its own PostgreSQL server (initdb into a temporary folder, port 5441, as the `postgres` system user), so the
// machine's server and anything using it are left alone. Against it: migrations and a small demo seed, then
// the production server (server.mjs) from this checkout's build with the in-app worker on. A simulated rep then calls, every 100 ms,
// /api/health, the queue's refresh API and (once a second) a status change through the order page's server action.
//
// "Clean" means: every answer comes within 5 s (nothing hangs), /api/health says 503 with database.ok false while the
// database is down, the queue API answers an error status (never a hang or a 200 with wrong data), the action answers
// its generic message and changes nothing, and after the database is back every kind of call succeeds again.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { appLoginFor } from "../app-login";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const DOWN_SECONDS = Number(arg("down-seconds", "8"));
const PG_PORT = 5441;
const APP_PORT = 3310;
const BASE_URL = `http://127.0.0.1:${APP_PORT}`;
const DATABASE_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/orderline_fault`;
const ANSWER_LIMIT_MS = 5000;

const pgBin = (() => {
  const version = execFileSync("ls", ["/usr/lib/postgresql"]).toString().trim().split("\n").sort().at(-1);
  return `/usr/lib/postgresql/${version}/bin`;
})();
const asPostgres = (cmd: string, args: string[]) => execFileSync("runuser", ["-u", "postgres", "--", `${pgBin}/${cmd}`, ...args], { stdio: "pipe" }).toString();

const dataDir = mkdtempSync(join(tmpdir(), "orderline-fault-pg-"));
chmodSync(dataDir, 0o777);
const pgData = join(dataDir, "data");

function startPostgres() {
  asPostgres("pg_ctl", ["-D", pgData, "-l", join(dataDir, "postgres.log"), "-o", `-p ${PG_PORT} -k ${dataDir}`, "-w", "start"]);
}
function stopPostgres() {
  asPostgres("pg_ctl", ["-D", pgData, "-m", "fast", "-w", "stop"]);
}

type Sample = { at: number; endAt: number; phase: "before" | "down" | "after"; kind: string; status: number; ms: number; detail: string };

async function timedFetch(url: string, init?: RequestInit): Promise<{ status: number; ms: number; body: string }> {
  const t0 = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const body = await response.text();
    return { status: response.status, ms: performance.now() - t0, body };
  } catch (error) {
    return { status: 0, ms: performance.now() - t0, body: String(error) };
  }
}

async function signIn(): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (lines: string[]) => lines.forEach((l) => jar.set(l.split(";")[0]!.split("=")[0]!, l.split(";")[0]!.split("=").slice(1).join("=")));
  const csrf = await fetch(`${BASE_URL}/api/auth/csrf`);
  keep(csrf.headers.getSetCookie());
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie(), Origin: BASE_URL },
    body: new URLSearchParams({ csrfToken, email: "rep@orderline.test", password: "orderline-demo", callbackUrl: `${BASE_URL}/` }),
  });
  keep(response.headers.getSetCookie());
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("sign-in failed");
  return cookie();
}

function changeStatusActionId(): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(([, e]) => e.exportedName === "changeStatus" && e.filename === "app/(app)/orders/[number]/actions.ts");
  if (!entry) throw new Error("Build the app first (npm run build).");
  return entry[0];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  const actionId = changeStatusActionId();
  let app: ChildProcess | null = null;
  try {
    asPostgres("initdb", ["-D", pgData, "-A", "trust", "-U", "postgres", "--no-sync"]);
    startPostgres();
    const admin = postgres(`postgres://postgres@127.0.0.1:${PG_PORT}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe("create database orderline_fault");
    await admin.end();
    execFileSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts", "--orders", "300"], { env: { ...process.env, DATABASE_URL }, stdio: "ignore" });
    // Production refuses the tables' owner: the app logs in as its own role.
    const appUrl = await appLoginFor(DATABASE_URL);

    app = spawn(process.execPath, ["server.mjs", "-p", String(APP_PORT), "-H", "127.0.0.1"], {
      env: { ...process.env, DATABASE_URL: appUrl, NODE_ENV: "production", AUTH_SECRET: "fault-secret-fault-secret-fault-secret-0123", APP_URL: "https://orderline.bench.example", SEED_DEMO_DATA: "true", OUTBOX_POLL_MS: "500" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let appErrors = "";
    app.stderr?.on("data", (chunk: Buffer) => (appErrors += chunk.toString()));
    await waitFor(async () => (await timedFetch(`${BASE_URL}/api/health`)).status === 200, 120_000, "the app to start");
    const cookie = await signIn();

    const samples: Sample[] = [];
    let phase: Sample["phase"] = "before";
    const started = performance.now();
    let stop = false;
    // A call belongs to the phase it started in (a call in flight when the database stops may still succeed).
    const record = async (kind: string, call: Promise<{ status: number; ms: number; body: string }>) => {
      const at = performance.now() - started;
      const startedIn = phase;
      const r = await call;
      samples.push({ at, endAt: performance.now() - started, phase: startedIn, kind, status: r.status, ms: r.ms, detail: r.body.slice(0, 200) });
    };

    type OrderRef = { orderId: string; number: string; version: number };
    const confirmedOrder = async (): Promise<OrderRef | null> => {
      const r = await timedFetch(`${BASE_URL}/api/queue?status=confirmed`, { headers: { Cookie: cookie } });
      if (r.status !== 200) return null;
      return (JSON.parse(r.body) as { rows: OrderRef[] }).rows[0] ?? null;
    };

    let lastOrder: OrderRef | null = null;
    const traffic = (async () => {
      let tick = 0;
      while (!stop) {
        await record("health", timedFetch(`${BASE_URL}/api/health`));
        await record("queue", timedFetch(`${BASE_URL}/api/queue`, { headers: { Cookie: cookie } }));
        if (tick++ % 3 === 0) {
          // During the outage there is no fresh queue to read the version from: reuse the last one seen.
          const order: OrderRef | null = (await confirmedOrder()) ?? lastOrder;
          if (order) {
            lastOrder = order;
            await record(
              "status change",
              timedFetch(`${BASE_URL}/orders/${order.number}`, {
                method: "POST",
                headers: { Cookie: cookie, "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: BASE_URL },
                body: JSON.stringify([{ orderId: order.orderId, expectedVersion: order.version, to: "processing" }]),
              }),
            );
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await new Promise((r) => setTimeout(r, 4000));
    const downAt = performance.now() - started;
    stopPostgres();
    phase = "down";
    console.log(`database stopped at ${(downAt / 1000).toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, DOWN_SECONDS * 1000));
    const restartAt = performance.now() - started;
    startPostgres();
    const upAt = performance.now() - started;
    phase = "after";
    console.log(`database started again at ${(upAt / 1000).toFixed(1)} s`);
    let recoveredAt: number | null = null;
    await waitFor(
      async () => {
        const recent = samples.filter((s) => s.phase === "after" && s.at > upAt);
        const lastOf = (kind: string) => recent.filter((s) => s.kind === kind).at(-1);
        const ok = lastOf("health")?.status === 200 && lastOf("queue")?.status === 200;
        if (ok && recoveredAt === null) recoveredAt = performance.now() - started;
        return ok;
      },
      60_000,
      "the app to recover",
    );
    await new Promise((r) => setTimeout(r, 3000));
    stop = true;
    await traffic;

    // The verdict.
    const problems: string[] = [];
    const slow = samples.filter((s) => s.ms > ANSWER_LIMIT_MS || s.status === 0);
    if (slow.length > 0) problems.push(`${slow.length} calls hung or took longer than ${ANSWER_LIMIT_MS} ms`);
    // Judged while down: calls that started after the stop and were answered before the restart began (one in
    // flight while the database started may rightly succeed).
    const down = samples.filter((s) => s.phase === "down" && s.endAt < restartAt);
    const downHealth = down.filter((s) => s.kind === "health");
    if (downHealth.some((s) => s.status !== 503 || !s.detail.includes('"ok":false'))) problems.push("/api/health did not answer 503 with database.ok false while the database was down");
    if (down.filter((s) => s.kind === "queue").some((s) => s.status === 200)) problems.push("the queue API answered 200 while the database was down");
    const downActions = down.filter((s) => s.kind === "status change");
    if (downActions.some((s) => s.status !== 200 || !s.detail.includes('"ok":false'))) problems.push("a server action did not answer its clear refusal while the database was down");
    const after = samples.filter((s) => s.phase === "after" && recoveredAt !== null && s.at >= recoveredAt);
    if (after.some((s) => s.kind !== "status change" && s.status !== 200)) problems.push("calls failed after recovery");
    if (after.filter((s) => s.kind === "status change").some((s) => s.status !== 200)) problems.push("a status change failed after recovery");

    const table = ["| phase | kind | calls | answers | slowest |", "|---|---|---|---|---|"];
    for (const p of ["before", "down", "after"] as const) {
      for (const kind of ["health", "queue", "status change"]) {
        const of = samples.filter((s) => s.phase === p && s.kind === kind);
        if (of.length === 0) continue;
        const statuses = new Map<number, number>();
        for (const s of of) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
        const answers = [...statuses].map(([status, n]) => `${n}× ${status === 0 ? "no answer" : status}`).join(", ");
        table.push(`| ${p} | ${kind} | ${of.length} | ${answers} | ${Math.max(...of.map((s) => s.ms)).toFixed(0)} ms |`);
      }
    }
    console.log(`\n${table.join("\n")}`);
    console.log(`\ndatabase down for ${((upAt - downAt) / 1000).toFixed(1)} s; app answering normally again ${(((recoveredAt ?? upAt) - upAt) / 1000).toFixed(1)} s after the database came back, without a restart`);
    const sampleDown = down.find((s) => s.kind === "queue");
    if (sampleDown) console.log(`queue API while down: ${sampleDown.status} ${sampleDown.detail}`);
    const actionDown = downActions[0];
    if (actionDown) console.log(`status change while down: ${actionDown.detail.split("\n").find((l) => l.includes('"ok"')) ?? actionDown.detail}`);
    if (appErrors.includes("unhandled") || appErrors.includes("Unhandled")) problems.push("the app logged an unhandled error");
    console.log(problems.length === 0 ? "\nclean failure and recovery: yes" : `\nclean failure and recovery: NO\n- ${problems.join("\n- ")}`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } finally {
    app?.kill("SIGTERM");
    try {
      stopPostgres();
    } catch {
      // already stopped
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
