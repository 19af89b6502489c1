import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { appConfig } from "@/lib/config/app-config";

// Which process answered: /api/health and the start-up log line carry it, so an operator behind a load balancer can
// tell the instances apart. INSTANCE_ID when the operator names them; otherwise host, pid and a random suffix (a
// restarted container may reuse a pid). Fixed for the life of the process, even if Next.js loads this module twice.

const holder = globalThis as typeof globalThis & { __orderlineInstanceId?: string };

export function instanceId(): string {
  holder.__orderlineInstanceId ??= appConfig().INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  return holder.__orderlineInstanceId;
}
