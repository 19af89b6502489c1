import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { inquiries, messages, orderEvents } from "@/db/schema";

type EventRow = typeof orderEvents.$inferInsert;
type MessageRow = typeof messages.$inferInsert;
type InquiryRow = typeof inquiries.$inferInsert;

/**
 * Gives a chunk's events, questions and messages their places in history_seq in time order, as the app would have written them
 * (at one instant an event, then a question, then the message they caused; migration 0012 numbers old rows alike). The seed generates rows by kind, not by time, so the
 * column's default would number them in the wrong order.
 */
export async function numberHistory(db: Database, events: EventRow[], questions: InquiryRow[], notices: MessageRow[]): Promise<void> {
  const total = events.length + questions.length + notices.length;
  if (total === 0) return;
  const [row] = await queryRows<{ last: string | number }>(db, sql`select setval('history_seq', nextval('history_seq') + ${total - 1}) as last`);
  let next = Number(row!.last) - total + 1;
  const timed = [
    ...events.map((r) => ({ r, at: time(r.createdAt), source: 0 })),
    ...questions.map((r) => ({ r, at: time(r.createdAt), source: 1 })),
    ...notices.map((r) => ({ r, at: time(r.createdAt), source: 2 })),
  ];
  // Stable: rows of one source at one instant keep the order the generator wrote them in.
  timed.sort((a, b) => a.at - b.at || a.source - b.source);
  for (const { r } of timed) r.seq = next++;
}

const time = (value: Date | string | undefined) => (value === undefined ? 0 : new Date(value).getTime());
