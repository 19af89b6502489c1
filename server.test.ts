import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// server.mjs decides how many processes serve before it loads Next.js, so its refusals need no build.
function start(env: Record<string, string | undefined>) {
  const { DATABASE_URL: _url, WEB_CONCURRENCY: _n, ...rest } = process.env;
  const result = spawnSync(process.execPath, ["server.mjs", "-p", "0", "-H", "127.0.0.1"], {
    env: { ...rest, NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe("server.mjs: the number of server processes", () => {
  it("refuses several processes on the embedded database, which one process owns", () => {
    const { status, stderr } = start({ WEB_CONCURRENCY: "2" });
    expect(status).toBe(1);
    expect(stderr).toContain("WEB_CONCURRENCY above 1 needs DATABASE_URL");
  });

  it.each(["0", "two", "1.5", "65"])("refuses WEB_CONCURRENCY=%s with the rule", (value) => {
    const { status, stderr } = start({ WEB_CONCURRENCY: value, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(status).toBe(1);
    expect(stderr).toContain(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`);
  });
});
