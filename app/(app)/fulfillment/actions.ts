"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { boardPageSchema } from "@/lib/orders/board-filters";
import { forEachOrder } from "@/lib/orders/bulk";
import { bulkShipSchema, bulkStatusSchema } from "@/lib/orders/bulk-schemas";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { humanize } from "@/lib/format";
import { boardClock, getBoardColumnPage } from "@/lib/orders/fulfillment-board";
import { shipOrder } from "@/lib/orders/ship-order";
import { shipmentFields } from "@/lib/orders/ship-schemas";
import { viewerTimeZone } from "@/lib/viewer";

const fulfillment = ["fulfillment", "supervisor"] as const;

export const bulkChangeStatus = defineAction(fulfillment, bulkStatusSchema, async ({ orders, to }, { db, user }) => {
  const versions = new Map(orders.map((o) => [o.orderId, o.version]));
  const results = await forEachOrder(
    db,
    orders.map((o) => o.orderId),
    (orderId) => changeOrderStatus(db, { orderId, expectedVersion: versions.get(orderId), to, actor: { type: "user", userId: user.id } }),
    `Marked ${humanize(to).toLowerCase()}`,
  );
  revalidatePath("/fulfillment");
  return results;
});

export const bulkShip = defineAction(fulfillment, bulkShipSchema, async ({ orders }, { db, user }) => {
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const results = await forEachOrder(
    db,
    orders.map((o) => o.orderId),
    (orderId) => {
      const o = byId.get(orderId)!;
      return shipOrder(db, { orderId, expectedVersion: o.version, ...shipmentFields(o), actor: { type: "user", userId: user.id } });
    },
    "Shipped",
  );
  revalidatePath("/fulfillment");
  return results;
});

// A column's next page ("Load more"), under the filters the page was drawn with.
export const loadBoardCards = defineAction(fulfillment, boardPageSchema, async ({ column, after, limit, filters }, { db }) =>
  getBoardColumnPage(db, { column, after, limit, filters, clock: boardClock(await viewerTimeZone()) }),
);
