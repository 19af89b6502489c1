import { and, desc, eq, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "@/db/client";
import { customers, messages, orders, users } from "@/db/schema";
import { csvRecord, UTF8_BOM } from "@/lib/csv-writer";
import { channelLabels, humanize } from "@/lib/format";
import { wallClockMs } from "@/lib/sla/zoned-time";
import type { MessageLogFilters } from "./log-filters";
import { messageCountQuery, messageLogConditions, olderThan, senderName, type LogContext } from "./message-log";
import { resolvePeriod } from "./period";
import { chooseSearchPlan, EXPORT_PREFILTER_MAX_MATCHES, logOrderCondition, type SearchPlan } from "./search-plan";

// The filtered log as CSV, streamed: rows are read in keyset chunks (newest first, like the log) and each chunk is
// read only when the reader has taken the previous one (a pull stream with a one-chunk queue), so a year of
// messages never sits in memory and a slow download slows the queries instead of filling the heap.

export const EXPORT_CHUNK_SIZE = 2000;

export type MessageExportOptions = {
  /** Messages written after this instant are left out, so the count sent first is the count that follows. */
  asOf: Date;
  chunkSize?: number;
};

const reviewer = alias(users, "reviewer");

/** One chunk's statement: up to `limit` rows older than `after`, newest first. */
export function messageExportChunkQuery(
  db: Db,
  filters: MessageLogFilters,
  context: LogContext,
  chunk: { asOf: Date; limit: number; after?: { time: string; seq: string }; plan: SearchPlan },
) {
  const { asOf, limit, after, plan } = chunk;
  const conditions = messageLogConditions(filters, resolvePeriod(filters, context.timeZone, context.now));
  conditions.push(lte(messages.createdAt, asOf));
  if (after) conditions.push(olderThan(after));
  return db
    .select({
      id: messages.id,
      createdAt: messages.createdAt,
      cursorTime: sql<string>`${messages.createdAt}::text`,
      seq: messages.seq,
      channel: messages.channel,
      template: messages.template,
      status: messages.status,
      senderType: messages.senderType,
      senderUserName: users.name,
      orderNumber: orders.number,
      customerName: customers.name,
      toAddress: messages.toAddress,
      subject: messages.subject,
      bodyText: messages.bodyText,
      sentAt: messages.sentAt,
      deliveredAt: messages.deliveredAt,
      provider: messages.provider,
      reviewedAt: messages.reviewedAt,
      reviewerName: reviewer.name,
      reviewScore: messages.reviewScore,
      reviewComment: messages.reviewComment,
    })
    .from(messages)
    .innerJoin(customers, eq(customers.id, messages.customerId))
    .leftJoin(orders, eq(orders.id, messages.orderId))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .leftJoin(reviewer, eq(reviewer.id, messages.reviewedBy))
    .where(logOrderCondition(conditions, plan, limit))
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(limit);
}

export type MessageExportRow = Awaited<ReturnType<typeof messageExportChunkQuery>>[number];

/** The filtered log in chunks of at most `chunkSize` rows, newest first, each row exactly once. */
export async function* messageExportChunks(db: Db, filters: MessageLogFilters, context: LogContext, options: MessageExportOptions): AsyncGenerator<MessageExportRow[]> {
  const size = options.chunkSize ?? EXPORT_CHUNK_SIZE;
  let after: { time: string; seq: string } | undefined;
  const plan = filters.q ? (context.searchPlan ?? (await chooseSearchPlan(db, filters.q, EXPORT_PREFILTER_MAX_MATCHES))) : "inline";
  for (;;) {
    const rows = await messageExportChunkQuery(db, filters, context, { asOf: options.asOf, limit: size, after, plan });
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    const last = rows.at(-1)!;
    after = { time: last.cursorTime, seq: String(last.seq) };
  }
}

/** How long the export waits for an exact count before it announces the planner's estimate instead. */
export const EXACT_COUNT_BUDGET_MS = 4000;

/** The rows the export will have: exact, or (when counting would take longer than the budget) estimated. */
export type ExportTotal = { total: number; exact: boolean };

function isQueryCanceled(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "57014") return true;
  }
  return false;
}

/**
 * Counting a word found in most of the log means computing to_tsvector for millions of messages (a minute on the
 * benchmark data), only for a progress bar. So the count gets a time budget; past it the planner's estimate is
 * announced, marked as such, and the browser shows "about".
 */
export async function messageExportTotal(db: Db, filters: MessageLogFilters, context: LogContext, asOf: Date, budgetMs = EXACT_COUNT_BUDGET_MS): Promise<ExportTotal> {
  const period = resolvePeriod(filters, context.timeZone, context.now);
  try {
    const total = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.round(budgetMs))}`));
      const [row] = await messageCountQuery(tx, filters, period, asOf);
      return row?.n ?? 0;
    });
    return { total, exact: true };
  } catch (error) {
    if (!isQueryCanceled(error)) throw error;
  }
  return { total: await estimatedMessageCount(db, filters, context, asOf), exact: false };
}

/** The planner's estimate of the filtered log's size (EXPLAIN: no rows are read). */
export async function estimatedMessageCount(db: Db, filters: MessageLogFilters, context: LogContext, asOf: Date): Promise<number> {
  const conditions = messageLogConditions(filters, resolvePeriod(filters, context.timeZone, context.now));
  conditions.push(lte(messages.createdAt, asOf));
  const [row] = await queryRows<Record<string, unknown>>(db, sql`explain (format json) ${db.select({ one: sql`1` }).from(messages).where(and(...conditions))}`);
  const raw = row ? Object.values(row)[0] : undefined;
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
  return Math.round(Number(plan?.[0]?.Plan?.["Plan Rows"] ?? 0));
}

/** A local wall time a spreadsheet reads as a date ("2026-11-24 09:05:00"); the header names the zone. */
function localTime(value: Date | null, timeZone: string): string | null {
  if (!value) return null;
  return new Date(wallClockMs(timeZone, value.getTime())).toISOString().slice(0, 19).replace("T", " ");
}

export function messageExportHeader(timeZone: string): string[] {
  const at = (what: string) => `${what} (${timeZone})`;
  return [
    "Message id",
    at("Written"),
    "Channel",
    "Template",
    "Status",
    "Sent by",
    "Order",
    "Customer",
    "To",
    "Subject",
    "Text",
    at("Sent"),
    at("Delivered"),
    "Delivered by",
    at("Reviewed"),
    "Reviewed by",
    "Score",
    "Review comment",
  ];
}

export function messageExportRecord(row: MessageExportRow, timeZone: string): string {
  return csvRecord([
    row.id,
    localTime(row.createdAt, timeZone),
    channelLabels[row.channel],
    row.template ? humanize(row.template) : "Free text",
    humanize(row.status),
    senderName(row.senderType, row.senderUserName),
    row.orderNumber,
    row.customerName,
    row.toAddress,
    row.subject,
    row.bodyText,
    localTime(row.sentAt, timeZone),
    localTime(row.deliveredAt, timeZone),
    row.provider,
    localTime(row.reviewedAt, timeZone),
    row.reviewerName,
    row.reviewScore,
    row.reviewComment,
  ]);
}

/** The CSV bytes: BOM and header, then one encoded piece per chunk of rows. Cancelling stops the queries. */
export function messageExportStream(db: Db, filters: MessageLogFilters, context: LogContext, options: MessageExportOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = messageExportChunks(db, filters, context, options);
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(UTF8_BOM + csvRecord(messageExportHeader(context.timeZone))));
          return;
        }
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value.map((row) => messageExportRecord(row, context.timeZone)).join("")));
        } catch (error) {
          // The download ends short of its announced total; the browser says so. The reason stays in the log.
          console.error(JSON.stringify({ level: "error", msg: "message export failed", error: String(error) }));
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    // One chunk ready ahead of the reader, no more.
    { highWaterMark: 1 },
  );
}
