import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eServerEnv } from "./server-env";

// The client's address over real HTTP, against the production server (server.mjs) with TRUSTED_PROXY_HOPS at 0 and
// at 1. The measure is the sign-in limit of 20 failures per address: a client that rotates the X-Forwarded-For it
// sends must still be refused at its 21st failure, and must not be able to claim another client's address.
//
// Clients connect from addresses of their own on the loopback network (127.0.0.2, …: Linux routes all of 127/8 to
// lo), so the server sees distinct socket addresses. Each server is started here, on a fresh embedded database of
// its own, so these failures count against nothing else and the per-address limit is the real one (20).

test.describe.configure({ mode: "serial" });

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

/** One HTTP request from a chosen local address. */
function send(url: string, options: { from: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers: options.headers, localAddress: options.from }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

let attempts = 0;

/** A failed sign-in through Auth.js's own endpoint: "refused" (wrong password) or "throttled" (over a limit). */
async function failedSignIn(baseURL: string, from: string, forwardedFor?: string): Promise<"refused" | "throttled"> {
  const forged: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await send(`${baseURL}/api/auth/csrf`, { from, headers: forged });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  // Not even an email address, and a new one each time: only the per-address limit is in play, and the attempt
  // costs the server no password hash (it still counts against the address, as any failed sign-in does).
  const form = new URLSearchParams({ csrfToken, email: `guess-${++attempts}`, password: "not-the-password" });
  const answer = await send(`${baseURL}/api/auth/callback/credentials`, {
    from,
    method: "POST",
    headers: { ...forged, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  expect(answer.status).toBe(302);
  const location = answer.headers.location ?? "";
  expect(location).toContain("error=CredentialsSignin");
  return location.includes("code=rate_limited") ? "throttled" : "refused";
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

type AppServer = { url: string; stop(): Promise<void> };

/** server.mjs on a free port and a fresh embedded database, as `npm start` runs it. */
async function startApp(trustedProxyHops: number): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "orderline-e2e-address-"));
  const env: NodeJS.ProcessEnv = { ...process.env, ...e2eServerEnv() };
  delete env.DATABASE_URL;
  delete env.SIGN_IN_ADDRESS_LIMIT_SCALE;
  Object.assign(env, {
    PGLITE_DIR: dataDir,
    ALLOW_EMBEDDED_DB: "true",
    SEED_DEMO_DATA: "false",
    TRUSTED_PROXY_HOPS: String(trustedProxyHops),
    OUTBOX_WORKER: "off",
    KPI_REFRESH_MS: "off",
    RETENTION_CHECK_MS: "off",
  });
  const child: ChildProcess = spawn(process.execPath, ["server.mjs", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const ready = () => output.includes("Orderline ready on") && resolve();
    child.stdout!.on("data", ready);
    child.on("exit", (code) => reject(new Error(`server.mjs exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A reverse proxy as nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` is one. */
async function startProxy(upstream: string): Promise<{ url: string; stop(): Promise<void> }> {
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const peer = req.socket.remoteAddress!.replace(/^::ffff:/, "");
    const headers = { ...req.headers, "x-forwarded-for": req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${peer}` : peer };
    const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 20 failures from `from`, each claiming another address; then its 21st is refused unchecked. */
async function exhaustAddressLimit(baseURL: string, from: string) {
  for (let i = 0; i < 20; i += 1) expect(await failedSignIn(baseURL, from, `198.51.100.${i + 1}, 203.0.113.${i + 1}`)).toBe("refused");
  expect(await failedSignIn(baseURL, from, "192.0.2.250")).toBe("throttled");
  expect(await failedSignIn(baseURL, from)).toBe("throttled");
}

test.describe("the client's address", () => {
  test.setTimeout(180_000);

  test("with no trusted proxy, the socket address counts and X-Forwarded-For is ignored", async () => {
    const app = await startApp(0);
    try {
      await exhaustAddressLimit(app.url, "127.0.0.2");
      // Another client is not held back, not even when it claims to be the throttled one.
      expect(await failedSignIn(app.url, "127.0.0.3")).toBe("refused");
      expect(await failedSignIn(app.url, "127.0.0.3", "127.0.0.2")).toBe("refused");
    } finally {
      await app.stop();
    }
  });

  test("behind one trusted proxy, the address the proxy appended counts and what the client sent before it is ignored", async () => {
    const app = await startApp(1);
    const proxy = await startProxy(app.url);
    try {
      await exhaustAddressLimit(proxy.url, "127.0.0.4");
      // Through the same proxy, another client is not held back, not even when it claims to be the throttled one.
      expect(await failedSignIn(proxy.url, "127.0.0.5")).toBe("refused");
      expect(await failedSignIn(proxy.url, "127.0.0.5", "127.0.0.4")).toBe("refused");
    } finally {
      await proxy.stop();
      await app.stop();
    }
  });
});
