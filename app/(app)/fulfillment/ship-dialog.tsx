"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { BulkResult } from "@/lib/orders/bulk";
import { bulkShip } from "./actions";
import type { Selected } from "./board";
import { newShipDraft, shipFields, shipPayload, ShipRow, type RowErrors, type ShipDraft, type ShipField } from "./ship-row";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The orders still to ship: the selection, which loses each order as it ships. */
  orders: Selected[];
  /** What this dialog has shipped since it opened, reported above the rows still to do. */
  shipped: BulkResult[];
  /** Every order's answer to one try (the board drops the shipped ones from the selection). */
  onAnswer: (results: BulkResult[]) => void;
};

/** The action's field errors ("orders.2.trackingNumber") by the order they are about. */
function errorsByOrder(sent: Selected[], fieldErrors: Record<string, string[]>): { rows: Record<string, RowErrors>; general: string[] } {
  const rows: Record<string, RowErrors> = {};
  const general: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [, index, name] = /^orders\.(\d+)\.?(\w*)/.exec(key) ?? [];
    const order = index === undefined ? undefined : sent[Number(index)];
    if (!order) {
      general.push(...messages);
      continue;
    }
    const field = shipFields.includes(name as ShipField) ? (name as ShipField) : "row";
    (rows[order.orderId] ??= {})[field] = messages;
  }
  return { rows, general };
}

// Ship the selection, each order with its carrier and tracking. A refused order stays in the dialog with everything
// typed for it and the reason beside its fields; the shipped ones are reported and leave. The dialog closes by itself
// only once every order has shipped.
export function ShipDialog({ open, onOpenChange, orders, shipped, onAnswer }: Props) {
  const id = useId();
  // Not a transition: the board's refresh after an answer must not keep the button saying "Shipping…".
  const [isPending, setPending] = useState(false);
  // What was typed, per order: kept while the board is open, so closing the dialog or a refusal loses nothing.
  const [drafts, setDrafts] = useState<Record<string, ShipDraft>>({});
  const [errors, setErrors] = useState<Record<string, RowErrors>>({});
  const [message, setMessage] = useState<string | null>(null);
  // Bumped after each answer: focus then moves to the first refused field.
  const [answered, setAnswered] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const draftOf = (orderId: string) => drafts[orderId] ?? newShipDraft();
  const refused = orders.filter((o) => errors[o.orderId]).length;

  useEffect(() => {
    if (answered > 0) form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [answered]);

  function changeOpen(next: boolean) {
    if (isPending) return; // the answer is on its way; keep it in view
    if (!next) {
      setErrors({});
      setMessage(null);
    }
    onOpenChange(next);
  }

  async function submit() {
    const sent = [...orders];
    const payload = sent.map((o) => shipPayload(o, draftOf(o.orderId)));
    setPending(true);
    let result: Awaited<ReturnType<typeof bulkShip>>;
    try {
      result = await bulkShip({ orders: payload });
    } catch {
      // The request or its answer was lost: some orders may have shipped, so the board must be looked at first.
      setMessage("No answer came back from Orderline. Close this dialog and check the board before shipping again: some orders may have shipped.");
      return;
    } finally {
      setPending(false);
    }
    if (!result.ok) {
      // Nothing was tried: zod refused the batch (per field), or the session or database did.
      const { rows, general } = errorsByOrder(sent, result.fieldErrors ?? {});
      const marked = Object.keys(rows).length;
      setErrors(rows);
      setMessage([marked > 0 ? `Nothing was shipped: fix the marked ${marked === 1 ? "row" : "rows"} and ship again.` : result.message, ...general].join(" "));
    } else {
      const done = new Set(result.data.filter((r) => r.ok).map((r) => r.orderId));
      setErrors(Object.fromEntries(result.data.filter((r) => !r.ok).map((r) => [r.orderId, { row: [r.message] }])));
      setDrafts((current) => Object.fromEntries(Object.entries(current).filter(([orderId]) => !done.has(orderId))));
      setMessage(null);
      onAnswer(result.data);
    }
    setAnswered((n) => n + 1);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent className="sm:max-w-2xl">
        <form
          ref={form}
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!isPending) void submit();
          }}
        >
          <DialogHeader>
            <DialogTitle>Ship {orders.length === 1 ? "1 order" : `${orders.length} orders`}</DialogTitle>
            <DialogDescription>
              Each order ships with its carrier and tracking number, or not at all. For another carrier, give its name and its tracking link with {"{tracking}"} where the number goes.
            </DialogDescription>
          </DialogHeader>
          {shipped.length > 0 || refused > 0 ? (
            <div role="status" className="space-y-1 rounded-md border px-3 py-2 text-sm" data-testid="ship-outcome">
              {shipped.length > 0 ? (
                <p className="text-emerald-700 dark:text-emerald-400">
                  {shipped.length} shipped: {shipped.map((r) => r.number).join(", ")}
                </p>
              ) : null}
              {refused > 0 && !message ? (
                <p className="text-destructive">
                  {refused === 1 ? "1 order was" : `${refused} orders were`} not shipped: fix the marked {refused === 1 ? "row" : "rows"} and ship again.
                </p>
              ) : null}
            </div>
          ) : null}
          {message ? (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {message}
            </p>
          ) : null}
          {/* Not disabled while shipping: focus must be able to land on a refused field as soon as the answer is in. */}
          <fieldset className="space-y-3">
            <legend className="sr-only">Carrier and tracking number of each order</legend>
            <div aria-hidden className="hidden grid-cols-[7rem_10rem_1fr] gap-2 text-sm text-muted-foreground sm:grid">
              <span>Order</span>
              <span>Carrier</span>
              <span>Tracking number</span>
            </div>
            <ul className="max-h-[55vh] space-y-3 overflow-y-auto">
              {orders.map((o) => (
                <ShipRow
                  key={o.orderId}
                  idBase={`${id}-${o.orderId}`}
                  order={o}
                  draft={draftOf(o.orderId)}
                  errors={errors[o.orderId]}
                  onChange={(draft) => setDrafts((current) => ({ ...current, [o.orderId]: draft }))}
                />
              ))}
            </ul>
          </fieldset>
          <DialogFooter>
            <Button type="submit" disabled={isPending || orders.length === 0}>
              {isPending ? "Shipping…" : "Ship"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
