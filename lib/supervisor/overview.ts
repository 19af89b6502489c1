import { and, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalations, messages, slaClocks } from "@/db/schema";
import { countOpenBreaches, type OpenBreaches } from "@/lib/sla/open-breaches";

export type SupervisorOverview = {
  /** Breached clocks open now, and the orders they are on (the queue's "Breached" count). */
  openBreaches: OpenBreaches;
  openClocks: number;
  openEscalations: number;
  messagesLast24h: number;
  bouncedOrFailedLast7d: number;
  metLateLast7d: number;
  metLast7d: number;
};

/** The headline numbers of the supervisor's home; the KPI page (a later issue) has the full definitions. */
export async function getSupervisorOverview(db: Db, now: Date = new Date()): Promise<SupervisorOverview> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [breaches, [open], [esc], [sent], [bounced], [met]] = await Promise.all([
    countOpenBreaches(db, now),
    db.select({ n: count() }).from(slaClocks).where(eq(slaClocks.state, "open")),
    db.select({ n: count() }).from(escalations).where(inArray(escalations.status, ["open", "acknowledged"])),
    db.select({ n: count() }).from(messages).where(gte(messages.createdAt, dayAgo)),
    db
      .select({ n: count() })
      .from(messages)
      .where(and(gte(messages.createdAt, weekAgo), inArray(messages.status, ["bounced", "failed"]))),
    db
      .select({ total: count(), late: sql<number>`count(*) filter (where ${slaClocks.breached})`.mapWith(Number) })
      .from(slaClocks)
      .where(and(eq(slaClocks.state, "met"), gte(slaClocks.metAt, weekAgo))),
  ]);
  return {
    openBreaches: breaches,
    openClocks: open?.n ?? 0,
    openEscalations: esc?.n ?? 0,
    messagesLast24h: sent?.n ?? 0,
    bouncedOrFailedLast7d: bounced?.n ?? 0,
    metLast7d: met?.total ?? 0,
    metLateLast7d: met?.late ?? 0,
  };
}
