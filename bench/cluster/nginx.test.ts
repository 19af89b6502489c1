import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nginxConfig } from "./nginx";

// docs/deploy.md shows the configuration "exactly as the script runs it": this keeps the two from drifting apart.
describe("the cluster's nginx configuration", () => {
  const shown = /```nginx\n([\s\S]*?)```/.exec(readFileSync("docs/deploy.md", "utf8"))?.[1];
  const upstreams = [3301, 3302, 3303].map((port) => ({ address: `127.0.0.1:${port}` }));

  it("is the one docs/deploy.md shows", () => {
    expect(shown).toBe(nginxConfig({ listen: "127.0.0.1:3300", upstreams, prefix: "/var/lib/orderline-nginx" }));
  });

  it("takes an instance out of rotation with `down`, and retries only what never reached an instance or timed out", () => {
    const config = nginxConfig({ listen: "127.0.0.1:3300", upstreams: upstreams.map((u, i) => ({ ...u, down: i > 0 })), prefix: "/p" });
    expect(config).toContain("server 127.0.0.1:3301 max_fails=1 fail_timeout=5s;");
    expect(config).toContain("server 127.0.0.1:3302 max_fails=1 fail_timeout=5s down;");
    expect(config).toMatch(/proxy_next_upstream error timeout;/);
    expect(config).not.toMatch(/proxy_next_upstream[^;]*(non_idempotent|http_5)/);
  });
});
