import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { channels, customers, messageEvents, messages, messageStatuses, orders, users, type ActorType, type Message, type MessageEvent } from "@/db/schema";
import { LOCAL_OUTBOX } from "./providers";
import { firstSearchParams } from "@/lib/search-params";

// The global communication log (/messages) and one message as it was sent (/messages/[id]). Newest first, keyset
// paged on (created_at, id): no count over millions of rows, and a page stays stable while new messages arrive.

export const MESSAGE_PAGE_SIZE = 50;

export const messageProviders = [
  { value: "resend", label: "Resend (email)" },
  { value: "twilio", label: "Twilio (SMS)" },
  { value: LOCAL_OUTBOX, label: "Local outbox" },
] as const;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
// created_at as PostgreSQL prints it (microseconds kept: a JavaScript Date would round them off and skip rows).
const cursorTime = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export const messageLogFiltersSchema = z.object({
  channel: optionalEnum(channels),
  status: optionalEnum(messageStatuses),
  provider: optionalEnum(messageProviders.map((p) => p.value) as [string, ...string[]]),
  before: z
    .string()
    .transform((s) => {
      const [time, id] = s.split("|");
      return time && id && cursorTime.test(time) && z.uuid().safeParse(id).success ? { time, id } : undefined;
    })
    .optional()
    .catch(undefined),
});

export type MessageLogFilters = z.output<typeof messageLogFiltersSchema>;

export function parseMessageLogFilters(searchParams: Record<string, string | string[] | undefined>): MessageLogFilters {
  const flat = firstSearchParams(searchParams);
  return messageLogFiltersSchema.parse(flat);
}

/** The query string for these filters and a page cursor; empty values left out. */
export function messageLogQuery(filters: MessageLogFilters, before?: string | null): string {
  const params = new URLSearchParams();
  for (const key of ["channel", "status", "provider"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (before) params.set("before", before);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export type MessageLogRow = Pick<Message, "id" | "channel" | "template" | "toAddress" | "subject" | "status" | "provider" | "createdAt" | "sentAt" | "senderType"> & {
  senderName: string;
  orderNumber: string | null;
  customerName: string;
};

export type MessageLogPage = { rows: MessageLogRow[]; nextCursor: string | null };

const senderLabels: Record<ActorType, string> = { user: "A user", system: "System", carrier: "Carrier", customer: "Customer", api: "API" };

export function senderName(senderType: ActorType, userName: string | null): string {
  return senderType === "user" && userName ? userName : senderLabels[senderType];
}

export async function listMessages(db: Db, filters: MessageLogFilters): Promise<MessageLogPage> {
  const conditions: (SQL | undefined)[] = [
    filters.channel ? eq(messages.channel, filters.channel) : undefined,
    filters.status ? eq(messages.status, filters.status) : undefined,
    filters.provider ? eq(messages.provider, filters.provider) : undefined,
    filters.before ? sql`(${messages.createdAt}, ${messages.id}) < (${filters.before.time}::timestamptz, ${filters.before.id}::uuid)` : undefined,
  ];
  const rows = await db
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
      sentAt: messages.sentAt,
      senderType: messages.senderType,
      userName: users.name,
      orderNumber: orders.number,
      customerName: customers.name,
    })
    .from(messages)
    .innerJoin(customers, eq(customers.id, messages.customerId))
    .leftJoin(orders, eq(orders.id, messages.orderId))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(MESSAGE_PAGE_SIZE + 1);
  const page = rows.slice(0, MESSAGE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map(({ userName, cursorTime: _cursor, ...row }) => ({ ...row, senderName: senderName(row.senderType, userName) })),
    nextCursor: rows.length > MESSAGE_PAGE_SIZE && last ? `${last.cursorTime}|${last.id}` : null,
  };
}

export type MessageDetail = {
  message: Message;
  senderName: string;
  order: { number: string } | null;
  customer: { name: string; email: string | null; phone: string | null };
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
  const events = await db.select().from(messageEvents).where(eq(messageEvents.messageId, id)).orderBy(asc(messageEvents.occurredAt), asc(messageEvents.id));
  return {
    message: row.message,
    senderName: senderName(row.message.senderType, row.userName),
    order: row.orderNumber ? { number: row.orderNumber } : null,
    customer: { name: row.customerName, email: row.customerEmail, phone: row.customerPhone },
    events,
  };
}
