import type { Db } from "@/db/client";
import { startLoop, type LoopHandle } from "@/lib/periodic";
import { autoEscalateBreachedClocks } from "./auto-escalate";

// Runs the automatic-escalation sweep beside the outbox worker (in the app, and in `npm run worker`). Several
// sweepers against one database are safe: each clock escalates under its row lock and a unique clock id.

export const ESCALATION_SWEEP_MS = 60_000;

export type SweeperHandle = LoopHandle;

/** Sweeps now and then every `intervalMs` until stopped; a failed sweep is logged as one JSON line and the loop goes on. */
export function startEscalationSweeper(db: Db, { intervalMs = ESCALATION_SWEEP_MS, name = "escalation sweep" } = {}): SweeperHandle {
  return startLoop({ name, intervalMs, failureMessage: "escalation sweep failed" }, async ({ logger }) => {
    const result = await autoEscalateBreachedClocks(db);
    if (result.escalated > 0) logger.info("escalated clocks late by more than their allowance", { ...result });
  });
}
