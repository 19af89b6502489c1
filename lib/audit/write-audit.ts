import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";

// The one way domain code writes an audit row: who (the actor, and where they acted from when a request carried it),
// what, which record, before and after, when. Call it inside the transaction that makes the change, so the log
// never misses a change and never records one that did not happen. The table refuses UPDATE and DELETE
// (db/migrations/0011_audit_trigger.sql).

/** Where a person acted from, when a request is at hand (lib/audit/request-actor.ts). */
export type RequestOrigin = { ip?: string | null; userAgent?: string | null };

export type AuditRecord = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
};

export async function writeAudit(tx: Db, record: AuditRecord): Promise<void> {
  const origin = record.actor.type === "user" ? record.actor : null;
  await tx.insert(auditLog).values({
    ...actorColumns(record.actor),
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before ?? null,
    after: record.after ?? null,
    ip: origin?.ip ?? null,
    userAgent: origin?.userAgent?.slice(0, 500) ?? null,
    ...(record.at ? { createdAt: record.at } : {}),
  });
}
