// The production server (`npm start`): Next.js's own request handler behind a plain Node.js HTTP server, for one
// reason. Next.js tells the app nothing about the TCP peer, and fills X-Forwarded-For from it only when the client
// sent none, so the client could choose its own address. Here every request first loses any header the client sent
// under our private name, then gets the socket address under it; lib/security/client-address.ts reads it (with
// TRUSTED_PROXY_HOPS) for rate limits and the audit log. Otherwise this behaves as `next start`: the same handler,
// the same flags (-p/--port, -H/--hostname, --keepAliveTimeout; PORT too), the same graceful stop on SIGTERM/SIGINT
// (stop accepting, finish the requests in flight, then exit, which lib/shutdown.ts holds until the database closes).
import { createServer } from "node:http";
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
