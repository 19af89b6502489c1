import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import { GENERIC_ERROR_MESSAGE, UserFacingError } from "@/lib/errors";
import { log } from "@/lib/log";

export type BulkResult = { orderId: string; number: string; ok: boolean; message: string };

/**
 * Runs one change per order, each in its own transaction: all or nothing per order, and one order's refusal does
 * not undo the others. Returns a result line for every order asked about, in the order given.
 */
export async function forEachOrder(
  db: Db,
  orderIds: readonly string[],
  change: (orderId: string) => Promise<unknown>,
  success: string,
): Promise<BulkResult[]> {
  const known = await db.select({ id: orders.id, number: orders.number }).from(orders).where(inArray(orders.id, [...orderIds]));
  const numbers = new Map(known.map((o) => [o.id, o.number]));
  const results: BulkResult[] = [];
  for (const orderId of orderIds) {
    const number = numbers.get(orderId);
    if (!number) {
      results.push({ orderId, number: "?", ok: false, message: "No such order." });
      continue;
    }
    try {
      await change(orderId);
      results.push({ orderId, number, ok: true, message: success });
    } catch (error) {
      if (!(error instanceof UserFacingError)) log.error("bulk change failed", { orderId, error });
      results.push({ orderId, number, ok: false, message: error instanceof UserFacingError ? error.message : GENERIC_ERROR_MESSAGE });
    }
  }
  return results;
}
