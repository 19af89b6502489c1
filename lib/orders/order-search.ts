import { eq, like, or, sql, type SQL } from "drizzle-orm";
import { customers, orders } from "@/db/schema";

// The one order search of the queue, the order list and the fulfillment board: what a rep types into a search box.

/** A term as a LIKE pattern's literal part: %, _ and \ match only themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Orders whose number starts with the term ("104823", "OL-1048"), whose shop reference is the term, or whose customer's
 * email or name contains it ("ines.walk1", "walker"), case-insensitively. The customers' trigram indexes (pg_trgm)
 * serve the LIKEs; orders_number_prefix_idx serves the number. The query must join customers.
 */
export function orderSearchCondition(q: string): SQL {
  const term = q.trim().toLowerCase();
  const number = term.toUpperCase().startsWith("OL-") ? term.toUpperCase() : `OL-${term.toUpperCase()}`;
  return or(
    like(orders.number, `${escapeLike(number)}%`),
    eq(orders.externalId, q.trim()),
    like(sql`lower(${customers.email})`, `%${escapeLike(term)}%`),
    like(sql`lower(${customers.name})`, `%${escapeLike(term)}%`),
  )!;
}
