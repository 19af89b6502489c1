import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// The load balancer of the cluster (bench/cluster.ts, docs/deploy.md): Debian's nginx, run as our own process with
// our own configuration and prefix, on 127.0.0.1 only. Round robin over the app instances; a request whose instance
// refused the connection or failed before answering goes to the next instance (passive health checks: an instance
// that failed once is left out for fail_timeout), except a request that may not be repeated (POST) once it was sent.

export type Upstream = { address: string; down?: boolean };

export type NginxConfigOptions = {
  /** The balancer's own address, e.g. 127.0.0.1:3300. */
  listen: string;
  upstreams: readonly Upstream[];
  /** Folder for the pid file, logs and nginx's temporary files. */
  prefix: string;
};

/** The configuration docs/deploy.md shows (`npx tsx bench/cluster.ts --print-nginx-config` prints it). */
export function nginxConfig({ listen, upstreams, prefix }: NginxConfigOptions): string {
  const servers = upstreams.map((u) => `    server ${u.address} max_fails=1 fail_timeout=5s${u.down ? " down" : ""};`).join("\n");
  return `# Orderline behind nginx: round robin over the app instances (written by bench/cluster.ts).
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;

events {
  worker_connections 1024;
}

http {
  # Which instance answered each request, and how long it took: bench/cluster.ts reads this log.
  log_format cluster '$msec $request_time $status "$request_method $uri" "$upstream_addr" "$upstream_status"';
  access_log ${prefix}/access.log cluster;

  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;

  # Proof-of-delivery photos (up to 8 MB) travel in a server action's body (next.config.ts allows 10 MB).
  client_max_body_size 10m;

  upstream orderline {
    # Round robin (nginx's default). A failed instance is skipped for fail_timeout, then tried again.
${servers}
    keepalive 32;
    # Close idle connections to an instance before it does (Node.js: 5 s). Otherwise nginx may send a request on a
    # connection the instance is closing that very moment: reset, and a POST cannot be retried (a 502).
    keepalive_timeout 4s;
  }

  server {
    listen ${listen};

    location / {
      proxy_pass http://orderline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # The address the browser used: server actions compare it with the Origin header.
      proxy_set_header Host $http_host;
      # The client's address appended to whatever the client sent; the app trusts one hop (TRUSTED_PROXY_HOPS=1),
      # so it takes the right-most entry, the one nginx wrote.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;

      # A dead instance: try the next one. POSTs are retried only when they never reached the instance
      # (connection refused), never after they were sent: a server action must not run twice. The app's own 503
      # (its database does not answer) is not a dead instance: every instance shares that database, and counting
      # it as a failure would soon leave no instance "alive" and turn the app's clear answer into nginx's 502.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;

      # Streamed answers (pages, the CSV export, the tracking import's progress) reach the browser as they come.
      proxy_buffering off;

      # Which instance answered (for the cluster's own checks; harmless to keep or drop).
      add_header X-Orderline-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** nginx's binary, installing Debian's package when it is missing (as .ci/run installs Chromium); throws if it cannot. */
export function ensureNginx(): string {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
  if (found) return found;
  console.log("nginx is not installed: apt-get install -y nginx …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "inherit", env }) : update;
  if (install.status !== 0 || !existsSync("/usr/sbin/nginx")) {
    throw new Error("nginx is missing and could not be installed (apt-get update && apt-get install -y nginx, as root): the cluster needs Debian's nginx.");
  }
  return "/usr/sbin/nginx";
}

/** Writes the configuration and checks it with `nginx -t`; returns the file's path. */
export function writeNginxConfig(binary: string, options: NginxConfigOptions): string {
  for (const dir of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(options.prefix, dir), { recursive: true });
  const file = path.join(options.prefix, "nginx.conf");
  writeFileSync(file, nginxConfig(options));
  execFileSync(binary, ["-t", "-q", "-c", file, "-p", options.prefix, "-e", path.join(options.prefix, "error.log")], { stdio: "pipe" });
  return file;
}

/** The command that runs nginx in the foreground with this configuration (the cluster's child process). */
export function nginxCommand(binary: string, configFile: string, prefix: string): [string, string[]] {
  return [binary, ["-c", configFile, "-p", prefix, "-e", path.join(prefix, "error.log"), "-g", "daemon off;"]];
}

/** Re-reads the configuration: new workers take it, the old ones finish the requests they hold. */
export function reloadNginx(binary: string, configFile: string, prefix: string): void {
  execFileSync(binary, ["-c", configFile, "-p", prefix, "-e", path.join(prefix, "error.log"), "-s", "reload"], { stdio: "pipe" });
}
