import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeCustomer, makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { listOrders } from "./list-orders";
import { ORDER_PAGE_SIZE, orderFiltersToQuery, parseOrderFilters } from "./order-filters";

describe("listOrders", () => {
  let handle: DatabaseHandle;
  const base = Date.parse("2026-10-01T12:00:00Z");

  beforeAll(async () => {
    handle = await createTestDatabase();
    const ada = await makeCustomer(handle.db, { name: "Ada Lovelace", email: "ada@example.com", preferredChannel: "sms", smsConsent: true });
    const grace = await makeCustomer(handle.db, { name: "Grace Hopper", email: "grace@example.com", preferredChannel: "email" });
    // 30 orders for Grace one hour apart, 3 for Ada (one shipped).
    for (let i = 0; i < 30; i++) await makeOrder(handle.db, { customerId: grace.id, placedAt: new Date(base + i * 3_600_000) });
    await makeOrder(handle.db, { customerId: ada.id, placedAt: new Date(base - 86_400_000), status: "shipped", externalId: "shop-77" });
    await makeOrder(handle.db, { customerId: ada.id, placedAt: new Date(base - 2 * 86_400_000) });
    await makeOrder(handle.db, { customerId: ada.id, placedAt: new Date(base - 3 * 86_400_000) });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("pages newest first", async () => {
    const first = await listOrders(handle.db, parseOrderFilters({}));
    expect(first.total).toBe(33);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(ORDER_PAGE_SIZE);
    const times = first.rows.map((r) => r.placedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await listOrders(handle.db, parseOrderFilters({ page: "2" }));
    expect(second.rows).toHaveLength(8);
    expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0]!.id);
    // A page past the end shows the last page rather than nothing.
    expect((await listOrders(handle.db, parseOrderFilters({ page: "99" }))).page).toBe(2);
  });

  it("filters by status, channel, customer name, email, order number and external id", async () => {
    expect((await listOrders(handle.db, parseOrderFilters({ status: "shipped" }))).total).toBe(1);
    expect((await listOrders(handle.db, parseOrderFilters({ channel: "sms" }))).total).toBe(3);
    expect((await listOrders(handle.db, parseOrderFilters({ q: "lovelace" }))).total).toBe(3);
    expect((await listOrders(handle.db, parseOrderFilters({ q: "GRACE@example.com" }))).total).toBe(30);
    expect((await listOrders(handle.db, parseOrderFilters({ q: "shop-77" }))).rows[0]?.status).toBe("shipped");
    const some = (await listOrders(handle.db, parseOrderFilters({}))).rows[3]!;
    const byNumber = await listOrders(handle.db, parseOrderFilters({ q: some.number.toLowerCase() }));
    expect(byNumber.rows.map((r) => r.id)).toEqual([some.id]);
    const byDigits = await listOrders(handle.db, parseOrderFilters({ q: some.number.slice(3) }));
    expect(byDigits.rows.map((r) => r.id)).toEqual([some.id]);
  });

  it("filters by placed date, the end date inclusive", async () => {
    const result = await listOrders(handle.db, parseOrderFilters({ from: "2026-09-28", to: "2026-09-29" }));
    expect(result.total).toBe(2);
  });

  it("treats search text literally, not as a pattern", async () => {
    expect((await listOrders(handle.db, parseOrderFilters({ q: "%" }))).total).toBe(0);
    expect((await listOrders(handle.db, parseOrderFilters({ q: "'; drop table orders; --" }))).total).toBe(0);
  });

  it("ignores bad filter values instead of failing the page", () => {
    const filters = parseOrderFilters({ status: "teleported", page: "-3", from: "2026-13-45", channel: ["sms", "email"] });
    expect(filters).toMatchObject({ status: undefined, page: 1, from: undefined, channel: "sms" });
    expect(orderFiltersToQuery({ ...filters, q: "ada lovelace" }, 3)).toBe("?q=ada+lovelace&channel=sms&page=3");
  });
});
