"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { OrderStatus } from "@/db/schema";
import type { BoardFilters } from "@/lib/orders/board-filters";
import type { BulkResult } from "@/lib/orders/bulk";
import type { BoardCard, BoardColumn } from "@/lib/orders/fulfillment-board";
import { humanize } from "@/lib/format";
import { bulkChangeStatus } from "./actions";
import { BoardColumnCard } from "./board-column";
import { ShipDialog } from "./ship-dialog";

// One click moves the selection one step on; shipping needs tracking numbers (the ship dialog).
const nextByStatus: Partial<Record<OrderStatus, OrderStatus>> = {
  confirmed: "processing",
  shipped: "in_transit",
  in_transit: "out_for_delivery",
  out_for_delivery: "delivered",
};

export type Selected = { orderId: string; version: number; number: string; status: OrderStatus };

/** What the ship dialog has done since it opened: the orders it shipped, and those its last try refused. */
type ShipSession = { shipped: BulkResult[]; refused: BulkResult[] };
const noShipSession: ShipSession = { shipped: [], refused: [] };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const selectedOf = (card: BoardCard): Selected => ({ orderId: card.id, version: card.version, number: card.number, status: card.status });

// Select orders across columns (and across pages of a column), then move them on in one step: each order succeeds or
// fails on its own, and the result of every order is shown.
export function FulfillmentBoard({ columns, filters, timeZone }: { columns: BoardColumn[]; filters: BoardFilters; timeZone: string }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Map<string, Selected>>(new Map());
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shipping, setShipping] = useState(false);
  const [shipSession, setShipSession] = useState<ShipSession>(noShipSession);
  const [isPending, startTransition] = useTransition();
  const chosen = [...selected.values()];
  const statuses = new Set(chosen.map((s) => s.status));
  const single = statuses.size === 1 ? chosen[0]!.status : null;
  const nextStatus = single ? nextByStatus[single] : undefined;
  // A new search or filter draws every column from its first page again; the selection stays.
  const filterKey = JSON.stringify(filters);

  function toggle(card: BoardCard) {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(card.id)) next.delete(card.id);
      else next.set(card.id, selectedOf(card));
      return next;
    });
  }

  function selectShown(cards: BoardCard[], select: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      for (const card of cards) {
        if (select) next.set(card.id, selectedOf(card));
        else next.delete(card.id);
      }
      return next;
    });
  }

  function finish(outcome: { ok: true; data: BulkResult[] } | { ok: false; message: string }) {
    if (outcome.ok) {
      setResults(outcome.data);
      setError(null);
      setSelected(new Map());
    } else setError(outcome.message);
    router.refresh();
  }

  function moveSelected(to: OrderStatus) {
    startTransition(async () => finish(await bulkChangeStatus({ orders: chosen.map(({ orderId, version }) => ({ orderId, version })), to })));
  }

  // The shipped orders leave the selection (and the dialog); the refused stay, with what was typed for them. Only
  // when nothing was refused does the dialog close, with the results of all its tries.
  function shipAnswered(answer: BulkResult[]) {
    const shipped = answer.filter((r) => r.ok);
    const refused = answer.filter((r) => !r.ok);
    setSelected((current) => {
      const next = new Map(current);
      for (const r of shipped) next.delete(r.orderId);
      return next;
    });
    const session = { shipped: [...shipSession.shipped, ...shipped], refused };
    if (refused.length === 0) {
      // Said where it is seen: the results section sits above columns that may be scrolled far down.
      toast({ title: `${plural(session.shipped.length, "order", "orders")} shipped`, description: session.shipped.map((r) => r.number).join(", "), variant: "success" });
      setResults(session.shipped);
      setError(null);
      setShipSession(noShipSession);
      setShipping(false);
    } else setShipSession(session);
    if (shipped.length > 0) router.refresh();
  }

  function shipOpenChange(open: boolean) {
    // Closed with orders still refused: the board reports what did ship and what did not.
    if (!open && shipSession.shipped.length > 0) setResults([...shipSession.shipped, ...shipSession.refused]);
    if (!open) setShipSession(noShipSession);
    setShipping(open);
  }

  return (
    <div className="space-y-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-lg border bg-background/95 p-3 backdrop-blur" role="toolbar" aria-label="Selected orders">
        <span className="text-sm" aria-live="polite" data-testid="selection-count">
          {chosen.length === 0 ? "Select orders to move them on." : `${chosen.length} selected`}
        </span>
        {single === "processing" ? (
          <Button size="sm" onClick={() => setShipping(true)} disabled={isPending}>
            Ship selected…
          </Button>
        ) : nextStatus ? (
          <Button size="sm" onClick={() => moveSelected(nextStatus)} disabled={isPending}>
            Mark {humanize(nextStatus).toLowerCase()}
          </Button>
        ) : chosen.length > 0 ? (
          <span className="text-sm text-muted-foreground">Select orders of one column to move them together.</span>
        ) : null}
        {single === "in_transit" || single === "shipped" ? (
          <Button size="sm" variant="secondary" onClick={() => moveSelected("delivered")} disabled={isPending}>
            Mark delivered
          </Button>
        ) : null}
        {chosen.length > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Map())}>
            Clear selection
          </Button>
        ) : null}
      </div>

      {error ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {results ? (
        <section aria-label="Results" className="rounded-lg border p-3 text-sm" data-testid="bulk-results">
          <p className="font-medium">
            {results.filter((r) => r.ok).length} of {results.length} done
          </p>
          <ul className="mt-1 space-y-0.5">
            {results.map((r) => (
              <li key={r.orderId} className={r.ok ? "" : "text-destructive"}>
                {r.number}: {r.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {columns.map((column) => (
          <BoardColumnCard
            key={`${column.id}:${filterKey}`}
            column={column}
            filters={filters}
            timeZone={timeZone}
            isSelected={(orderId) => selected.has(orderId)}
            onToggle={toggle}
            onSelectShown={selectShown}
          />
        ))}
      </div>
      <ShipDialog open={shipping} onOpenChange={shipOpenChange} orders={chosen} shipped={shipSession.shipped} onAnswer={shipAnswered} />
    </div>
  );
}
