"use client";

import { useId, useState } from "react";
import { eraseCustomerAction } from "@/app/(app)/records/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/components/actions/use-action";

type Props = {
  customerId: string;
  email: string | null;
  erased: boolean;
  /** Why erasure may not go ahead now (lib/retention/customer-data.ts erasureRefusal): the button is disabled beside it. */
  refusal: string | null;
};

// "Erase customer data…": a dialog asking for the customer's email typed out. Under a legal hold (the customer's or an
// order's) the button is disabled with the reason beside it, rather than offering a dialog the server would refuse.
export function EraseCustomerControl({ customerId, email, erased, refusal: blocked }: Props) {
  const [open, setOpen] = useState(false);
  const { run, errors, refusal, isPending, reset } = useAction();
  const reasonId = useId();

  if (erased) return <span className="self-center text-muted-foreground">Customer data erased</span>;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="destructive"
        size="sm"
        disabled={blocked !== null}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        Erase customer data…
      </Button>
      {blocked ? (
        <p id={reasonId} className="text-sm text-muted-foreground" data-testid="erase-refusal">
          Erasure is not possible now: {blocked}
        </p>
      ) : null}

      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const confirmEmail = String(new FormData(e.currentTarget).get("confirmEmail") ?? "");
              run(() => eraseCustomerAction({ customerId, confirmEmail }), "Customer data erased", () => setOpen(false));
            }}
          >
            <DialogHeader>
              <DialogTitle>Erase this customer&apos;s data</DialogTitle>
              <DialogDescription>
                Their name, email, phone and addresses, and the text of their messages, requests, inquiries and feedback on every order are replaced.
                What was sent when (templates, channels, times, statuses) and the amounts stay. This cannot be undone.
              </DialogDescription>
            </DialogHeader>
            <FormField label={`Type ${email ?? "the customer's email"} to confirm`} htmlFor="erase-confirm-email" error={errors.confirmEmail}>
              <Input
                id="erase-confirm-email"
                name="confirmEmail"
                type="email"
                autoComplete="off"
                required
                aria-invalid={errors.confirmEmail ? true : undefined}
                aria-describedby={fieldDescribedBy("erase-confirm-email", { error: errors.confirmEmail })}
              />
            </FormField>
            <FieldError error={refusal} />
            <DialogFooter>
              <Button type="submit" variant="destructive" disabled={isPending}>
                Erase customer data
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
