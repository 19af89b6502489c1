import { and, asc, desc, eq, isNotNull, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, users, type OrderStatus } from "@/db/schema";
import { erasureRefusal, heldOrderNumbers } from "./customer-data";
import { escapeLike } from "@/lib/orders/order-search";

// The records screen (/records): find a customer by email or order number, and everything its duties need about
// them — holds, orders, the erasure state — without the order workspace (admins hold these duties and cannot open
// order pages). The holds, export and erasure themselves are legal-hold.ts and customer-data.ts.

export const RECORDS_SEARCH_LIMIT = 20;
/** The newest orders listed on a customer's records page; orders on legal hold are listed whatever their age. */
export const RECORDS_ORDER_LIMIT = 100;
const MIN_EMAIL_PREFIX = 3;
const MAX_QUERY = 320;

export type RecordsSearch =
  | { kind: "empty" }
  | { kind: "invalid"; term: string; message: string }
  | { kind: "search"; term: string; emailPrefix: string | null; orderNumber: string | null };

/**
 * What a search box's text asks for: an order number ("OL-100123", "ol100123" or "100123"), the beginning of an email
 * address, or both (digits may begin an email). Text that can be neither gets a message saying what to type.
 */
export function parseRecordsSearch(raw: string | undefined): RecordsSearch {
  const term = (raw ?? "").trim();
  if (!term) return { kind: "empty" };
  if (term.length > MAX_QUERY) return { kind: "invalid", term: term.slice(0, MAX_QUERY), message: `Search with at most ${MAX_QUERY} characters.` };
  if (/\s/.test(term)) {
    return { kind: "invalid", term, message: "Search by email address (or how it begins) or by order number, such as OL-100123; names are not searched." };
  }
  const digits = /^(?:ol-?)?(\d{1,12})$/i.exec(term)?.[1];
  const orderNumber = digits ? `OL-${digits}` : null;
  const emailPrefix = term.length >= MIN_EMAIL_PREFIX && !/^ol-?\d+$/i.test(term) ? term.toLowerCase() : null;
  if (!orderNumber && !emailPrefix) {
    return { kind: "invalid", term, message: `Type at least ${MIN_EMAIL_PREFIX} characters of the email address, or a whole order number.` };
  }
  return { kind: "search", term, emailPrefix, orderNumber };
}

export type RecordsSearchHit = {
  customerId: string;
  name: string;
  email: string | null;
  anonymisedAt: Date | null;
  /** The customer, or one of their orders, is on legal hold. */
  onHold: boolean;
  orderCount: number;
  /** Set when the customer was found by this order's number. */
  matchedOrderNumber: string | null;
};

export type RecordsSearchResult = { hits: RecordsSearchHit[]; more: boolean };

/** The customer who placed the order, then customers whose email begins with the prefix (case-insensitive). */
export async function searchCustomerRecords(db: Db, search: Extract<RecordsSearch, { kind: "search" }>): Promise<RecordsSearchResult> {
  const columns = {
    customerId: customers.id,
    name: customers.name,
    email: customers.email,
    anonymisedAt: customers.anonymisedAt,
    // Qualified by hand: drizzle leaves a single table's columns unqualified, and inside the subquery "id" is o's.
    onHold: sql<boolean>`(${customers}.legal_hold_at is not null or exists (select 1 from ${orders} o where o.customer_id = ${customers}.id and o.legal_hold_at is not null))`,
    orderCount: sql<number>`(select count(*) from ${orders} o where o.customer_id = ${customers}.id)`.mapWith(Number),
  };
  const [byNumber, byEmail] = await Promise.all([
    search.orderNumber
      ? db.select({ ...columns, matchedOrderNumber: orders.number }).from(orders).innerJoin(customers, eq(customers.id, orders.customerId)).where(eq(orders.number, search.orderNumber))
      : [],
    search.emailPrefix
      ? db
          .select(columns)
          .from(customers)
          // LIKE with the term escaped ("_" and "%" in an address are only themselves): the trigram index serves it.
          .where(like(sql`lower(${customers.email})`, `${escapeLike(search.emailPrefix)}%`))
          .orderBy(asc(sql`lower(${customers.email})`), asc(customers.id))
          .limit(RECORDS_SEARCH_LIMIT + 1)
      : [],
  ]);
  const hits: RecordsSearchHit[] = byNumber.map((r) => ({ ...r, onHold: Boolean(r.onHold) }));
  for (const r of byEmail) {
    if (!hits.some((h) => h.customerId === r.customerId)) hits.push({ ...r, onHold: Boolean(r.onHold), matchedOrderNumber: null });
  }
  return { hits: hits.slice(0, RECORDS_SEARCH_LIMIT), more: hits.length > RECORDS_SEARCH_LIMIT };
}

export type RecordsHold = { reason: string; at: Date; by: string | null } | null;

export type RecordsOrder = { id: string; number: string; status: OrderStatus; placedAt: Date; anonymisedAt: Date | null; hold: RecordsHold };

export type CustomerRecords = {
  customer: { id: string; name: string; email: string | null; phone: string | null; createdAt: Date; anonymisedAt: Date | null };
  hold: RecordsHold;
  /** The newest orders (RECORDS_ORDER_LIMIT) and every order on legal hold, newest first. */
  orders: RecordsOrder[];
  orderCount: number;
  /** Why "Erase" is not offered (erasureRefusal), or null. */
  erasureRefusal: string | null;
};

function holdOf(row: { reason: string | null; at: Date | null; by: string | null }): RecordsHold {
  return row.at ? { reason: row.reason ?? "", at: row.at, by: row.by } : null;
}

/** One customer's records page, or null when there is no such customer. */
export async function loadCustomerRecords(db: Db, customerId: string, options: { orderLimit?: number } = {}): Promise<CustomerRecords | null> {
  const [customer] = await db
    .select({ customer: customers, holdBy: users.name })
    .from(customers)
    .leftJoin(users, eq(users.id, customers.legalHoldBy))
    .where(eq(customers.id, customerId));
  if (!customer) return null;
  const c = customer.customer;
  const orderColumns = {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    placedAt: orders.placedAt,
    anonymisedAt: orders.anonymisedAt,
    reason: orders.legalHoldReason,
    at: orders.legalHoldAt,
    by: users.name,
  };
  const [newest, held, [total], heldNumbers] = await Promise.all([
    db
      .select(orderColumns)
      .from(orders)
      .leftJoin(users, eq(users.id, orders.legalHoldBy))
      .where(eq(orders.customerId, c.id))
      .orderBy(desc(orders.placedAt), desc(orders.number))
      .limit(options.orderLimit ?? RECORDS_ORDER_LIMIT),
    db
      .select(orderColumns)
      .from(orders)
      .leftJoin(users, eq(users.id, orders.legalHoldBy))
      .where(and(eq(orders.customerId, c.id), isNotNull(orders.legalHoldAt))),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(orders).where(eq(orders.customerId, c.id)),
    heldOrderNumbers(db, c.id),
  ]);
  const byId = new Map([...newest, ...held].map((o) => [o.id, o]));
  const listed = [...byId.values()].sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || b.number.localeCompare(a.number));
  return {
    customer: { id: c.id, name: c.name, email: c.email, phone: c.phone, createdAt: c.createdAt, anonymisedAt: c.anonymisedAt },
    hold: holdOf({ reason: c.legalHoldReason, at: c.legalHoldAt, by: customer.holdBy }),
    orders: listed.map((o) => ({ id: o.id, number: o.number, status: o.status, placedAt: o.placedAt, anonymisedAt: o.anonymisedAt, hold: holdOf(o) })),
    orderCount: total?.n ?? 0,
    erasureRefusal: erasureRefusal(c, heldNumbers),
  };
}
