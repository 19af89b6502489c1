import { and, asc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, type Carrier, type OrderStatus } from "@/db/schema";
import { dayNumberFromIso, dayNumberOf, isoFromDayNumber, weekdayOf } from "@/lib/sla/zoned-time";
import { orderSearchCondition } from "./order-search";
import { BOARD_PAGE_SIZE, encodeBoardCursor, type BoardColumnId, type BoardCursor, type BoardFilters } from "./board-filters";

// The fulfillment board's columns: what to pick, pack, ship, and what is on its way. Oldest first (they have
// waited longest), keyset paged on (placed_at, id) so that orders placed in the same instant are never skipped or
// repeated from one page to the next.

type ColumnDefinition = { id: BoardColumnId; title: string; statuses: readonly OrderStatus[]; hasCarrier: boolean };

export const boardColumns = [
  { id: "pick", title: "To pick", statuses: ["confirmed"], hasCarrier: false },
  { id: "pack", title: "To pack and ship", statuses: ["processing"], hasCarrier: false },
  { id: "shipped", title: "Shipped", statuses: ["shipped"], hasCarrier: true },
  { id: "transit", title: "In transit", statuses: ["in_transit", "out_for_delivery"], hasCarrier: true },
] as const satisfies readonly ColumnDefinition[];

export type BoardCard = {
  id: string;
  number: string;
  version: number;
  status: OrderStatus;
  placedAt: Date;
  customerName: string;
  promisedDeliveryDate: string | null;
  carrier: Carrier | null;
  carrierName: string | null;
  /** Where this card sits in its column: "Load more" continues after it. */
  cursor: string;
};

export type BoardColumnPage = { cards: BoardCard[]; nextCursor: string | null };

export type BoardColumn = Omit<ColumnDefinition, "statuses"> &
  BoardColumnPage & {
    /** Orders in the column that match the filters. */
    total: number;
    /** Whether any of the filters narrows this column (the carrier narrows only the columns with a carrier). */
    filtered: boolean;
  };

/** When the board is read: the instant (for age) and the viewer's local date (for promised dates). */
export type BoardClock = { now: Date; today: string };

export function boardClock(timeZone: string, now: Date = new Date()): BoardClock {
  return { now, today: isoFromDayNumber(dayNumberOf(timeZone, now.getTime())) };
}

const DAY_MS = 86_400_000;

function columnOf(id: BoardColumnId): ColumnDefinition {
  return boardColumns.find((c) => c.id === id)!;
}

/** The filters that narrow this column (the column's statuses aside). */
function filterConditions(column: ColumnDefinition, filters: BoardFilters, clock: BoardClock): SQL[] {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(orderSearchCondition(filters.q));
  if (filters.carrier && column.hasCarrier) conditions.push(eq(orders.carrier, filters.carrier));
  if (filters.promised) {
    const today = dayNumberFromIso(clock.today);
    const day = (n: number) => isoFromDayNumber(today + n);
    switch (filters.promised) {
      case "overdue":
        conditions.push(lt(orders.promisedDeliveryDate, day(0)));
        break;
      case "today":
        conditions.push(eq(orders.promisedDeliveryDate, day(0)));
        break;
      case "tomorrow":
        conditions.push(eq(orders.promisedDeliveryDate, day(1)));
        break;
      case "week":
        // Today to Sunday: on a Sunday, just today.
        conditions.push(gte(orders.promisedDeliveryDate, day(0)), lte(orders.promisedDeliveryDate, day((7 - weekdayOf(today)) % 7)));
        break;
    }
  }
  if (filters.on) conditions.push(eq(orders.promisedDeliveryDate, filters.on));
  if (filters.age) conditions.push(lt(orders.placedAt, new Date(clock.now.getTime() - filters.age * DAY_MS)));
  return conditions;
}

function isFiltered(column: ColumnDefinition, filters: BoardFilters): boolean {
  return Boolean(filters.q || filters.promised || filters.on || filters.age || (filters.carrier && column.hasCarrier));
}

/** One page of a column: after the cursor (or from the start), oldest first. */
export async function getBoardColumnPage(
  db: Db,
  input: { column: BoardColumnId; filters: BoardFilters; clock: BoardClock; after?: BoardCursor; limit?: number },
): Promise<BoardColumnPage> {
  const column = columnOf(input.column);
  const limit = input.limit ?? BOARD_PAGE_SIZE;
  const conditions = [inArray(orders.status, [...column.statuses]), ...filterConditions(column, input.filters, input.clock)];
  if (input.after) {
    const { time, id } = input.after;
    // The plain bound lets the (status, placed_at) index start at the cursor; the row comparison breaks the tie.
    conditions.push(gte(orders.placedAt, sql`${time}::timestamptz`), sql`(${orders.placedAt}, ${orders.id}) > (${time}::timestamptz, ${id}::uuid)`);
  }
  // One row more than the page tells whether there is a next page.
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      version: orders.version,
      status: orders.status,
      placedAt: orders.placedAt,
      placedAtText: sql<string>`${orders.placedAt}::text`,
      customerName: customers.name,
      promisedDeliveryDate: orders.promisedDeliveryDate,
      carrier: orders.carrier,
      carrierName: orders.carrierName,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(...conditions))
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .limit(limit + 1);
  const cards = rows.slice(0, limit).map(({ placedAtText, ...card }): BoardCard => ({ ...card, cursor: encodeBoardCursor(placedAtText, card.id) }));
  const last = cards[cards.length - 1];
  return { cards, nextCursor: rows.length > limit && last ? last.cursor : null };
}

/** How many orders of each column match the filters, in one statement. */
export async function countBoardColumns(db: Db, filters: BoardFilters, clock: BoardClock): Promise<Record<BoardColumnId, number>> {
  const counts = Object.fromEntries(
    boardColumns.map((column) => {
      const where = and(inArray(orders.status, [...column.statuses]), ...filterConditions(column, filters, clock));
      return [column.id, sql<number>`count(*) filter (where ${where})`.mapWith(Number)];
    }),
  ) as Record<BoardColumnId, SQL.Aliased<number> | SQL<number>>;
  const allStatuses = boardColumns.flatMap((c) => [...c.statuses]);
  const base = db.select(counts).from(orders);
  // The customer is needed only to search by name or email.
  const query = filters.q ? base.innerJoin(customers, eq(customers.id, orders.customerId)) : base;
  const [row] = await query.where(inArray(orders.status, allStatuses));
  return row as Record<BoardColumnId, number>;
}

/** Every column: its count under the filters and its first page. */
export async function getFulfillmentBoard(db: Db, input: { filters?: BoardFilters; clock: BoardClock; perColumn?: number }): Promise<BoardColumn[]> {
  const filters = input.filters ?? {};
  const [counts, pages] = await Promise.all([
    countBoardColumns(db, filters, input.clock),
    Promise.all(boardColumns.map((column) => getBoardColumnPage(db, { column: column.id, filters, clock: input.clock, limit: input.perColumn }))),
  ]);
  return boardColumns.map((column, i) => ({
    id: column.id,
    title: column.title,
    hasCarrier: column.hasCarrier,
    total: counts[column.id],
    filtered: isFiltered(column, filters),
    ...pages[i]!,
  }));
}
