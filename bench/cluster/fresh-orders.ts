import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../../db/client";
import type { Address } from "../../db/schema";
import { systemActor } from "../../lib/actor";
import { changeOrderStatus } from "../../lib/orders/change-status";
import { receiveOrder } from "../../lib/orders/receive-order";

// The demo data set holds only a handful of confirmed orders, and bench/load.ts's status changes move confirmed
// orders on: before each load run, orders arrive and are confirmed the way the intake API and a rep would (the same
// domain functions, automatic confirmation notices included), so every run has writes to make.

const DAY = 86_400_000;

export async function receiveConfirmedOrders(url: string, count: number): Promise<void> {
  const handle = await openDatabase({ url, maxConnections: 4 });
  try {
    // Existing customers and their last shipping address, as a returning customer's new order.
    const buyers = await queryRows<{ customer_id: string; shipping_address: Address }>(
      handle.db,
      sql`select distinct on (customer_id) customer_id, shipping_address from orders order by customer_id, placed_at desc limit ${count}`,
    );
    const promised = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const buyer = buyers[next++ % buyers.length]!;
        const { order } = await receiveOrder(handle.db, {
          customer: { id: buyer.customer_id },
          items: [{ sku: "CLUSTER-1", name: "Cluster bench mug", quantity: 1, unitPriceCents: 1800 }],
          shippingAddress: buyer.shipping_address,
          actor: systemActor,
        });
        await changeOrderStatus(handle.db, { orderId: order.id, to: "confirmed", expectedVersion: order.version, promisedDeliveryDate: promised, actor: systemActor });
      }
    };
    await Promise.all(Array.from({ length: 4 }, lane));
  } finally {
    await handle.close();
  }
}
