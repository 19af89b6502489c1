import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";
import { nginxCommand, reloadNginx, writeNginxConfig, type Upstream } from "./nginx";
import { logTail, waitUntil, type Child, type Processes } from "./processes";

// The cluster as docs/deploy.md describes it: N app instances (`npm start`), one worker (`npm run worker`), nginx in
// front, all on one PostgreSQL database and one S3-compatible bucket. This module knows the environment of each.

export type Ports = { balancer: number; apps: number[] };

export function portsFrom(base: number, apps = 3): Ports {
  return { balancer: base, apps: Array.from({ length: apps }, (_, i) => base + 1 + i) };
}

/** Refuses to start over someone else's server: every port must be free on 127.0.0.1. */
export async function assertPortsFree(ports: Ports): Promise<void> {
  for (const port of [ports.balancer, ...ports.apps]) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (!free) throw new Error(`port ${port} is in use on 127.0.0.1: pick another block with --port (the balancer's port; the instances take the next three).`);
  }
}

/**
 * What every instance and the worker share: production mode, the one database and bucket, the session secret, the
 * server-action key and deployment id of this build (so a form rendered by one instance posts to any other), the
 * proxy hop, and the providers. The demo data set runs in production mode with SEED_DEMO_DATA=true.
 */
export function sharedEnvironment(options: { databaseUrl: string; storage: Record<string, string>; providers: Record<string, string> }): NodeJS.ProcessEnv {
  const buildId = readFileSync(".next/BUILD_ID", "utf8").trim();
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    // 3 instances × 8 + the worker's 4 stay well inside PostgreSQL's default 100 connections.
    DATABASE_POOL_SIZE: "8",
    // Three instances stand for three machines on this one: one server process each, not one per core each.
    WEB_CONCURRENCY: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(33).toString("base64"),
    APP_URL: process.env.APP_URL ?? "https://orderline.cluster.example",
    SEED_DEMO_DATA: "true",
    MULTI_INSTANCE: "true",
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    NEXT_DEPLOYMENT_ID: process.env.NEXT_DEPLOYMENT_ID ?? `orderline-${buildId}`,
    TRUSTED_PROXY_HOPS: "1",
    OUTBOX_WORKER: "off",
    ...options.storage,
    ...options.providers,
  };
}

export type Instance = { name: string; port: number; url: string; address: string; child: Child };

/** One app instance: `npm start` on its port. Its own UPLOAD_DIR, as on its own machine: only the bucket is shared. */
export function startInstance(processes: Processes, env: NodeJS.ProcessEnv, index: number, port: number, runDir: string): Instance {
  const name = `app-${index + 1}`;
  const child = processes.start(name, "npm", ["start", "--", "-p", String(port), "-H", "127.0.0.1"], {
    ...env,
    PORT: String(port),
    INSTANCE_ID: name,
    UPLOAD_DIR: path.join(runDir, name, "uploads"),
  });
  return { name, port, url: `http://127.0.0.1:${port}`, address: `127.0.0.1:${port}`, child };
}

export async function waitForInstance(instance: Instance, timeoutMs: number): Promise<void> {
  await waitUntil(`${instance.name}'s /api/health`, async () => (await fetch(`${instance.url}/api/health`)).status === 200, { timeoutMs, child: instance.child });
}

/** Resolves once nothing listens on the port any more (a killed instance's group leader may exit before its server). */
export async function waitForPortClosed(port: number, timeoutMs = 10_000): Promise<void> {
  const refused = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
  await waitUntil(`port ${port} to close`, refused, { timeoutMs, pollMs: 10 });
}

/** `npm run worker`: the outbox, the escalation sweep, the KPI refresh and retention, for every instance. */
export async function startWorker(processes: Processes, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Child> {
  const child = processes.start("worker", "npm", ["run", "worker"], { ...env, INSTANCE_ID: "worker-1", OUTBOX_POLL_MS: "500" });
  await waitUntil("the worker's start", async () => logTail(child, 200).includes("outbox worker started"), { timeoutMs, child });
  return child;
}

export type Balancer = { url: string; child: Child; configure(upstreams: Upstream[]): void };

/** nginx on the balancer's port over these upstreams; configure() rewrites the upstreams and reloads. */
export async function startBalancer(processes: Processes, binary: string, port: number, upstreams: Upstream[], prefix: string): Promise<Balancer> {
  const listen = `127.0.0.1:${port}`;
  const configFile = writeNginxConfig(binary, { listen, upstreams, prefix });
  const [command, args] = nginxCommand(binary, configFile, prefix);
  const child = processes.start("nginx", command, args, process.env);
  const url = `http://${listen}`;
  await waitUntil("nginx", async () => (await fetch(`${url}/api/health`)).status === 200, { timeoutMs: 15_000, child });
  return {
    url,
    child,
    configure(next) {
      writeNginxConfig(binary, { listen, upstreams: next, prefix });
      reloadNginx(binary, configFile, prefix);
    },
  };
}

/** Which instances answer through the balancer: the X-Orderline-Upstream header of `tries` health checks. */
export async function answeringInstances(balancerUrl: string, tries: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < tries; i++) {
    const response = await fetch(`${balancerUrl}/api/health`);
    await response.arrayBuffer();
    seen.push(response.headers.get("x-orderline-upstream") ?? "none");
  }
  return seen;
}

/** Waits until the balancer's answers come from exactly these instances (after a reload, old workers drain first). */
export async function waitForRotation(balancerUrl: string, expected: readonly string[], timeoutMs = 60_000): Promise<void> {
  const want = [...expected].sort().join(",");
  await waitUntil(`the balancer to answer from ${want}`, async () => [...new Set(await answeringInstances(balancerUrl, expected.length * 3))].sort().join(",") === want, { timeoutMs });
}
