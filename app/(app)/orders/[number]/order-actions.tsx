"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { holdReasons, type OrderStatus } from "@/db/schema";
import { humanize } from "@/lib/format";
import { confirmationChecks } from "@/lib/orders/order-action-schemas";
import { addNote, changeStatus, confirmOrder } from "./actions";
import { useAction } from "@/components/actions/use-action";

type Props = { orderId: string; version: number; status: OrderStatus; allowed: OrderStatus[]; defaultPromisedDate: string; exceptions: React.ReactNode };
type Pending = null | "confirm" | "hold" | "cancel";

// Every edit carries the version the user saw. A refused stale edit shows who changed the order and refreshes the
// page to the current state; nothing is overwritten.
export function OrderActions({ orderId, version, status, allowed, defaultPromisedDate, exceptions }: Props) {
  const [dialog, setDialog] = useState<Pending>(null);
  const { run, errors, isPending } = useAction(() => setDialog(null));
  // Shipping has its own dialog (carrier and tracking number, or why there is none): ship-controls.tsx.
  const moves = allowed.filter((s) => s !== "confirmed" && s !== "cancelled" && s !== "on_hold" && s !== "shipped");

  const submitStatus = (form: FormData, to: OrderStatus, success: string) =>
    run(() => changeStatus({ orderId, expectedVersion: version, to, reason: String(form.get("reason") ?? ""), holdReason: (form.get("holdReason") as never) ?? undefined }), success);

  return (
    <section aria-labelledby="actions-heading" className="space-y-3 rounded-lg border p-4">
      <h2 id="actions-heading" className="text-lg font-semibold">
        Actions
      </h2>
      <div className="flex flex-wrap gap-2">
        {allowed.includes("confirmed") ? <Button onClick={() => setDialog("confirm")}>Confirm order…</Button> : null}
        {moves.map((to) => (
          <Button
            key={to}
            variant="secondary"
            disabled={isPending}
            onClick={() => run(() => changeStatus({ orderId, expectedVersion: version, to }), status === "on_hold" ? "Hold released" : `Marked ${humanize(to).toLowerCase()}`)}
          >
            {status === "on_hold" ? `Release hold (back to ${humanize(to).toLowerCase()})` : `Mark ${humanize(to).toLowerCase()}`}
          </Button>
        ))}
        {allowed.includes("on_hold") ? (
          <Button variant="outline" onClick={() => setDialog("hold")}>
            Put on hold…
          </Button>
        ) : null}
        {allowed.includes("cancelled") ? (
          <Button variant="destructive" onClick={() => setDialog("cancel")}>
            Cancel order…
          </Button>
        ) : null}
        {exceptions}
        {allowed.length === 0 ? <p className="text-sm text-muted-foreground">No status change is possible from {humanize(status).toLowerCase()}.</p> : null}
      </div>

      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const body = String(new FormData(form).get("body") ?? "");
          run(async () => {
            const result = await addNote({ orderId, body });
            if (result.ok) form.reset();
            return result;
          }, "Note added");
        }}
      >
        <FormField label="Internal note" htmlFor="note-body" error={errors.body} hint="Seen by staff only, on the order's history.">
          <Textarea id="note-body" name="body" rows={2} aria-invalid={errors.body ? true : undefined} aria-describedby={errors.body ? "note-body-error" : "note-body-hint"} />
        </FormField>
        <Button type="submit" size="sm" variant="outline" disabled={isPending}>
          Add note
        </Button>
      </form>

      <Dialog open={dialog === "confirm"} onOpenChange={(open) => setDialog(open ? "confirm" : null)}>
        <DialogContent>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const checks = Object.fromEntries(confirmationChecks.map((c) => [c.id, form.get(c.id) === "on"]));
              run(() => confirmOrder({ orderId, expectedVersion: version, promisedDeliveryDate: String(form.get("promisedDeliveryDate")), ...checks } as never), "Order confirmed");
            }}
            className="space-y-4"
          >
            <DialogHeader>
              <DialogTitle>Confirm the order</DialogTitle>
              <DialogDescription>Verify each point (SOP 001 §1) and give the delivery date you promise the customer.</DialogDescription>
            </DialogHeader>
            <fieldset className="space-y-2">
              <legend className="sr-only">Verification checklist</legend>
              {confirmationChecks.map((check) => (
                <label key={check.id} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name={check.id} className="mt-0.5 size-4" />
                  <span>
                    {check.label}
                    {errors[check.id] ? <span className="block text-destructive">{errors[check.id]!.join(" ")}</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
            <FormField label="Promised delivery date" htmlFor="promisedDeliveryDate" error={errors.promisedDeliveryDate}>
              <Input id="promisedDeliveryDate" name="promisedDeliveryDate" type="date" defaultValue={defaultPromisedDate} required />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Confirm order
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={dialog === "hold"} onOpenChange={(open) => setDialog(open ? "hold" : null)}>
        <DialogContent>
          <form onSubmit={(e) => (e.preventDefault(), submitStatus(new FormData(e.currentTarget), "on_hold", "Order put on hold"))} className="space-y-4">
            <DialogHeader>
              <DialogTitle>Put the order on hold</DialogTitle>
              <DialogDescription>Its SLA clocks pause until the hold is released.</DialogDescription>
            </DialogHeader>
            <FormField label="Why" htmlFor="holdReason">
              <NativeSelect id="holdReason" name="holdReason" defaultValue="payment">
                {holdReasons.map((r) => (
                  <option key={r} value={r}>
                    {humanize(r)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Note (optional)" htmlFor="hold-reason">
              <Textarea id="hold-reason" name="reason" rows={2} />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Put on hold
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={dialog === "cancel"} onOpenChange={(open) => setDialog(open ? "cancel" : null)}>
        <DialogContent>
          <form onSubmit={(e) => (e.preventDefault(), submitStatus(new FormData(e.currentTarget), "cancelled", "Order cancelled"))} className="space-y-4">
            <DialogHeader>
              <DialogTitle>Cancel the order</DialogTitle>
              <DialogDescription>This cannot be undone. The customer is owed a notice of the cancellation.</DialogDescription>
            </DialogHeader>
            <FormField label="Reason" htmlFor="cancel-reason" error={errors.reason}>
              <Textarea id="cancel-reason" name="reason" rows={3} required />
            </FormField>
            <DialogFooter>
              <Button type="submit" variant="destructive" disabled={isPending}>
                Cancel order
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </section>
  );
}
