import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { parseBoardFilters } from "@/lib/orders/board-filters";
import { boardClock, getFulfillmentBoard } from "@/lib/orders/fulfillment-board";
import type { PageSearchParams } from "@/lib/search-params";
import { viewerTimeZone } from "@/lib/viewer";
import { BoardFiltersForm } from "./board-filters-form";
import { FulfillmentBoard } from "./board";
import { TrackingImportDialog } from "./tracking-import-dialog";

export const metadata: Metadata = { title: "Fulfillment" };

export default async function FulfillmentPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireScreen("fulfillment");
  const filters = parseBoardFilters(await searchParams);
  const timeZone = await viewerTimeZone();
  const columns = await getFulfillmentBoard(await getDb(), { filters, clock: boardClock(timeZone) });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Fulfillment board</h1>
          <p className="text-sm text-muted-foreground">Oldest orders first in each column. Select orders to move them on together.</p>
        </div>
        <TrackingImportDialog />
      </div>
      {/* Keyed by the filters: "Clear filters" and the back button show the URL's values, not what was typed. */}
      <BoardFiltersForm key={JSON.stringify(filters)} filters={filters} />
      <FulfillmentBoard columns={columns} filters={filters} timeZone={timeZone} />
    </div>
  );
}
