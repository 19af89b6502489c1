import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client";
import { queryRows } from "./client";
import { customers, orders } from "./schema";
import { createTestDatabase } from "./testing/test-database";

const address = { name: "Ada Lovelace", line1: "1 Main St", city: "Springfield", postalCode: "01101", country: "US" };

describe("database", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("gives each order a sequential human number and an unguessable tracking token", async () => {
    const [customer] = await handle.db.insert(customers).values({ name: "Ada" }).returning();
    const made = await handle.db
      .insert(orders)
      .values([1, 2].map(() => ({ customerId: customer!.id, billingAddress: address, shippingAddress: address, subtotalCents: 100, totalCents: 100 })))
      .returning();
    const [a, b] = made;
    expect(a!.number).toMatch(/^OL-\d{6,}$/);
    expect(Number(b!.number.slice(3))).toBe(Number(a!.number.slice(3)) + 1);
    // 64 hex characters: far beyond the 128 random bits the tracking page needs.
    expect(a!.trackingToken).toMatch(/^[0-9a-f]{64}$/);
    expect(a!.trackingToken).not.toBe(b!.trackingToken);
    expect(a!.version).toBe(1);
  });

  it("refuses a second order with the same external id", async () => {
    const [customer] = await handle.db.insert(customers).values({ name: "Grace" }).returning();
    const row = { customerId: customer!.id, externalId: "shop-1", billingAddress: address, shippingAddress: address, subtotalCents: 1, totalCents: 1 };
    await handle.db.insert(orders).values(row);
    await expect(handle.db.insert(orders).values(row)).rejects.toThrow();
    const rows = await handle.db.select().from(orders).where(eq(orders.externalId, "shop-1"));
    expect(rows).toHaveLength(1);
  });

  it("stores times as timestamptz and reads raw rows the same way on both drivers", async () => {
    const rows = await queryRows<{ type: string }>(
      handle.db,
      sql`select data_type as type from information_schema.columns where table_name = 'orders' and column_name = 'placed_at'`,
    );
    expect(rows).toEqual([{ type: "timestamp with time zone" }]);
  });

  it("starts each test file on an empty database of its own", async () => {
    const rows = await queryRows<{ count: number }>(handle.db, sql`select count(*)::int as count from users`);
    expect(rows[0]?.count).toBe(0);
  });
});
