// The cost of formatting one timestamp for a viewer (lib/format.ts formatDateTime), this tree against another
// checkout of the project, alternating in one run so both see the same machine load.
//
//   git worktree add /tmp/orderline-old <commit>
//   npx tsx bench/format.ts --old /tmp/orderline-old [--calls 20000] [--rounds 5]
//
// A /queue page of 50 rows formats ~150 timestamps; the order page a few hundred.
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

type FormatModule = { formatDateTime: (value: Date, timeZone: string) => string };

const { values } = parseArgs({ options: { old: { type: "string" }, calls: { type: "string", default: "20000" }, rounds: { type: "string", default: "5" } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const zones = ["America/New_York", "Europe/Berlin", "Asia/Tokyo"];

async function load(root: string): Promise<FormatModule> {
  return (await import(pathToFileURL(path.join(root, "lib/format.ts")).href)) as FormatModule;
}

function microsecondsPerCall(format: FormatModule): number {
  const start = performance.now();
  let length = 0;
  for (let i = 0; i < calls; i++) length += format.formatDateTime(new Date(1_780_000_000_000 + i * 60_000), zones[i % zones.length]!).length;
  if (length === 0) throw new Error("nothing formatted");
  return ((performance.now() - start) * 1000) / calls;
}

const trees: { name: string; format: FormatModule }[] = [{ name: "this tree", format: await load(path.resolve(import.meta.dirname, "..")) }];
if (values.old) trees.push({ name: values.old, format: await load(path.resolve(values.old)) });

const samples = new Map<string, number[]>(trees.map((t) => [t.name, []]));
for (let round = 0; round < rounds; round++) {
  for (const tree of round % 2 === 0 ? trees : [...trees].reverse()) samples.get(tree.name)!.push(microsecondsPerCall(tree.format));
}
for (const [name, list] of samples) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${name}: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} µs per formatDateTime (rounds: ${list.map((v) => v.toFixed(1)).join(", ")})`);
}
