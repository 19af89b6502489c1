import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, messageEvents, messages, orders, users, type ActorType, type Message, type MessageEvent } from "@/db/schema";
import { NO_TEMPLATE, type MessageLogFilters } from "./log-filters";
import { resolvePeriod, type ResolvedPeriod } from "./period";
import { chooseSearchPlan, logOrderCondition, PAGE_PREFILTER_MAX_MATCHES, textSearchCondition, type SearchPlan } from "./search-plan";
import { escapeLike } from "@/lib/orders/order-search";

// The global communication log (/messages), its count (the export's total) and one message as it was sent
// (/messages/[id]). Newest first, keyset paged on (created_at, id): no count over millions of rows for a page, and a
// page stays stable while new messages arrive. Every condition reads `messages` alone (customers and orders through
// subqueries), so the planner can walk a messages index newest first and stop after one page.

export const MESSAGE_PAGE_SIZE = 50;

/**
 * How the filters' calendar dates are read: the viewer's zone, and "now" for rolling presets. `searchPlan` forces
 * how a text search runs (tests run both); otherwise it is chosen from the planner's estimate (search-plan.ts).
 */
export type LogContext = { timeZone: string; now: Date; searchPlan?: SearchPlan };
const defaultContext = (): LogContext => ({ timeZone: "UTC", now: new Date() });

function senderCondition(sender: string): SQL {
  // A person is named by their user id; anything else is the kind of sender (System, API…).
  return z.uuid().safeParse(sender).success ? eq(messages.senderUserId, sender) : eq(messages.senderType, sender as ActorType);
}

function customerCondition(term: string): SQL {
  // An address is matched exactly (customers_email_lower_idx); anything else is a part of the name.
  const match = term.includes("@") ? eq(sql`lower(${customers.email})`, term.toLowerCase()) : ilike(customers.name, `%${escapeLike(term)}%`);
  return inArray(messages.customerId, sql`(select ${customers.id} from ${customers} where ${match})`);
}

function reviewCondition(state: NonNullable<MessageLogFilters["reviewed"]>): SQL {
  if (state === "no") return isNull(messages.reviewedAt);
  if (state === "yes") return isNotNull(messages.reviewedAt);
  return lte(messages.reviewScore, 2);
}

/** The WHERE conditions of the filters (the page cursor aside). */
export function messageLogConditions(filters: MessageLogFilters, period: ResolvedPeriod): SQL[] {
  const conditions: (SQL | undefined)[] = [
    period.from ? gte(messages.createdAt, period.from) : undefined,
    period.to ? lt(messages.createdAt, period.to) : undefined,
    filters.channel ? eq(messages.channel, filters.channel) : undefined,
    filters.template === NO_TEMPLATE ? isNull(messages.template) : filters.template ? eq(messages.template, filters.template) : undefined,
    filters.sender ? senderCondition(filters.sender) : undefined,
    filters.status ? eq(messages.status, filters.status) : undefined,
    filters.provider ? eq(messages.provider, filters.provider) : undefined,
    filters.order ? inArray(messages.orderId, sql`(select ${orders.id} from ${orders} where ${orders.number} = ${filters.order})`) : undefined,
    filters.customer ? customerCondition(filters.customer) : undefined,
    filters.q ? textSearchCondition(filters.q) : undefined,
    filters.reviewed ? reviewCondition(filters.reviewed) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** Rows strictly older than a keyset cursor (created_at as PostgreSQL printed it, and the history sequence). */
export function olderThan(cursor: { time: string; seq: string }): SQL {
  return sql`(${messages.createdAt}, ${messages.seq}) < (${cursor.time}::timestamptz, ${cursor.seq}::bigint)`;
}

export type MessageLogRow = Pick<
  Message,
  "id" | "channel" | "template" | "toAddress" | "subject" | "status" | "provider" | "createdAt" | "sentAt" | "senderType" | "reviewedAt" | "reviewScore"
> & {
  senderName: string;
  orderNumber: string | null;
  customerName: string;
};

export type MessageLogPage = { rows: MessageLogRow[]; nextCursor: string | null; period: ResolvedPeriod };

const senderLabels: Record<ActorType, string> = { user: "A user", system: "System", carrier: "Carrier", customer: "Customer", api: "API" };

export function senderName(senderType: ActorType, userName: string | null): string {
  return senderType === "user" && userName ? userName : senderLabels[senderType];
}

/** The page's statement (also EXPLAINed by bench/message-log-plans.ts, so the plans checked are the page's own). */
export function messageLogPageQuery(db: Db, filters: MessageLogFilters, period: ResolvedPeriod, plan: SearchPlan = "inline") {
  const conditions = messageLogConditions(filters, period);
  if (filters.before) conditions.push(olderThan(filters.before));
  return db
    .select({
      id: messages.id,
      channel: messages.channel,
      template: messages.template,
      toAddress: messages.toAddress,
      subject: messages.subject,
      status: messages.status,
      provider: messages.provider,
      createdAt: messages.createdAt,
      cursorTime: sql<string>`${messages.createdAt}::text`,
      seq: messages.seq,
      sentAt: messages.sentAt,
      senderType: messages.senderType,
      reviewedAt: messages.reviewedAt,
      reviewScore: messages.reviewScore,
      userName: users.name,
      orderNumber: orders.number,
      customerName: customers.name,
    })
    .from(messages)
    .innerJoin(customers, eq(customers.id, messages.customerId))
    .leftJoin(orders, eq(orders.id, messages.orderId))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(logOrderCondition(conditions, plan, MESSAGE_PAGE_SIZE + 1))
    // Equal times in the order they were written (history_seq), never by a random id.
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(MESSAGE_PAGE_SIZE + 1);
}

export async function listMessages(db: Db, filters: MessageLogFilters, context: LogContext = defaultContext()): Promise<MessageLogPage> {
  const period = resolvePeriod(filters, context.timeZone, context.now);
  const plan = filters.q ? (context.searchPlan ?? (await chooseSearchPlan(db, filters.q, PAGE_PREFILTER_MAX_MATCHES))) : "inline";
  const rows = await messageLogPageQuery(db, filters, period, plan);
  const page = rows.slice(0, MESSAGE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map(({ userName, cursorTime: _cursor, seq: _seq, ...row }) => ({ ...row, senderName: senderName(row.senderType, userName) })),
    nextCursor: rows.length > MESSAGE_PAGE_SIZE && last ? `${last.cursorTime}|${last.seq}` : null,
    period,
  };
}

/** The count's statement: messages matching the filters, written at or before `asOf` when given. */
export function messageCountQuery(db: Db, filters: MessageLogFilters, period: ResolvedPeriod, asOf?: Date) {
  const conditions = messageLogConditions(filters, period);
  if (asOf) conditions.push(lte(messages.createdAt, asOf));
  return db.select({ n: count() }).from(messages).where(and(...conditions));
}

/** How many messages match the filters (written at or before `asOf`, when given). For the export's progress. */
export async function countMessages(db: Db, filters: MessageLogFilters, context: LogContext, asOf?: Date): Promise<number> {
  const [row] = await messageCountQuery(db, filters, resolvePeriod(filters, context.timeZone, context.now), asOf);
  return row?.n ?? 0;
}

export type MessageDetail = {
  message: Message;
  senderName: string;
  order: { number: string } | null;
  customer: { name: string; email: string | null; phone: string | null };
  reviewerName: string | null;
  events: MessageEvent[];
};

export async function getMessageDetail(db: Db, id: string): Promise<MessageDetail | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({ message: messages, userName: users.name, orderNumber: orders.number, customerName: customers.name, customerEmail: customers.email, customerPhone: customers.phone })
    .from(messages)
    .innerJoin(customers, eq(customers.id, messages.customerId))
    .leftJoin(orders, eq(orders.id, messages.orderId))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(eq(messages.id, id));
  if (!row) return null;
  const [events, reviewer] = await Promise.all([
    db.select().from(messageEvents).where(eq(messageEvents.messageId, id)).orderBy(asc(messageEvents.occurredAt), asc(messageEvents.id)),
    row.message.reviewedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, row.message.reviewedBy)) : Promise.resolve([]),
  ]);
  return {
    message: row.message,
    senderName: senderName(row.message.senderType, row.userName),
    order: row.orderNumber ? { number: row.orderNumber } : null,
    customer: { name: row.customerName, email: row.customerEmail, phone: row.customerPhone },
    reviewerName: reviewer[0]?.name ?? null,
    events,
  };
}

export type SenderOption = { value: string; label: string };

/** The "Sent by" choices: System, then every rep and supervisor (inactive ones too: their messages stay in the log). */
export async function messageSenderOptions(db: Db): Promise<SenderOption[]> {
  const people = await db
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(inArray(users.role, ["rep", "supervisor"]))
    .orderBy(asc(users.name), asc(users.id));
  return [{ value: "system", label: "System" }, ...people.map((p) => ({ value: p.id, label: p.active ? p.name : `${p.name} (inactive)` }))];
}
