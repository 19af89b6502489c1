import type { Db } from "@/db/client";
import { log } from "@/lib/log";
import { autoEscalateBreachedClocks } from "./auto-escalate";

// Runs the automatic-escalation sweep beside the outbox worker (in the app, and in `npm run worker`). Several
// sweepers against one database are safe: each clock escalates under its row lock and a unique clock id.

export const ESCALATION_SWEEP_MS = 60_000;

export type SweeperHandle = { stop(): Promise<void> };

/** Sweeps now and then every `intervalMs` until stopped; a failed sweep is logged as one JSON line and the loop goes on. */
export function startEscalationSweeper(db: Db, { intervalMs = ESCALATION_SWEEP_MS, name = "escalation sweep" } = {}): SweeperHandle {
  const logger = log.child({ worker: name });
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        const result = await autoEscalateBreachedClocks(db);
        if (result.escalated > 0) logger.info("escalated clocks late by more than their allowance", { ...result });
      } catch (error) {
        logger.error("escalation sweep failed", { error });
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
