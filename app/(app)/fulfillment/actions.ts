"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { forEachOrder } from "@/lib/orders/bulk";
import { bulkShipSchema, bulkStatusSchema } from "@/lib/orders/bulk-schemas";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { humanize } from "@/lib/format";
import { shipOrder } from "@/lib/orders/ship-order";
import { shipmentFields } from "@/lib/orders/ship-schemas";

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
