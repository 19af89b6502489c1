import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { getFulfillmentBoard } from "@/lib/orders/fulfillment-board";
import { FulfillmentBoard } from "./board";

export const metadata: Metadata = { title: "Fulfillment" };

export default async function FulfillmentPage() {
  await requireScreen("fulfillment");
  const columns = await getFulfillmentBoard(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Fulfillment board</h1>
        <p className="text-sm text-muted-foreground">Oldest orders first in each column. Select orders to move them on together.</p>
      </div>
      <FulfillmentBoard columns={columns.map((c) => ({ id: c.id, title: c.title, total: c.total, cards: c.cards }))} />
    </div>
  );
}
