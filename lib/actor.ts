import type { ActorType } from "@/db/schema";

/** Who causes a change: recorded on every order event, message and audit entry. */
export type Actor = { type: "user"; userId: string } | { type: Exclude<ActorType, "user"> };

export const systemActor: Actor = { type: "system" };

export function actorColumns(actor: Actor): { actorType: ActorType; actorUserId: string | null } {
  return { actorType: actor.type, actorUserId: actor.type === "user" ? actor.userId : null };
}
