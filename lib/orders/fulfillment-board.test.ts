import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders, type NewOrder } from "@/db/schema";
import { makeCustomer, makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { boardPageSchema, parseBoardFilters, type BoardColumnId, type BoardFilters } from "./board-filters";
import { boardClock, getBoardColumnPage, getFulfillmentBoard, type BoardColumn } from "./fulfillment-board";

const H = 3_600_000;
const D = 24 * H;
// Tuesday 2026-11-24, noon in New York: "today" is Nov 24, "this week" runs to Sunday Nov 29.
const NOW = new Date("2026-11-24T17:00:00Z");
const clock = boardClock("America/New_York", NOW);
// Three orders placed in the same instant, two more within its millisecond (PostgreSQL keeps microseconds).
const T0 = new Date(NOW.getTime() - 5 * D);

describe("the fulfillment board", () => {
  let handle: DatabaseHandle;
  const numbers: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const keyOf = (number: string) => Object.keys(numbers).find((k) => numbers[k] === number);

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    const ines = await makeCustomer(db, { name: "Ines Walker", email: "Ines.Walk1@example.com" });
    const add = async (key: string, input: Partial<NewOrder>) => {
      const order = await makeOrder(db, { status: "processing", ...input });
      numbers[key] = order.number;
      ids[key] = order.id;
      return order;
    };
    await add("a", { placedAt: T0, promisedDeliveryDate: "2026-11-23" });
    await add("b", { placedAt: T0, promisedDeliveryDate: "2026-11-24" });
    await add("c", { placedAt: T0, promisedDeliveryDate: "2026-11-25" });
    const d = await add("d", { placedAt: T0, promisedDeliveryDate: "2026-11-29" });
    const e = await add("e", { placedAt: T0, promisedDeliveryDate: "2026-11-30" });
    await db.update(orders).set({ placedAt: sql`${T0.toISOString()}::timestamptz + interval '123 microseconds'` }).where(eq(orders.id, d.id));
    await db.update(orders).set({ placedAt: sql`${T0.toISOString()}::timestamptz + interval '456 microseconds'` }).where(eq(orders.id, e.id));
    await add("f", { placedAt: new Date(NOW.getTime() - 2.5 * D), customerId: ines.id });
    await add("g", { placedAt: new Date(NOW.getTime() - H) });
    await add("h", { status: "confirmed", placedAt: new Date(NOW.getTime() - 3 * D), promisedDeliveryDate: "2026-11-24" });
    await add("i", { status: "shipped", carrier: "ups", trackingNumber: "1Z999AA10123456784", placedAt: new Date(NOW.getTime() - 4 * D) });
    await add("j", { status: "shipped", carrier: "fedex", trackingNumber: "123456789012", placedAt: new Date(NOW.getTime() - 2 * D), promisedDeliveryDate: "2026-11-24" });
    await add("k", { status: "in_transit", carrier: "dhl", trackingNumber: "1234567890", placedAt: new Date(NOW.getTime() - 6 * D) });
    await add("l", { status: "out_for_delivery", carrier: "ups", trackingNumber: "1Z999AA10123456785", placedAt: new Date(NOW.getTime() - D) });
    // Not on the board.
    await add("m", { status: "delivered", placedAt: new Date(NOW.getTime() - 7 * D) });
    await add("n", { status: "received", placedAt: new Date(NOW.getTime() - 7 * D) });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const board = async (filters: BoardFilters = {}, perColumn?: number) => {
    const columns = await getFulfillmentBoard(handle.db, { filters, clock, perColumn });
    return Object.fromEntries(columns.map((c) => [c.id, c])) as Record<BoardColumnId, BoardColumn>;
  };
  const keys = (column: BoardColumn) => column.cards.map((c) => keyOf(c.number));
  /** Every card of a column, fetched `limit` at a time through the cursor. */
  async function walk(column: BoardColumnId, limit: number, filters: BoardFilters = {}) {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const input = boardPageSchema.parse({ column, limit, filters, after });
      const page = await getBoardColumnPage(handle.db, { ...input, clock });
      expect(page.cards.length).toBeLessThanOrEqual(limit);
      seen.push(...page.cards.map((c) => keyOf(c.number)!));
      if (!page.nextCursor) return seen;
      after = page.nextCursor;
    }
    throw new Error("the cursor never ended");
  }

  it("counts every column and shows its oldest orders first", async () => {
    const columns = await board({}, 3);
    expect(Object.fromEntries(Object.values(columns).map((c) => [c.id, c.total]))).toEqual({ pick: 1, pack: 7, shipped: 2, transit: 2 });
    expect(columns.pack.cards).toHaveLength(3);
    expect(columns.pack.nextCursor).not.toBeNull();
    expect(keys(columns.transit)).toEqual(["k", "l"]);
    expect(columns.transit.nextCursor).toBeNull();
    expect(Object.values(columns).every((c) => !c.filtered)).toBe(true);
  });

  it("pages a column by (placed_at, id): orders placed in the same instant or millisecond are never skipped or repeated", async () => {
    // The same instant: by id. Then the two a few microseconds later (a JavaScript Date would see them as equal).
    const ties = ["a", "b", "c"].sort((x, y) => (ids[x]! < ids[y]! ? -1 : 1));
    const expected = [...ties, "d", "e", "f", "g"];
    expect(keys((await board({}, 100)).pack)).toEqual(expected);
    for (const limit of [1, 2, 3, 4]) expect(await walk("pack", limit), `${limit} a page`).toEqual(expected);
  });

  it("searches the order number, the customer's name and email: any part, any case", async () => {
    const byEmail = await board({ q: "INES.WALK" });
    expect(keys(byEmail.pack)).toEqual(["f"]);
    expect(byEmail.pack.total).toBe(1);
    expect([byEmail.pick.total, byEmail.shipped.total, byEmail.transit.total]).toEqual([0, 0, 0]);
    expect(Object.values(byEmail).every((c) => c.filtered)).toBe(true);
    expect(keys((await board({ q: "walker" })).pack)).toEqual(["f"]);
    expect(keys((await board({ q: "1@EXAMPLE" })).pack)).toEqual(["f"]);
    expect(keys((await board({ q: numbers.j!.toLowerCase() })).shipped)).toEqual(["j"]);
    expect(keys((await board({ q: numbers.j!.slice(3) })).shipped)).toEqual(["j"]);
    // Search text is literal, never a pattern.
    const literal = await board({ q: "%" });
    expect(Object.values(literal).map((c) => c.total)).toEqual([0, 0, 0, 0]);
    expect((await board({ q: "_" })).pack.total).toBe(0);
  });

  it("filters by carrier in the columns whose orders have one, and leaves the others whole", async () => {
    const ups = await board({ carrier: "ups" });
    expect(keys(ups.shipped)).toEqual(["i"]);
    expect(keys(ups.transit)).toEqual(["l"]);
    expect([ups.shipped.total, ups.transit.total]).toEqual([1, 1]);
    expect(ups.pack.total).toBe(7);
    expect([ups.pick.filtered, ups.pack.filtered, ups.shipped.filtered, ups.transit.filtered]).toEqual([false, false, true, true]);
    expect((await board({ carrier: "usps" })).shipped.total).toBe(0);
  });

  it("filters by promised delivery date: overdue, today, tomorrow, this week, one date", async () => {
    const overdue = await board({ promised: "overdue" });
    expect(keys(overdue.pack)).toEqual(["a"]);
    const today = await board({ promised: "today" });
    expect([keys(today.pick), keys(today.pack), keys(today.shipped), today.transit.total]).toEqual([["h"], ["b"], ["j"], 0]);
    expect(keys((await board({ promised: "tomorrow" })).pack)).toEqual(["c"]);
    const week = await board({ promised: "week" });
    expect(keys(week.pack).sort()).toEqual(["b", "c", "d"]);
    expect(week.pack.total).toBe(3);
    expect(keys((await board({ on: "2026-11-30" })).pack)).toEqual(["e"]);
    // On a Sunday "this week" is that day alone.
    const sunday = await getBoardColumnPage(handle.db, { column: "pack", filters: { promised: "week" }, clock: { now: NOW, today: "2026-11-29" } });
    expect(sunday.cards.map((c) => keyOf(c.number))).toEqual(["d"]);
  });

  it("filters by age: placed more than N days ago", async () => {
    const old = await board({ age: 3 });
    expect(old.pack.total).toBe(5);
    expect(keys(old.pack).sort()).toEqual(["a", "b", "c", "d", "e"]);
    // Placed exactly three days ago is not more than three days ago.
    expect(old.pick.total).toBe(0);
    expect([keys(old.shipped), keys(old.transit)]).toEqual([["i"], ["k"]]);
    expect((await board({ age: 2 })).pack.total).toBe(6);
  });

  it("pages under the filters, and counts agree with the pages", async () => {
    const filters = { age: 2, promised: "week" } as const;
    const columns = await board(filters, 1);
    expect(columns.pack.total).toBe(3);
    expect((await walk("pack", 1, filters)).sort()).toEqual(["b", "c", "d"]);
    for (const column of Object.values(await board({ q: "example.com", carrier: "ups" }, 1))) {
      expect((await walk(column.id, 1, { q: "example.com", carrier: "ups" })).length, column.id).toBe(column.total);
    }
  });

  it("reads today in the viewer's time zone", () => {
    expect(boardClock("America/New_York", new Date("2026-11-25T03:00:00Z")).today).toBe("2026-11-24");
    expect(boardClock("Europe/Berlin", new Date("2026-11-25T03:00:00Z")).today).toBe("2026-11-25");
  });

  it("drops URL filters it does not understand, and refuses a bad cursor or column from the action", () => {
    expect(parseBoardFilters({ q: "  ", carrier: "pigeon", promised: "someday", on: "2026-02-30", age: "old" })).toEqual({});
    expect(parseBoardFilters({ q: " OL-1 ", carrier: "ups", promised: "today", on: "2026-11-30", age: "7", extra: "x" })).toEqual({
      q: "OL-1",
      carrier: "ups",
      promised: "today",
      on: "2026-11-30",
      age: 7,
    });
    expect(boardPageSchema.safeParse({ column: "pack", after: "yesterday|not-an-id" }).success).toBe(false);
    expect(boardPageSchema.safeParse({ column: "attic" }).success).toBe(false);
    expect(boardPageSchema.safeParse({ column: "pack", filters: { carrier: "pigeon" } }).success).toBe(false);
    expect(boardPageSchema.safeParse({ column: "pack", limit: 500 }).success).toBe(false);
  });
});
