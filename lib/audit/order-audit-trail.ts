import { and, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, changeRequests, escalations, messages, orders, users } from "@/db/schema";

// A supervisor's view of the audit log for one order: entries about the order, its requests, escalations and
// messages, and about its customer (holds, exports, erasure). Newest first, paged.

export const AUDIT_PAGE_SIZE = 25;

export type AuditTrailEntry = {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  actorType: string;
  actorName: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
};

export type AuditTrailPage = { entries: AuditTrailEntry[]; total: number; page: number; pageCount: number };

function about(entityType: string, ids: SQL): SQL {
  return and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids))!;
}

export async function orderAuditTrail(db: Db, input: { orderId: string; page?: number }): Promise<AuditTrailPage> {
  const [order] = await db.select({ id: orders.id, customerId: orders.customerId }).from(orders).where(eq(orders.id, input.orderId));
  if (!order) return { entries: [], total: 0, page: 1, pageCount: 1 };
  const where = or(
    and(eq(auditLog.entityType, "order"), eq(auditLog.entityId, order.id)),
    and(eq(auditLog.entityType, "customer"), eq(auditLog.entityId, order.customerId)),
    about("change_request", sql`(select ${changeRequests.id}::text from ${changeRequests} where ${changeRequests.orderId} = ${order.id})`),
    about("escalation", sql`(select ${escalations.id}::text from ${escalations} where ${escalations.orderId} = ${order.id})`),
    about("message", sql`(select ${messages.id}::text from ${messages} where ${messages.orderId} = ${order.id})`),
  );
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog).where(where);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pageCount);
  const entries = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorType: auditLog.actorType,
      actorName: users.name,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { entries, total, page, pageCount };
}
