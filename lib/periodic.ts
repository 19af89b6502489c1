import { log } from "@/lib/log";

// The one background loop (the outbox worker, the escalation sweep, the KPI refresh): run now, then every interval,
// until stopped. A failed run is logged as one line and the loop goes on; stopping lets the run in hand finish. Every
// process runs these loops; a job that must run once across them takes its lock inside the run (lib/jobs/job-lock.ts).

export type LoopStatus = { running: boolean; lastRunAt: Date | null };

export type LoopHandle = {
  /** Stops the loop: the run in hand finishes first, then no further run starts. */
  stop(): Promise<void>;
  /** Whether the loop runs, and when a run last finished without an error (for /api/health). */
  status(): LoopStatus;
};

export function startLoop(
  options: { name: string; intervalMs: number; failureMessage: string },
  run: (context: { shouldStop: () => boolean; logger: typeof log }) => Promise<void>,
): LoopHandle {
  const logger = log.child({ worker: options.name });
  let stopped = false;
  let running = true;
  let lastRunAt: Date | null = null;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        await run({ shouldStop: () => stopped, logger });
        lastRunAt = new Date();
      } catch (error) {
        logger.error(options.failureMessage, { error });
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    running = false;
  })();
  return {
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
    status: () => ({ running, lastRunAt }),
  };
}
