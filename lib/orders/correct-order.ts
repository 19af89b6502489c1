import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accuracyErrors, orderEvents, orderItems, orders, type Address, type Order } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";
import { MAX_TOTAL_CENTS } from "@/lib/integrations/order-intake-schema";
import {
  addressChangeSummary,
  correctionRefusal,
  countsAgainstAccuracy,
  itemsChangeSummary,
  sameAddress,
  sameItems,
  type CorrectionCause,
  type CorrectionField,
  type ItemLine,
  type ItemsSnapshot,
} from "./corrections";
import { lockOrder, nextVersion } from "./order-lock";

type CorrectionInput = {
  orderId: string;
  /** The version the person saw: a correction is never applied over someone else's change. */
  expectedVersion: number;
  /** Required once the order is confirmed (it decides whether the correction is an accuracy error). */
  cause?: CorrectionCause | null;
  note?: string | null;
  actor: Actor;
  at?: Date;
};

export type CorrectAddressInput = CorrectionInput & { address: Address };
export type CorrectItemsInput = CorrectionInput & { items: ItemLine[]; shippingCents?: number; taxCents?: number };

/** Replaces the shipping address until the order ships; after confirmation it is an accuracy error (see recordCorrection). */
export async function correctShippingAddress(db: Db, input: CorrectAddressInput): Promise<Order> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    checkCorrection(order, "address", input.cause);
    const address = withoutEmpty(input.address);
    if (sameAddress(order.shippingAddress, address)) throw new UserFacingError("This is the address the order already has; nothing was changed.");

    const [updated] = await tx.update(orders).set({ shippingAddress: address, version: nextVersion() }).where(eq(orders.id, order.id)).returning();
    await recordCorrection(tx, order, input, at, {
      field: "address",
      before: order.shippingAddress,
      after: address,
      summary: addressChangeSummary(order.shippingAddress, address),
    });
    return updated!;
  });
}

/** Replaces the item list until the order ships: subtotal and total recomputed, shipping and tax kept unless given. */
export async function correctItems(db: Db, input: CorrectItemsInput): Promise<Order> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.expectedVersion);
    checkCorrection(order, "items", input.cause);
    const current = await tx
      .select({ sku: orderItems.sku, name: orderItems.name, quantity: orderItems.quantity, unitPriceCents: orderItems.unitPriceCents })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.sku));
    const before: ItemsSnapshot = { items: current, ...totalsOf(order) };
    const items = input.items.map(({ sku, name, quantity, unitPriceCents }) => ({ sku, name, quantity, unitPriceCents }));
    // Integer cents throughout: quantity × unit price summed exactly, never through a float.
    const subtotalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
    const shippingCents = input.shippingCents ?? order.shippingCents;
    const taxCents = input.taxCents ?? order.taxCents;
    const after: ItemsSnapshot = { items, subtotalCents, shippingCents, taxCents, totalCents: subtotalCents + shippingCents + taxCents };
    if (after.totalCents > MAX_TOTAL_CENTS) throw new UserFacingError("The order total would be too large; split the order instead.");
    if (sameItems(before.items, items) && before.shippingCents === shippingCents && before.taxCents === taxCents) {
      throw new UserFacingError("These are the items the order already has; nothing was changed.");
    }

    await tx.delete(orderItems).where(eq(orderItems.orderId, order.id));
    await tx.insert(orderItems).values(items.map((item) => ({ ...item, orderId: order.id })));
    const [updated] = await tx
      .update(orders)
      .set({ subtotalCents, shippingCents, taxCents, totalCents: after.totalCents, version: nextVersion() })
      .where(eq(orders.id, order.id))
      .returning();
    await recordCorrection(tx, order, input, at, { field: "items", before, after, summary: itemsChangeSummary(before, after, order.currency) });
    return updated!;
  });
}

function checkCorrection(order: Order, field: CorrectionField, cause: CorrectionCause | null | undefined) {
  const refusal = correctionRefusal(order.status, field);
  if (refusal) throw new UserFacingError(refusal);
  if (order.confirmedAt && !cause) {
    throw new UserFacingError("Say what caused the correction: the order was already confirmed, so it counts toward order accuracy.");
  }
}

/**
 * The correction's history row, and — when the order had already been confirmed — its accuracy error. Before
 * confirmation, fixing the order is what verification is for (SOP 001 §1), so it is history only.
 */
async function recordCorrection(
  tx: Db,
  order: Order,
  input: CorrectionInput,
  at: Date,
  change: { field: CorrectionField; before: unknown; after: unknown; summary: string },
) {
  const cause = input.cause ?? null;
  const note = input.note?.trim() || null;
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "correction",
    reason: note,
    data: { field: change.field, before: change.before, after: change.after, cause, currency: order.currency },
    createdAt: at,
    ...actorColumns(input.actor),
  });
  await writeAudit(tx, {
    actor: input.actor,
    action: `order.corrected.${change.field}`,
    entityType: "order",
    entityId: order.id,
    before: change.before,
    after: change.after,
    at,
  });
  if (order.confirmedAt && cause && countsAgainstAccuracy(cause)) {
    await tx.insert(accuracyErrors).values({
      orderId: order.id,
      field: change.field,
      cause,
      detail: [change.summary, note].filter(Boolean).join(" — "),
      recordedBy: input.actor.type === "user" ? input.actor.userId : null,
      createdAt: at,
    });
  }
}

function totalsOf(order: Order) {
  return { subtotalCents: order.subtotalCents, shippingCents: order.shippingCents, taxCents: order.taxCents, totalCents: order.totalCents };
}

// Optional lines arrive as undefined from the form's schema; stored addresses simply leave them out.
function withoutEmpty(address: Address): Address {
  return Object.fromEntries(Object.entries(address).filter(([, value]) => value !== undefined && value !== "")) as Address;
}
