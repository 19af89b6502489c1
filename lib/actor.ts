import type { ActorType } from "@/db/schema";

/**
 * Who causes a change: recorded on every order event, message and audit entry. A person acting through a request
 * may carry where they acted from (ip, user agent); only the audit log records it (lib/audit/write-audit.ts).
 */
export type Actor = { type: "user"; userId: string; ip?: string | null; userAgent?: string | null } | { type: Exclude<ActorType, "user"> };

export const systemActor: Actor = { type: "system" };

export function actorColumns(actor: Actor): { actorType: ActorType; actorUserId: string | null } {
  return { actorType: actor.type, actorUserId: actor.type === "user" ? actor.userId : null };
}
