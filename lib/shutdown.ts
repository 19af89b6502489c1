import { log as defaultLog, type Logger } from "@/lib/log";

// Graceful shutdown on SIGTERM/SIGINT. The server (server.mjs under `npm start`, as `next start`) has its own
// handler: it stops accepting connections, lets the requests in flight finish, then calls process.exit. Ours runs
// beside it: the worker loops stop at once (each finishes the batch in hand, so nothing is sent without being
// recorded), and the database pool closes only when Next.js is about to exit, after the last request is done with
// it. Holding Next.js's exit until then takes wrapping process.exit; a deadline keeps a stuck step from holding the
// process past the orchestrator's patience.

export type ShutdownSteps = {
  stopWorkers: () => Promise<void>;
  closeDatabase: () => Promise<void>;
  logger?: Logger;
  /** Give up waiting for the steps after this long and exit anyway (Docker sends SIGKILL after 10 s). */
  timeoutMs?: number;
};

export type Shutdown = {
  /** A signal arrived: stop the workers now. */
  begin(signal: string): void;
  /** The process is about to exit: wait for the workers, close the database. Resolves when it is safe to exit. */
  finish(): Promise<void>;
};

export function createShutdown({ stopWorkers, closeDatabase, logger = defaultLog, timeoutMs = 8000 }: ShutdownSteps): Shutdown {
  let workersStopped: Promise<void> | null = null;
  let finished: Promise<void> | null = null;
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      logger.error(`shutdown: ${name} failed`, { error });
    }
  };
  const begin = (signal: string) => {
    if (workersStopped) return;
    logger.info("shutting down", { signal });
    workersStopped = step("stopping the workers", stopWorkers);
  };
  return {
    begin,
    finish() {
      finished ??= (async () => {
        begin("exit");
        const steps = (async () => {
          await workersStopped;
          await step("closing the database", closeDatabase);
        })();
        const deadline = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), timeoutMs).unref());
        if ((await Promise.race([steps.then(() => "done" as const), deadline])) === "late") {
          logger.warn("shutdown: steps still running at the deadline; exiting anyway", { timeoutMs });
        } else logger.info("shutdown complete");
      })();
      return finished;
    },
  };
}

type SignalProcess = Pick<NodeJS.Process, "on" | "exit" | "env">;

/**
 * Listens for SIGTERM and SIGINT. When Next.js handles signals (the default) its exit waits for `finish`; with
 * NEXT_MANUAL_SIG_HANDLE set nobody else exits, so this exits itself once finished.
 */
export function installGracefulShutdown(shutdown: Shutdown, proc: SignalProcess = process): void {
  const hostExits = !proc.env.NEXT_MANUAL_SIG_HANDLE;
  let handled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while shutting down changes nothing: the first one's steps are under way.
    if (handled) return;
    handled = true;
    shutdown.begin(signal);
    if (!hostExits) {
      void shutdown.finish().then(() => proc.exit(0));
      return;
    }
    const exit = proc.exit.bind(proc);
    proc.exit = ((code?: number | string | null) => {
      void shutdown.finish().then(() => exit(code));
    }) as NodeJS.Process["exit"];
  };
  proc.on("SIGTERM", onSignal);
  proc.on("SIGINT", onSignal);
}
