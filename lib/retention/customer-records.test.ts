import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Customer, Order } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { eraseCustomer, erasureRefusal } from "./customer-data";
import { loadCustomerRecords, parseRecordsSearch, searchCustomerRecords, type RecordsSearch } from "./customer-records";
import { placeLegalHold, releaseLegalHold } from "./legal-hold";
import { LocalFileStorage } from "@/lib/storage/local-file-storage";

// The records screen's reads: search by email prefix or order number, one customer's holds and orders, and the
// reason "Erase" is withheld, which must be the reason eraseCustomer refuses with.

// These customers have no photos: the store is never written.
const storage = new LocalFileStorage(path.join(tmpdir(), "orderline-no-photos"));

function search(text: string): Extract<RecordsSearch, { kind: "search" }> {
  const parsed = parseRecordsSearch(text);
  if (parsed.kind !== "search") throw new Error(`"${text}" did not parse as a search: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe("parseRecordsSearch", () => {
  it("reads order numbers in the forms people type them, and email beginnings", () => {
    expect(parseRecordsSearch(undefined)).toEqual({ kind: "empty" });
    expect(parseRecordsSearch("   ")).toEqual({ kind: "empty" });
    expect(parseRecordsSearch("OL-100123")).toMatchObject({ kind: "search", orderNumber: "OL-100123", emailPrefix: null });
    expect(parseRecordsSearch("ol100123")).toMatchObject({ kind: "search", orderNumber: "OL-100123", emailPrefix: null });
    // Digits may be an order number or how an email begins: both are searched.
    expect(parseRecordsSearch("100123")).toMatchObject({ kind: "search", orderNumber: "OL-100123", emailPrefix: "100123" });
    expect(parseRecordsSearch(" Ines.Walk1 ")).toMatchObject({ kind: "search", term: "Ines.Walk1", orderNumber: null, emailPrefix: "ines.walk1" });
  });

  it("says what to type for text that can be neither", () => {
    expect(parseRecordsSearch("ab")).toMatchObject({ kind: "invalid", message: expect.stringContaining("at least 3 characters") });
    expect(parseRecordsSearch("Ines Walker")).toMatchObject({ kind: "invalid", message: expect.stringContaining("names are not searched") });
    expect(parseRecordsSearch("x".repeat(400))).toMatchObject({ kind: "invalid", message: expect.stringContaining("at most 320") });
  });
});

describe("the records screen's reads", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let holderName: string;
  let ines: Customer;
  let inesOrders: Order[];
  let other: Customer;
  let underscore: Customer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    const holder = await makeUser(db, { role: "admin", name: "Alex Records" });
    holderName = holder.name;
    actor = { type: "user", userId: holder.id };
    ines = await makeCustomer(db, { name: "Ines Walker", email: "Ines.Walker1@Example.com" });
    other = await makeCustomer(db, { name: "Ines Walsh", email: "ines.walsh@example.com" });
    underscore = await makeCustomer(db, { name: "Una Score", email: "una_score@example.com" });
    await makeCustomer(db, { name: "Unrelated", email: "unaxscore@example.com" });
    inesOrders = [];
    for (let day = 3; day >= 1; day -= 1) {
      inesOrders.push(await makeOrder(db, { customerId: ines.id, placedAt: new Date(Date.UTC(2026, 10, 10 - day)), status: "delivered" }));
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("finds customers by the beginning of their email, any case, and only those", async () => {
    const { hits, more } = await searchCustomerRecords(handle.db, search("INES.WAL"));
    expect(hits.map((h) => h.customerId)).toEqual([ines.id, other.id]);
    expect(more).toBe(false);
    expect(hits[0]).toMatchObject({ name: "Ines Walker", email: "Ines.Walker1@Example.com", orderCount: 3, onHold: false, matchedOrderNumber: null });
    expect((await searchCustomerRecords(handle.db, search("ines.walker1@"))).hits.map((h) => h.customerId)).toEqual([ines.id]);
    // No substring matches, and "_" is only itself.
    expect((await searchCustomerRecords(handle.db, search("walker"))).hits).toEqual([]);
    expect((await searchCustomerRecords(handle.db, search("una_"))).hits.map((h) => h.customerId)).toEqual([underscore.id]);
  });

  it("finds the customer who placed an order by its number, in any form", async () => {
    const number = inesOrders[1]!.number;
    for (const text of [number, number.toLowerCase(), number.replace("OL-", "")]) {
      const { hits } = await searchCustomerRecords(handle.db, search(text));
      expect(hits.map((h) => [h.customerId, h.matchedOrderNumber]), text).toEqual([[ines.id, number]]);
    }
    expect((await searchCustomerRecords(handle.db, search("OL-999999999"))).hits).toEqual([]);
  });

  it("says there are more when the prefix matches more customers than a page", async () => {
    for (let i = 0; i < 21; i += 1) await makeCustomer(handle.db, { email: `bulk.${String(i).padStart(2, "0")}@example.com` });
    const { hits, more } = await searchCustomerRecords(handle.db, search("bulk."));
    expect(hits).toHaveLength(20);
    expect(hits[0]!.email).toBe("bulk.00@example.com");
    expect(more).toBe(true);
  });

  it("loads a customer's records newest order first, with every hold and who placed it", async () => {
    const records = await loadCustomerRecords(handle.db, ines.id);
    expect(records).toMatchObject({ customer: { id: ines.id, name: "Ines Walker", email: "Ines.Walker1@Example.com", anonymisedAt: null }, hold: null, orderCount: 3, erasureRefusal: null });
    expect(records!.orders.map((o) => o.number)).toEqual([...inesOrders].reverse().map((o) => o.number));
    expect(await loadCustomerRecords(handle.db, crypto.randomUUID())).toBeNull();

    await placeLegalHold(handle.db, { target: "customer", id: ines.id, reason: "Chargeback 2026-118", actor });
    const held = await loadCustomerRecords(handle.db, ines.id);
    expect(held!.hold).toMatchObject({ reason: "Chargeback 2026-118", by: holderName });
    expect(held!.erasureRefusal).toBe("This customer is on legal hold (Chargeback 2026-118); release the hold before erasing.");
    expect((await searchCustomerRecords(handle.db, search("ines.walker"))).hits[0]!.onHold).toBe(true);
    await releaseLegalHold(handle.db, { target: "customer", id: ines.id, actor });
  });

  it("lists an order on hold even beyond the newest orders shown, and withholds erasure for it as the server does", async () => {
    const oldest = inesOrders[0]!;
    await placeLegalHold(handle.db, { target: "order", id: oldest.id, reason: "Carrier claim", actor });
    const records = await loadCustomerRecords(handle.db, ines.id, { orderLimit: 1 });
    expect(records!.orders.map((o) => [o.number, o.hold?.reason ?? null])).toEqual([
      [inesOrders[2]!.number, null],
      [oldest.number, "Carrier claim"],
    ]);
    expect(records!.orders[1]!.hold!.by).toBe(holderName);
    expect(records!.orderCount).toBe(3);
    expect(records!.erasureRefusal).toBe(`Order ${oldest.number} is on legal hold; release it before erasing the customer.`);
    expect((await searchCustomerRecords(handle.db, search(inesOrders[2]!.number))).hits[0]!.onHold).toBe(true);

    await placeLegalHold(handle.db, { target: "order", id: inesOrders[1]!.id, reason: "Fraud review", actor });
    const twice = await loadCustomerRecords(handle.db, ines.id);
    expect(twice!.erasureRefusal).toBe(`Orders ${oldest.number}, ${inesOrders[1]!.number} are on legal hold; release them before erasing the customer.`);
    // The server refuses with the very words the screens show, even with the email typed right.
    await expect(eraseCustomer(handle.db, { customerId: ines.id, confirmEmail: ines.email!, actor, storage })).rejects.toThrow(twice!.erasureRefusal!);

    await releaseLegalHold(handle.db, { target: "order", id: oldest.id, actor });
    await releaseLegalHold(handle.db, { target: "order", id: inesOrders[1]!.id, actor });
    expect((await loadCustomerRecords(handle.db, ines.id))!.erasureRefusal).toBeNull();
  });

  it("shows an erased customer as erased, with erasure no longer offered", async () => {
    await eraseCustomer(handle.db, { customerId: other.id, confirmEmail: "ines.walsh@example.com", actor, storage });
    const records = await loadCustomerRecords(handle.db, other.id);
    expect(records!.customer.anonymisedAt).not.toBeNull();
    expect(records!.customer.email).toBeNull();
    expect(records!.erasureRefusal).toBe("This customer's data was already erased.");
    // Erased emails are gone, so only the order number finds them again.
    expect((await searchCustomerRecords(handle.db, search("ines.walsh"))).hits).toEqual([]);
  });

  it("withholds erasure from a customer with no email to type", () => {
    expect(erasureRefusal({ email: null, legalHoldAt: null, legalHoldReason: null, anonymisedAt: null }, [])).toMatch(/no email address on file/);
  });
});
