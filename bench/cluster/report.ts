import os from "node:os";
import type { LogEntry } from "./checks";
import type { LoadOptions, LoadSummary } from "./load-runs";
import type { Instance } from "./topology";

// The cluster's results: one line per check as it happens, and at the end the load figures and the checks as tables.

type Check = { name: string; ok: boolean; detail: string };
type Figure = { run: string; summary: LoadSummary; spread: string; loadAverage: string };

const checks: Check[] = [];
const figures: Figure[] = [];

let silenced = false;
/** After Ctrl-C: the failures that stopping everything causes are not results. */
export function silenceChecks(): void {
  silenced = true;
}

export function check(name: string, ok: boolean, detail: string): void {
  if (silenced) return;
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
}

/** A load run's figures, with which instance answered how many requests and how busy the machine was. */
export function figure(run: string, summary: LoadSummary, entries: readonly LogEntry[], instances: readonly Instance[], loadAverage: string): void {
  figures.push({ run, summary, spread: countOf(entries.map((e) => nameOf(instances, e.upstreams.at(-1) ?? "none"))), loadAverage });
}

/**
 * The machine is shared: figures mean little without how busy it was. Samples the 1-minute load average every 5 s
 * until stopped; "mean 3.1, max 4.0 on 2 cores".
 */
export function sampleLoadAverage(): () => string {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), 5000);
  return () => {
    clearInterval(timer);
    samples.push(os.loadavg()[0]!);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return `mean ${mean.toFixed(1)}, max ${Math.max(...samples).toFixed(1)} on ${os.cpus().length} cores`;
  };
}

export const countOf = (xs: readonly string[]) =>
  Object.entries(xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {}))
    .map(([k, n]) => `${k} ×${n}`)
    .join(", ");
export const nameOf = (instances: readonly Instance[], address: string) => instances.find((i) => i.address === address)?.name ?? address;

/** Prints the tables; true when there were checks and every one passed. */
export function printSummary(load: LoadOptions): boolean {
  if (figures.length > 0) {
    console.log(`\n${load.reps} simulated reps, ${load.seconds} s per run, think time ~${load.thinkMs} ms (bench/load.ts)\n`);
    console.log("| run through nginx | requests | requests/s | p50 | p95 | p99 | errors | answered by | load average |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const { run, summary: s, spread, loadAverage: busy } of figures) {
      console.log(`| ${run} | ${s.requests} | ${s.perSecond.toFixed(1)} | ${s.p50.toFixed(0)} ms | ${s.p95.toFixed(0)} ms | ${s.p99.toFixed(0)} ms | ${s.errors.length} | ${spread} | ${busy} |`);
    }
  }
  console.log("\n| check | result | detail |\n|---|---|---|");
  for (const c of checks) console.log(`| ${c.name} | ${c.ok ? "ok" : "FAILED"} | ${c.detail.replace(/\|/g, "/").replace(/\n/g, " ")} |`);
  const ok = checks.length > 0 && checks.every((c) => c.ok);
  console.log(`\ncluster: ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed`);
  return ok;
}
