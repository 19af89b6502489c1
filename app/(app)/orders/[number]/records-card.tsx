"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { eraseCustomerAction, placeLegalHoldAction, releaseLegalHoldAction } from "./records-actions";
import { useOrderAction } from "./use-order-action";

type Hold = { reason: string; at: string } | null;
type Target = "order" | "customer";

type Props = {
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerEmail: string | null;
  orderHold: Hold;
  customerHold: Hold;
  erased: boolean;
};

// Supervisors' records tools on the order page: legal holds (order and customer), the audit trail, the customer's
// data export and erasure. Erasure asks for the customer's email typed out, and the server refuses it under a hold.
export function RecordsCard({ orderId, orderNumber, customerId, customerEmail, orderHold, customerHold, erased }: Props) {
  const [dialog, setDialog] = useState<null | { hold: Target } | "erase">(null);
  const { run, errors, isPending } = useOrderAction(() => setDialog(null));
  const ids: Record<Target, string> = { order: orderId, customer: customerId };
  const holds: Record<Target, Hold> = { order: orderHold, customer: customerHold };

  return (
    <Card data-testid="records-card">
      <CardHeader>
        <CardTitle>Records</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {(["order", "customer"] as const).map((target) => {
          const hold = holds[target];
          return (
            <div key={target} className="flex flex-wrap items-center gap-2">
              <span>
                {target === "order" ? "Order" : "Customer"}:{" "}
                {hold ? <span className="font-medium text-warning">on legal hold — {hold.reason}</span> : <span className="text-muted-foreground">no legal hold</span>}
              </span>
              {hold ? (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={isPending}
                  onClick={() => run(() => releaseLegalHoldAction({ target, id: ids[target] }), `Legal hold on the ${target} released`)}
                >
                  Release {target} hold
                </Button>
              ) : (
                <Button variant="outline" size="sm" onClick={() => setDialog({ hold: target })}>
                  Place {target} hold…
                </Button>
              )}
            </div>
          );
        })}
        <div className="flex flex-wrap gap-2 pt-1">
          <Link href={`/orders/${encodeURIComponent(orderNumber)}/audit`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Audit trail
          </Link>
          <a href={`/api/customers/${customerId}/export`} download className={buttonVariants({ variant: "outline", size: "sm" })}>
            Export customer data (JSON)
          </a>
          {erased ? (
            <span className="self-center text-muted-foreground">Customer data erased</span>
          ) : (
            <Button variant="destructive" size="sm" onClick={() => setDialog("erase")} disabled={!customerEmail}>
              Erase customer data…
            </Button>
          )}
        </div>

        <Dialog open={typeof dialog === "object" && dialog !== null} onOpenChange={(o) => !o && setDialog(null)}>
          <DialogContent>
            {typeof dialog === "object" && dialog !== null ? (
              <form
                className="space-y-4"
                onSubmit={(e) => {
                  e.preventDefault();
                  const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
                  const target = dialog.hold;
                  run(() => placeLegalHoldAction({ target, id: ids[target], reason }), `Legal hold placed on the ${target}`);
                }}
              >
                <DialogHeader>
                  <DialogTitle>Place a legal hold on the {dialog.hold}</DialogTitle>
                  <DialogDescription>
                    {dialog.hold === "order"
                      ? "Retention leaves this order and its records alone until the hold is released."
                      : "Retention and erasure leave this customer and all their orders alone until the hold is released."}
                  </DialogDescription>
                </DialogHeader>
                <FormField label="Reason" htmlFor="legal-hold-reason" error={errors.reason}>
                  <Textarea id="legal-hold-reason" name="reason" rows={2} required placeholder="e.g. Chargeback dispute 2026-118" />
                </FormField>
                <DialogFooter>
                  <Button type="submit" disabled={isPending}>
                    Place hold
                  </Button>
                </DialogFooter>
              </form>
            ) : null}
          </DialogContent>
        </Dialog>

        <Dialog open={dialog === "erase"} onOpenChange={(o) => setDialog(o ? "erase" : null)}>
          <DialogContent>
            <form
              className="space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                const confirmEmail = String(new FormData(e.currentTarget).get("confirmEmail") ?? "");
                run(() => eraseCustomerAction({ customerId, confirmEmail }), "Customer data erased");
              }}
            >
              <DialogHeader>
                <DialogTitle>Erase this customer&apos;s data</DialogTitle>
                <DialogDescription>
                  Their name, email, phone and addresses, and the text of their messages, requests, inquiries and feedback on every order are
                  replaced. What was sent when (templates, channels, times, statuses) and the amounts stay. This cannot be undone.
                </DialogDescription>
              </DialogHeader>
              <FormField label={`Type ${customerEmail ?? "the customer's email"} to confirm`} htmlFor="erase-confirm-email" error={errors.confirmEmail}>
                <Input id="erase-confirm-email" name="confirmEmail" type="email" autoComplete="off" required />
              </FormField>
              <DialogFooter>
                <Button type="submit" variant="destructive" disabled={isPending}>
                  Erase customer data
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      </CardContent>
    </Card>
  );
}
