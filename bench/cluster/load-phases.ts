import path from "node:path";
import { analyseKill, readAccessLog } from "./checks";
import { receiveConfirmedOrders } from "./fresh-orders";
import { startLoad, type LoadOptions, type LoadSummary } from "./load-runs";
import type { Processes } from "./processes";
import { check, figure, nameOf, sampleLoadAverage } from "./report";
import { startInstance, waitForInstance, waitForPortClosed, waitForRotation, type Balancer, type Instance } from "./topology";

// The load parts of the cluster run (skipped by --quick): bench/load.ts through nginx with one instance in rotation
// and then three; again with an instance SIGKILLed halfway; again while every instance in turn is drained, stopped
// and started (a rolling restart, as an upgrade does it).

export type LoadContext = {
  procs: Processes;
  balancer: Balancer;
  /** The instances now running; a restarted one replaces its entry. */
  instances: Instance[];
  env: NodeJS.ProcessEnv;
  dbUrl: string;
  runDir: string;
  load: LoadOptions;
  /** Orders received and confirmed before each run, for its status changes. */
  confirmed: number;
  startTimeoutMs: number;
};

const accessLog = (ctx: LoadContext) => path.join(ctx.runDir, "nginx", "access.log");
const addresses = (instances: readonly Instance[]) => instances.map((i) => i.address);

export async function oneThenThree(ctx: LoadContext): Promise<void> {
  const [first] = ctx.instances as [Instance];
  // One instance: the other two marked down in the balancer (reloaded, as an operator drains an instance).
  ctx.balancer.configure(ctx.instances.map((i) => ({ address: i.address, down: i !== first })));
  await waitForRotation(ctx.balancer.url, [first.address]);
  await measured(ctx, "1 instance");
  ctx.balancer.configure(ctx.instances.map((i) => ({ address: i.address })));
  await waitForRotation(ctx.balancer.url, addresses(ctx.instances));
  await measured(ctx, "3 instances");
}

async function measured(ctx: LoadContext, run: string): Promise<void> {
  const { summary } = await loadRun(ctx, run, async () => {});
  check(`load through the balancer, ${run}`, summary.errors.length === 0, `${summary.requests} requests, ${summary.perSecond.toFixed(1)}/s, p95 ${summary.p95.toFixed(0)} ms, ${summary.errors.length} errors`);
}

/** Fresh confirmed orders, then bench/load.ts through the balancer with `during` running once the reps are at work. */
async function loadRun(ctx: LoadContext, run: string, during: () => Promise<void>, seconds = ctx.load.seconds): Promise<{ summary: LoadSummary; startedAt: number; endsAt: number }> {
  const t0 = Date.now();
  await receiveConfirmedOrders(ctx.dbUrl, ctx.confirmed);
  console.log(`cluster: ${ctx.confirmed} orders received and confirmed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const startedAt = Date.now();
  const busy = sampleLoadAverage();
  const load = startLoad(ctx.procs, `load-${run.replace(/\W+/g, "-")}`, ctx.balancer.url, { ...ctx.load, seconds }, ctx.runDir);
  await load.started;
  const endsAt = Date.now() + seconds * 1000;
  await during();
  const summary = await load.result;
  figure(run, summary, readAccessLog(accessLog(ctx)).filter((e) => e.start >= startedAt), ctx.instances, busy());
  return { summary, startedAt, endsAt };
}

/** The second instance SIGKILLed halfway through a run; then started again, it must rejoin the rotation. */
export async function killMidLoad(ctx: LoadContext): Promise<void> {
  const index = 1;
  const victim = ctx.instances[index]!;
  let killSentAt = 0;
  let deadAt = 0;
  const { summary, startedAt } = await loadRun(ctx, "3 instances, one killed halfway", async () => {
    await new Promise((r) => setTimeout(r, (ctx.load.seconds * 1000) / 2));
    killSentAt = Date.now();
    await ctx.procs.stop(victim.child, "SIGKILL");
    await waitForPortClosed(victim.port);
    deadAt = Date.now();
  });
  const kill = analyseKill(readAccessLog(accessLog(ctx)).filter((e) => e.start >= startedAt), victim.address, killSentAt, deadAt);
  const lostAfter = summary.errors.filter((e) => e.startedAt > deadAt);
  const others = ctx.instances.filter((i) => i !== victim);
  check(
    "the other instances keep serving after a kill",
    others.every((i) => (kill.servedAfter[i.address] ?? 0) > 0) && !kill.servedAfter[victim.address],
    `answers after the kill: ${Object.entries(kill.servedAfter).map(([a, n]) => `${nameOf(ctx.instances, a)} ${n}`).join(", ")}`,
  );
  check(
    "no request lost beyond those in flight",
    lostAfter.length === 0 && kill.failedAfter === 0 && summary.errors.length <= kill.inFlight,
    `${kill.inFlight} in flight on ${victim.name} when it died (${kill.inFlightFailed} answered with an error by nginx); load errors: ${summary.errors.length} ` +
      `(${lostAfter.length} begun after the kill)${summary.errors.length ? `: ${summary.errors.slice(0, 3).map((e) => `${e.kind} ${e.detail}`.slice(0, 120)).join("; ")}` : ""}`,
  );

  // Started again on its port, it rejoins once nginx tries it again (fail_timeout).
  const restarted = (ctx.instances[index] = startInstance(ctx.procs, ctx.env, index, victim.port, ctx.runDir));
  try {
    await waitForInstance(restarted, ctx.startTimeoutMs);
    await waitForRotation(ctx.balancer.url, addresses(ctx.instances), 30_000);
    check("a killed instance, started again, rejoins the rotation", true, `${restarted.name} answers through the balancer again`);
  } catch (error) {
    check("a killed instance, started again, rejoins the rotation", false, String(error).slice(0, 300));
  }
}

/**
 * Each instance in turn: marked down in nginx and reloaded (new requests go elsewhere, its requests in flight
 * finish), stopped with SIGTERM (it drains), started again, back in rotation. Under load, nothing may fail.
 */
export async function rollingRestart(ctx: LoadContext): Promise<void> {
  let rolled = 0;
  let rolledAt = 0;
  let failure = "";
  // Long enough for three restarts on a busy machine (each instance takes 10–30 s to start).
  const seconds = Math.max(ctx.load.seconds, 120);
  const { summary, startedAt, endsAt } = await loadRun(ctx, "3 instances, rolling restart", () => roll().catch((error: unknown) => void (failure = `; stopped: ${String(error).slice(0, 200)}`)), seconds);
  // The script's own /api/health probes (to see the rotation) are not the reps' requests; a 503 there is the health
  // check's 2 s database probe on a saturated machine, reported apart.
  const answers = readAccessLog(accessLog(ctx)).filter((e) => e.start >= startedAt && e.status >= 500);
  const failed = answers.filter((e) => e.uri !== "/api/health");
  const healthFailures = answers.length - failed.length;
  check(
    "a rolling restart under load loses nothing",
    rolled === ctx.instances.length && rolledAt <= endsAt && summary.errors.length === 0 && failed.length === 0,
    `${rolled} of ${ctx.instances.length} instances drained, stopped and started again, ${rolledAt && rolledAt <= endsAt ? "all" : "NOT all"} within the ${seconds} s run; ` +
      `${summary.errors.length} load errors, ${failed.length} 5xx answers to the reps (${healthFailures} to the script's health probes); ${summary.resent} requests sent again after nginx's reload closed an idle kept-alive connection (as a browser does)` +
      (summary.errors.length ? `: ${summary.errors.slice(0, 3).map((e) => `${e.kind} ${e.detail}`.slice(0, 120)).join("; ")}` : "") +
      failure,
  );

  async function roll(): Promise<void> {
    for (const [index, instance] of ctx.instances.entries()) {
      ctx.balancer.configure(ctx.instances.map((i) => ({ address: i.address, down: i === instance })));
      await waitForRotation(ctx.balancer.url, addresses(ctx.instances.filter((i) => i !== instance)));
      await ctx.procs.stop(instance.child, "SIGTERM", 30_000);
      const fresh = (ctx.instances[index] = startInstance(ctx.procs, ctx.env, index, instance.port, ctx.runDir));
      await waitForInstance(fresh, ctx.startTimeoutMs);
      ctx.balancer.configure(ctx.instances.map((i) => ({ address: i.address })));
      await waitForRotation(ctx.balancer.url, addresses(ctx.instances));
      rolled += 1;
    }
    rolledAt = Date.now();
  }
}
