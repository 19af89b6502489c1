import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Processes } from "./processes";
import type { Instance } from "./topology";

// The Playwright pass (e2e/cluster/) against the running cluster; its JSON report gives one line per test.

export type PassResult = { code: number | string; tests: { title: string; ok: boolean; detail: string }[] };

type Suite = { title: string; specs?: Spec[]; suites?: Suite[] };
type Spec = { title: string; ok: boolean; tests: { status: string; results: { status: string; duration: number; error?: { message?: string } }[] }[] };

export async function runPlaywright(processes: Processes, options: { balancerUrl: string; instances: Instance[]; databaseUrl: string; controlUrl: string; runDir: string }): Promise<PassResult> {
  const reportFile = path.join(options.runDir, "playwright.json");
  const child = processes.start("playwright", process.execPath, ["node_modules/@playwright/test/cli.js", "test", "-c", "e2e/cluster/playwright.config.ts"], {
    ...process.env,
    CLUSTER_URL: options.balancerUrl,
    CLUSTER_INSTANCES: options.instances.map((i) => i.url).join(","),
    DATABASE_URL: options.databaseUrl,
    CLUSTER_CONTROL_URL: options.controlUrl,
    CLUSTER_REPORT_FILE: reportFile,
  }, { inheritOutput: true });
  const code = await child.exited;
  if (!existsSync(reportFile)) return { code, tests: [] };
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as { suites: Suite[] };
  const specs: Spec[] = [];
  const walk = (s: Suite) => {
    specs.push(...(s.specs ?? []));
    (s.suites ?? []).forEach(walk);
  };
  report.suites.forEach(walk);
  return {
    code,
    tests: specs.map((spec) => {
      const results = spec.tests.flatMap((t) => t.results);
      const last = results.at(-1);
      const detail = `${last?.status ?? "not run"} in ${((last?.duration ?? 0) / 1000).toFixed(1)} s${results.length > 1 ? ` (after ${results.length - 1} retry)` : ""}${errorLine(results.find((r) => r.error)?.error?.message)}`;
      return { title: spec.title, ok: spec.ok, detail };
    }),
  };
}

/** "; <the assertion's message> — Expected: … Received: …", without colours, or "". */
function errorLine(message: string | undefined): string {
  if (!message) return "";
  const lines = message.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
  const wanted = [lines[0]!.replace(/^Error: /, ""), ...lines.filter((l) => /^(Expected|Received)\b/.test(l))];
  return `; ${wanted.join(" ")}`;
}
