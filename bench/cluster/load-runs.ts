import { readFileSync } from "node:fs";
import path from "node:path";
import { logTail, waitUntil, type Child, type Processes } from "./processes";

// bench/load.ts through the balancer, as a child process (its own figures in a JSON file).

export type LoadOptions = { reps: number; seconds: number; thinkMs: number };

export type LoadSummary = {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  refused: number;
  /** Requests sent a second time because a kept-alive connection was closed before any answer (bench/load.ts). */
  resent: number;
  errors: { kind: string; startedAt: number; endedAt: number; detail: string }[];
};

export type LoadRun = { child: Child; result: Promise<LoadSummary>; started: Promise<void> };

export function startLoad(processes: Processes, name: string, baseUrl: string, options: LoadOptions, runDir: string): LoadRun {
  const jsonFile = path.join(runDir, `${name}.json`);
  const args = ["--import", "tsx", "bench/load.ts", "--reps", String(options.reps), "--seconds", String(options.seconds), "--think-ms", String(options.thinkMs), "--json", jsonFile];
  const child = processes.start(name, process.execPath, args, { ...process.env, BASE_URL: baseUrl });
  // The timed part begins once every rep has signed in, when the script says how many reps run.
  const started = waitUntil(`${name} to begin`, async () => logTail(child, 5).includes("simulated reps"), { timeoutMs: 120_000, child });
  // Awaiting either still throws; these only keep a failure that nobody awaits yet from ending the process.
  started.catch(() => {});
  const result = child.exited.then(() => {
    try {
      return JSON.parse(readFileSync(jsonFile, "utf8")) as LoadSummary;
    } catch {
      throw new Error(`${name} wrote no figures:\n${logTail(child)}`);
    }
  });
  result.catch(() => {});
  return { child, result, started };
}
