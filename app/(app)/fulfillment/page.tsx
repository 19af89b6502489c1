import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { getFulfillmentBoard } from "@/lib/orders/fulfillment-board";
import { viewerTimeZone } from "@/lib/viewer";
import { FulfillmentBoard } from "./board";
import { TrackingImportDialog } from "./tracking-import-dialog";

export const metadata: Metadata = { title: "Fulfillment" };

export default async function FulfillmentPage() {
  await requireScreen("fulfillment");
  const [columns, timeZone] = await Promise.all([getFulfillmentBoard(await getDb()), viewerTimeZone()]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Fulfillment board</h1>
          <p className="text-sm text-muted-foreground">Oldest orders first in each column. Select orders to move them on together.</p>
        </div>
        <TrackingImportDialog />
      </div>
      <FulfillmentBoard columns={columns.map((c) => ({ id: c.id, title: c.title, total: c.total, cards: c.cards }))} timeZone={timeZone} />
    </div>
  );
}
