import type { Db } from "@/db/client";
import { workerDepsFor } from "./delivery-setup";
import { deliveryConfigFromEnv } from "./providers";
import { startWorker, type WorkerHandle } from "./worker";

// The worker inside the app process, so `npm run dev` delivers with nothing else running. Production may run it
// standalone instead (`npm run worker`, with OUTBOX_WORKER=off for the app). Never under vitest or `next build`.

const globalForWorker = globalThis as unknown as { __orderlineOutboxWorker?: WorkerHandle };

export function shouldRunInAppWorker(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OUTBOX_WORKER === "off") return false;
  if (env.VITEST) return false;
  if (env.NEXT_PHASE === "phase-production-build") return false;
  return true;
}

/** Starts the worker once per process (Next.js may load this module more than once); null when switched off. */
export function startInAppWorker(db: Db, env: NodeJS.ProcessEnv = process.env): WorkerHandle | null {
  if (!shouldRunInAppWorker(env)) return null;
  if (!globalForWorker.__orderlineOutboxWorker) {
    const config = deliveryConfigFromEnv(env);
    globalForWorker.__orderlineOutboxWorker = startWorker(db, workerDepsFor(config), { intervalMs: Number(env.OUTBOX_POLL_MS ?? 1000), name: "in-app outbox worker" });
    console.log(JSON.stringify({ level: "info", msg: "outbox worker started in the app", email: config.email.kind, sms: config.sms.kind }));
  }
  return globalForWorker.__orderlineOutboxWorker;
}
