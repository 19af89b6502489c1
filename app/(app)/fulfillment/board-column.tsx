"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { RecordProofButton } from "@/components/orders/proof-of-delivery-dialog";
import { StatusBadge } from "@/components/orders/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { OrderStatus } from "@/db/schema";
import { formatDate } from "@/lib/format";
import type { BoardFilters } from "@/lib/orders/board-filters";
import type { BoardCard, BoardColumn } from "@/lib/orders/fulfillment-board";
import { carrierLabels } from "@/lib/orders/tracking";
import { loadBoardCards } from "./actions";

// Orders with the carrier: proof of delivery can be recorded on them (it moves them to delivered).
const awaitingProof = new Set<OrderStatus>(["shipped", "in_transit", "out_for_delivery"]);

// The most the action loads at once (BOARD_MAX_LOAD; not imported, to keep zod and the schema out of the browser).
const MAX_LOAD = 200;
const unreachable = "The next cards could not be loaded. Check the connection and try again.";

/** Pages loaded after the server's first page, and the drawing of the column they continue. */
type Loaded = { base: BoardColumn; cards: BoardCard[]; nextCursor: string | null };

/**
 * A column's cards: the server's first page, then what "Load more" fetched. When the server draws the column again
 * (after a bulk change or a proof of delivery) the pages loaded beyond the first are fetched again after the new
 * first page, as many as were shown — cards that moved on never linger, and "Load more" continues where it should.
 */
function useColumnCards(column: BoardColumn, filters: BoardFilters) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may show its answer.
  const request = useRef(0);
  const current = loaded?.base === column ? loaded : null;
  const stale = loaded && loaded.base !== column && column.nextCursor ? loaded : null;

  useEffect(() => {
    if (!stale) return;
    const mine = ++request.current;
    void loadBoardCards({ column: column.id, after: column.nextCursor ?? undefined, limit: Math.min(stale.cards.length, MAX_LOAD), filters })
      .catch(() => ({ ok: false as const, message: unreachable }))
      .then((result) => {
        if (mine !== request.current) return;
        setLoaded(result.ok ? { base: column, ...result.data } : null);
        setError(result.ok ? null : result.message);
      });
  }, [stale, column, filters]);

  const firstIds = new Set(column.cards.map((c) => c.id));
  const cards = current ? [...column.cards, ...current.cards.filter((c) => !firstIds.has(c.id))] : column.cards;
  const nextCursor = current ? current.nextCursor : column.nextCursor;

  async function loadMore() {
    if (!nextCursor) return;
    const mine = ++request.current;
    setLoadingMore(true);
    setError(null);
    const result = await loadBoardCards({ column: column.id, after: nextCursor, filters }).catch(() => ({ ok: false as const, message: unreachable }));
    setLoadingMore(false);
    if (mine !== request.current) return;
    if (!result.ok) return setError(result.message);
    setLoaded({ base: column, cards: [...(current?.cards ?? []), ...result.data.cards], nextCursor: result.data.nextCursor });
  }

  return { cards, nextCursor, reloading: Boolean(stale), loadingMore, error, loadMore };
}

type Props = {
  column: BoardColumn;
  filters: BoardFilters;
  timeZone: string;
  isSelected: (orderId: string) => boolean;
  onToggle: (card: BoardCard) => void;
  onSelectShown: (cards: BoardCard[], select: boolean) => void;
};

export function BoardColumnCard({ column, filters, timeZone, isSelected, onToggle, onSelectShown }: Props) {
  const { cards, nextCursor, reloading, loadingMore, error, loadMore } = useColumnCards(column, filters);
  const titleId = `column-${column.id}`;
  const allShownSelected = cards.length > 0 && cards.every((c) => isSelected(c.id));
  const count = cards.length < column.total ? `${cards.length.toLocaleString("en-US")} of ${column.total.toLocaleString("en-US")}` : column.total.toLocaleString("en-US");
  return (
    <Card aria-labelledby={titleId} aria-busy={reloading || loadingMore} data-column={column.id}>
      <CardHeader className="gap-2">
        <CardTitle id={titleId} className="flex items-center justify-between gap-2">
          {column.title}
          <span className="text-sm font-normal text-muted-foreground" data-testid="column-count">
            {count}
          </span>
        </CardTitle>
        {filters.carrier && !column.hasCarrier ? <p className="text-xs text-muted-foreground">Not filtered by carrier: these orders have none yet.</p> : null}
        {cards.length > 1 ? (
          <Button size="sm" variant="ghost" className="justify-self-start px-2" onClick={() => onSelectShown(cards, !allShownSelected)}>
            {allShownSelected ? `Deselect all ${cards.length} shown` : `Select all ${cards.length} shown`}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-2">
        {cards.length === 0 ? (
          <p className="text-sm text-muted-foreground">{column.filtered ? "No orders match these filters." : "Nothing here."}</p>
        ) : (
          <ul className="space-y-2">
            {cards.map((card) => (
              <li key={card.id} className="flex gap-2 rounded-md border p-2 text-sm" data-order={card.number}>
                <input type="checkbox" className="mt-1 size-4" checked={isSelected(card.id)} onChange={() => onToggle(card)} aria-label={`Select ${card.number}`} />
                <div className="min-w-0 flex-1">
                  <div className="flex items-center justify-between gap-2">
                    <Link href={`/orders/${card.number}`} className="font-medium text-primary hover:underline">
                      {card.number}
                    </Link>
                    <StatusBadge status={card.status} />
                  </div>
                  <p className="truncate text-muted-foreground">{card.customerName}</p>
                  <p className="text-xs text-muted-foreground">Promised {formatDate(card.promisedDeliveryDate)}</p>
                  {card.carrier ? <p className="text-xs text-muted-foreground">{card.carrier === "other" ? (card.carrierName ?? carrierLabels.other) : carrierLabels[card.carrier]}</p> : null}
                  {awaitingProof.has(card.status) ? (
                    <div className="mt-1">
                      <RecordProofButton orderId={card.id} orderNumber={card.number} version={card.version} timeZone={timeZone} compact />
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        {reloading ? <p className="text-sm text-muted-foreground">Loading the rest of the column…</p> : null}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        {nextCursor && !reloading ? (
          <Button size="sm" variant="outline" className="w-full" onClick={() => void loadMore()} disabled={loadingMore} aria-label={`Load more: ${column.title}`}>
            {loadingMore ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
