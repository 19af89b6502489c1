"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { RecordProofButton } from "@/components/orders/proof-of-delivery-dialog";
import { StatusBadge } from "@/components/orders/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { OrderStatus } from "@/db/schema";
import type { BulkResult } from "@/lib/orders/bulk";
import { formatDate, humanize } from "@/lib/format";
import { bulkChangeStatus } from "./actions";
import { ShipDialog } from "./ship-dialog";

export type BoardColumn = {
  id: string;
  title: string;
  total: number;
  cards: { id: string; number: string; version: number; status: OrderStatus; customerName: string; promisedDeliveryDate: string | null }[];
};
// One click moves the selection one step on; shipping needs tracking numbers (the ship dialog).
const nextByStatus: Partial<Record<OrderStatus, OrderStatus>> = {
  confirmed: "processing",
  shipped: "in_transit",
  in_transit: "out_for_delivery",
  out_for_delivery: "delivered",
};

// Orders with the carrier: proof of delivery can be recorded on them (it moves them to delivered).
const awaitingProof = new Set<OrderStatus>(["shipped", "in_transit", "out_for_delivery"]);

export type Selected = { orderId: string; version: number; number: string; status: OrderStatus };

// Select orders across columns, then move them on in one step: each order succeeds or fails on its own, and the
// result of every order is shown.
export function FulfillmentBoard({ columns, timeZone }: { columns: BoardColumn[]; timeZone: string }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Map<string, Selected>>(new Map());
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shipping, setShipping] = useState(false);
  const [isPending, startTransition] = useTransition();
  const chosen = [...selected.values()];
  const statuses = new Set(chosen.map((s) => s.status));
  const single = statuses.size === 1 ? chosen[0]!.status : null;
  const nextStatus = single ? nextByStatus[single] : undefined;

  function toggle(card: BoardColumn["cards"][number]) {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(card.id)) next.delete(card.id);
      else next.set(card.id, { orderId: card.id, version: card.version, number: card.number, status: card.status });
      return next;
    });
  }

  function finish(outcome: { ok: true; data: BulkResult[] } | { ok: false; message: string }) {
    if (outcome.ok) {
      setResults(outcome.data);
      setError(null);
      setSelected(new Map());
      setShipping(false);
    } else setError(outcome.message);
    router.refresh();
  }

  function moveSelected(to: OrderStatus) {
    startTransition(async () => finish(await bulkChangeStatus({ orders: chosen.map(({ orderId, version }) => ({ orderId, version })), to })));
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
          <Card key={column.id} aria-labelledby={`column-${column.id}`}>
            <CardHeader>
              <CardTitle id={`column-${column.id}`} className="flex items-center justify-between">
                {column.title}
                <span className="text-sm font-normal text-muted-foreground">{column.total.toLocaleString("en-US")}</span>
              </CardTitle>
            </CardHeader>
            <CardContent>
              {column.cards.length === 0 ? (
                <p className="text-sm text-muted-foreground">Nothing here.</p>
              ) : (
                <ul className="space-y-2">
                  {column.cards.map((card) => (
                    <li key={card.id} className="flex gap-2 rounded-md border p-2 text-sm" data-order={card.number}>
                      <input
                        type="checkbox"
                        className="mt-1 size-4"
                        checked={selected.has(card.id)}
                        onChange={() => toggle(card)}
                        aria-label={`Select ${card.number}`}
                      />
                      <div className="min-w-0 flex-1">
                        <div className="flex items-center justify-between gap-2">
                          <Link href={`/orders/${card.number}`} className="font-medium text-primary hover:underline">
                            {card.number}
                          </Link>
                          <StatusBadge status={card.status} />
                        </div>
                        <p className="truncate text-muted-foreground">{card.customerName}</p>
                        <p className="text-xs text-muted-foreground">Promised {formatDate(card.promisedDeliveryDate)}</p>
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
            </CardContent>
          </Card>
        ))}
      </div>
      <ShipDialog open={shipping} onOpenChange={setShipping} orders={chosen} onDone={finish} />
    </div>
  );
}
