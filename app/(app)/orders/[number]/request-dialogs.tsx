"use client";

import { useState, type FormEvent } from "react";
import { ItemsEditor } from "@/components/orders/items-editor";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { RequestKind } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/action";
import { centsToAmount } from "@/lib/money";
import type { ItemLine } from "@/lib/orders/corrections";
import { readItems, type FormErrors } from "@/lib/orders/order-form-values";
import { approveRequestAction, rejectRequestAction } from "./request-actions";
import { useAction } from "@/components/actions/use-action";

export type DecisionSetup = {
  requestId: string;
  kind: RequestKind;
  /** What the request asks, in words. */
  asked: string;
  /** False once the order can no longer honour it: only rejecting is offered. */
  canApprove: boolean;
  /** change_items: the list approving would set (editable), or the order's own when the request cannot say. */
  items: ItemLine[];
  itemsProblem: string | null;
  currency: string;
  refundText: string | null;
};

type Open = null | "approve" | "reject";

export function RequestDecision({ setup }: { setup: DecisionSetup }) {
  const [open, setOpen] = useState<Open>(null);
  return (
    <div className="flex flex-wrap gap-2 pt-1">
      {setup.canApprove ? (
        <Button size="sm" onClick={() => setOpen("approve")}>
          Approve…
        </Button>
      ) : null}
      <Button size="sm" variant="outline" onClick={() => setOpen("reject")}>
        Reject…
      </Button>
      <ApproveDialog setup={setup} open={open === "approve"} onOpenChange={(o) => setOpen(o ? "approve" : null)} />
      <RejectDialog setup={setup} open={open === "reject"} onOpenChange={(o) => setOpen(o ? "reject" : null)} />
    </div>
  );
}

type DialogProps = { setup: DecisionSetup; open: boolean; onOpenChange: (open: boolean) => void };

/** The decision is saved even when its notice cannot go: the rep is told, and the open clock keeps it in the queue. */
async function withNoticeWarning(action: () => Promise<ActionResult<{ noticeProblem: string | null }>>): Promise<ActionResult<unknown>> {
  const result = await action();
  if (result.ok && result.data.noticeProblem) {
    toast({ title: "The customer was not told", description: `${result.data.noticeProblem} Send the outcome from “Notify customer…”.`, duration: 10_000 });
  }
  return result;
}

function NotifyCheckbox({ id }: { id: string }) {
  return (
    <label htmlFor={id} className="flex items-start gap-2 text-sm">
      <input id={id} type="checkbox" name="notify" defaultChecked className="mt-0.5 size-4 accent-primary" />
      <span>Notify the customer (the outcome notice goes to their preferred channel)</span>
    </label>
  );
}

function ApproveDialog({ setup, open, onOpenChange }: DialogProps) {
  const { run, errors, isPending } = useAction(() => onOpenChange(false));
  const [local, setLocal] = useState<FormErrors>({});
  const prefix = `approve-${setup.requestId}`;
  const editsItems = setup.kind === "change_items";
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const localErrors: FormErrors = {};
    const items = editsItems ? (readItems(form, localErrors) as ItemLine[]) : undefined;
    setLocal(localErrors);
    const input = { requestId: setup.requestId, ourError: form.get("ourError") === "on", notify: form.get("notify") === "on", items };
    run(() => withNoticeWarning(() => approveRequestAction(input)), "Request approved");
  }
  const shown = { ...errors, ...local };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className={editsItems ? "sm:max-w-4xl" : undefined}>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <DialogHeader>
            <DialogTitle>Approve the request</DialogTitle>
            <DialogDescription>{setup.asked}. Approving applies it to the order now.</DialogDescription>
          </DialogHeader>
          {editsItems ? (
            <>
              {setup.itemsProblem ? <p className="text-sm text-muted-foreground">{setup.itemsProblem}</p> : null}
              <ItemsEditor
                idPrefix={`${prefix}-item`}
                currency={setup.currency}
                errors={shown}
                initial={setup.items.map((i) => ({ sku: i.sku, name: i.name, quantity: String(i.quantity), unitPrice: centsToAmount(i.unitPriceCents) }))}
              />
            </>
          ) : null}
          {setup.refundText ? <p className="text-sm">{setup.refundText}</p> : null}
          {setup.kind === "change_address" || editsItems ? (
            <label htmlFor={`${prefix}-our-error`} className="flex items-start gap-2 text-sm">
              <input id={`${prefix}-our-error`} type="checkbox" name="ourError" className="mt-0.5 size-4 accent-primary" />
              <span>This corrects our mistake (recorded as an order-accuracy error once the order was confirmed)</span>
            </label>
          ) : null}
          <NotifyCheckbox id={`${prefix}-notify`} />
          <DialogFooter>
            <Button type="submit" disabled={isPending}>
              Approve
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function RejectDialog({ setup, open, onOpenChange }: DialogProps) {
  const { run, errors, isPending } = useAction(() => onOpenChange(false));
  const id = `reject-${setup.requestId}`;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { requestId: setup.requestId, reason: String(form.get("reason") ?? ""), notify: form.get("notify") === "on" };
    run(() => withNoticeWarning(() => rejectRequestAction(input)), "Request rejected");
  }
  const hint = "The customer reads this in the outcome notice: say why, and what they can do instead.";
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <DialogHeader>
            <DialogTitle>Reject the request</DialogTitle>
            <DialogDescription>{setup.asked}.</DialogDescription>
          </DialogHeader>
          <FormField label="Reason" htmlFor={`${id}-reason`} error={errors.reason} hint={hint}>
            <Textarea
              id={`${id}-reason`}
              name="reason"
              rows={3}
              maxLength={2000}
              required
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={fieldDescribedBy(`${id}-reason`, { error: errors.reason, hint })}
            />
          </FormField>
          <NotifyCheckbox id={`${id}-notify`} />
          <DialogFooter>
            <Button type="submit" variant="destructive" disabled={isPending}>
              Reject
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
