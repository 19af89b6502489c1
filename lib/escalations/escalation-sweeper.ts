import type { Database } from "@/db/client";
import { runJobTick, type JobOutcome } from "@/lib/jobs/job-lock";
import { startLoop, type LoopHandle } from "@/lib/periodic";
import { autoEscalateBreachedClocks, type AutoEscalationResult } from "./auto-escalate";

// Runs the automatic-escalation sweep beside the outbox worker (in the app, and in `npm run worker`). However many
// processes run it, one sweeps per interval (lib/jobs/job-lock.ts); the others skip. Even two sweeps at once would
// be safe — each clock escalates under its row lock and a unique clock id — but they would do the work twice.

export const ESCALATION_SWEEP_MS = 60_000;

export type SweeperHandle = LoopHandle;

/** One tick: sweeps unless another process swept within the interval or is sweeping now. */
export async function sweepTick(db: Database, intervalMs: number = ESCALATION_SWEEP_MS): Promise<JobOutcome<AutoEscalationResult>> {
  // A loop waits `intervalMs` after each run, so its own ticks are never closer; the tenth spare absorbs timer jitter.
  return runJobTick(db, "escalationSweep", intervalMs * 0.9, () => autoEscalateBreachedClocks(db));
}

/** Sweeps now and then every `intervalMs` until stopped; a failed sweep is logged as one JSON line and the loop goes on. */
export function startEscalationSweeper(db: Database, { intervalMs = ESCALATION_SWEEP_MS, name = "escalation sweep" } = {}): SweeperHandle {
  return startLoop({ name, intervalMs, failureMessage: "escalation sweep failed" }, async ({ logger }) => {
    const tick = await sweepTick(db, intervalMs);
    if (tick.ran && tick.value.escalated > 0) logger.info("escalated clocks late by more than their allowance", { ...tick.value });
  });
}
