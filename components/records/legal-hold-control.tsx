"use client";

import { useState } from "react";
import { placeLegalHoldAction, releaseLegalHoldAction } from "@/app/(app)/records/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import type { HoldTarget } from "@/lib/retention/legal-hold";
import { useAction } from "@/components/actions/use-action";

export type HoldView = { reason: string; /** Who placed it and when, already in the viewer's words. */ placed?: string } | null;

type Props = {
  target: HoldTarget;
  id: string;
  hold: HoldView;
  /** Shown before the state ("Order: no legal hold"); left out where a table column says it. */
  label?: string;
  /** Which order or customer, where several share a page ("OL-100123"): read out with the buttons, named in the dialog. */
  which?: string;
};

// A legal hold's state with "Place … hold…" (a dialog asking why) or "Release … hold", for an order or a customer.
// The order page's Records card and the records screen both use it.
export function LegalHoldControl({ target, id, hold, label, which }: Props) {
  const [open, setOpen] = useState(false);
  const { run, errors, refusal, isPending, reset } = useAction();
  const fieldId = `legal-hold-reason-${target}-${id}`;
  const suffix = which ? <span className="sr-only"> on {which}</span> : null;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <span>
        {label ? `${label}: ` : null}
        {hold ? (
          <>
            <span className="font-medium text-warning">on legal hold — {hold.reason}</span>
            {hold.placed ? <span className="text-muted-foreground"> ({hold.placed})</span> : null}
          </>
        ) : (
          <span className="text-muted-foreground">no legal hold</span>
        )}
      </span>
      {hold ? (
        <Button variant="outline" size="sm" disabled={isPending} onClick={() => run(() => releaseLegalHoldAction({ target, id }), `Legal hold on ${which ?? `the ${target}`} released`)}>
          Release {target} hold{suffix}
        </Button>
      ) : (
        <Button
          variant="outline"
          size="sm"
          onClick={() => {
            reset();
            setOpen(true);
          }}
        >
          Place {target} hold…{suffix}
        </Button>
      )}

      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
              run(() => placeLegalHoldAction({ target, id, reason }), `Legal hold placed on ${which ?? `the ${target}`}`, () => setOpen(false));
            }}
          >
            <DialogHeader>
              <DialogTitle>Place a legal hold on {which ? `${target} ${which}` : `the ${target}`}</DialogTitle>
              <DialogDescription>
                {target === "order"
                  ? "Retention leaves this order and its records alone until the hold is released."
                  : "Retention and erasure leave this customer and all their orders alone until the hold is released."}
              </DialogDescription>
            </DialogHeader>
            <FormField label="Reason" htmlFor={fieldId} error={errors.reason}>
              <Textarea
                id={fieldId}
                name="reason"
                rows={2}
                required
                placeholder="e.g. Chargeback dispute 2026-118"
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={fieldDescribedBy(fieldId, { error: errors.reason })}
              />
            </FormField>
            <FieldError error={refusal} />
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Place hold
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
