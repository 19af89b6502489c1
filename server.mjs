// The production server (`npm start`): Next.js's own request handler behind a plain Node.js HTTP server, for one
// reason. Next.js tells the app nothing about the TCP peer, and fills X-Forwarded-For from it only when the client
// sent none, so the client could choose its own address. Here every request first loses any header the client sent
// under our private name, then gets the socket address under it; lib/security/client-address.ts reads it (with
// TRUSTED_PROXY_HOPS) for rate limits and the audit log. Otherwise this behaves as `next start`: the same handler,
// the same flags (-p/--port, -H/--hostname, --keepAliveTimeout; PORT too), the same graceful stop on SIGTERM/SIGINT
// (stop accepting, finish the requests in flight, then exit, which lib/shutdown.ts holds until the database closes).
// Unlike `next start`, it uses every core: on PostgreSQL in production it runs one server process per core on the one
// port (Node's cluster; WEB_CONCURRENCY sets the number), because one Node.js process renders on one core only.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";

// Keep in step with lib/security/client-address.ts.
const SOCKET_ADDRESS_HEADER = "x-orderline-socket-address";
globalThis[Symbol.for("orderline.socket-address-header")] = true;

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" }, keepAliveTimeout: { type: "string" } },
  strict: true,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname; // undefined: every interface, as `next start`
// `next start` sets this too; before Next.js loads, so the whole process sees production.
process.env.NODE_ENV ??= "production";

if (cluster.isPrimary) {
  const processes = webProcesses();
  if (processes > 1) {
    await runPrimary(processes);
  } else {
    await serve();
  }
} else {
  await serve();
}

/**
 * How many server processes share the port. Rendering is CPU-bound and one Node.js process uses one core, so by
 * default a production server on PostgreSQL runs one per core (WEB_CONCURRENCY overrides, as on most hosts). The
 * embedded database (PGlite) lives inside one process and must not be opened twice, so it always gets one.
 */
function webProcesses() {
  const embedded = !process.env.DATABASE_URL;
  const raw = process.env.WEB_CONCURRENCY?.trim();
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${raw}").`);
      process.exit(1);
    }
    if (embedded && n > 1) {
      console.error("WEB_CONCURRENCY above 1 needs DATABASE_URL: the embedded database (PGlite) cannot be shared between processes.");
      process.exit(1);
    }
    return n;
  }
  return embedded || process.env.NODE_ENV !== "production" ? 1 : availableParallelism();
}

/**
 * The primary only forks and watches: the workers share the listening socket (the primary hands each connection to
 * the next worker in turn). A worker that dies is replaced, unless the server is stopping or workers keep dying at
 * start (then the settings are wrong, and restarting forever would hide it). SIGTERM/SIGINT go to every worker,
 * which stops as a single server does; the primary exits with the last of them.
 */
async function runPrimary(processes) {
  console.log(`> Orderline: ${processes} server processes (WEB_CONCURRENCY)`);
  let stopping = false;
  let exitCode = 0;
  const recentExits = [];
  const slots = new Map();
  // An operator's INSTANCE_ID names the machine; each process adds its number, so /api/health tells them apart.
  const fork = (slot) => {
    const worker = cluster.fork(process.env.INSTANCE_ID ? { INSTANCE_ID: `${process.env.INSTANCE_ID}.${slot}` } : {});
    slots.set(worker.id, slot);
  };
  for (let slot = 1; slot <= processes; slot += 1) fork(slot);
  // Set by lib/startup.ts's announceStarted() once a process got through its start-up checks (keep the name in step).
  const started = new Set();
  cluster.on("message", (worker, message) => {
    if (message?.type === "orderline:started") started.add(worker.id);
  });
  const giveUp = (why) => {
    console.error(`> Orderline: ${why}; stopping.`);
    stopping = true;
    exitCode = 1;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // One that never started (refused settings, a database it cannot reach, a port in use) would fail again.
    if (!started.has(worker.id)) return giveUp(`a server process exited before it started (code ${code}, signal ${signal})`);
    const now = Date.now();
    recentExits.push(now);
    while (recentExits.length > 0 && now - recentExits[0] > 60_000) recentExits.shift();
    if (recentExits.length > processes * 3) return giveUp(`server processes keep exiting (last: code ${code}, signal ${signal})`);
    console.error(`> Orderline: server process ${worker.process.pid} exited (code ${code}, signal ${signal}); starting another.`);
    const slot = slots.get(worker.id);
    slots.delete(worker.id);
    fork(slot);
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    exitCode = signal === "SIGINT" ? 130 : 143; // as a single server exits
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

async function serve() {
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: hostname ?? "localhost", port });
  await app.prepare();
  // Next.js attaches its own "upgrade" listener to this server on the first request (the app uses no WebSocket).
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    // Node.js lower-cases header names, so this removes the header however the client spelled it.
    delete req.headers[SOCKET_ADDRESS_HEADER];
    if (req.socket.remoteAddress) req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress;
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  if (values.keepAliveTimeout) server.keepAliveTimeout = Number(values.keepAliveTimeout);

  server.listen(port, hostname, () => {
    const bound = server.address();
    const shown = typeof bound === "object" && bound ? `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}` : String(bound);
    console.log(`> Orderline ready on http://${shown}`);
  });
  server.on("error", (error) => {
    console.error(error);
    process.exit(1);
  });

  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    let stopping = false;
    const stop = (signal) => {
      if (stopping) return;
      stopping = true;
      // close() stops accepting, lets the requests in flight finish and closes idle keep-alive connections.
      server.close(() => {
        app
          .close()
          .catch((error) => console.error(error))
          .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  }
}
