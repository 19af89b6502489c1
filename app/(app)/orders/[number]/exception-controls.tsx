"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { exceptionKinds } from "@/db/schema";
import { humanize } from "@/lib/format";
import { flagException, resolveExceptionAction } from "./actions";
import { useAction } from "@/components/actions/use-action";

type Props = { orderId: string; version: number; open: { id: string; kind: string }[]; canFlag: boolean };

// Flagging a delay opens the one-hour delay-notice clock; resolving one before the customer was told cancels it.
export function ExceptionControls({ orderId, version, open, canFlag }: Props) {
  const [dialog, setDialog] = useState<null | "flag" | { resolve: string }>(null);
  const { run, errors, isPending } = useAction(() => setDialog(null));


  return (
    <div className="flex flex-wrap gap-2">
      {canFlag ? (
        <Button variant="outline" onClick={() => setDialog("flag")}>
          Flag a delay…
        </Button>
      ) : null}
      {open.map((e) => (
        <Button key={e.id} variant="outline" onClick={() => setDialog({ resolve: e.id })}>
          Resolve {humanize(e.kind).toLowerCase()} delay…
        </Button>
      ))}

      <Dialog open={dialog === "flag"} onOpenChange={(o) => setDialog(o ? "flag" : null)}>
        <DialogContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              run(
                () =>
                  flagException({
                    orderId,
                    expectedVersion: version,
                    kind: String(form.get("kind")) as (typeof exceptionKinds)[number],
                    explanation: String(form.get("explanation") ?? ""),
                    revisedEta: String(form.get("revisedEta") ?? ""),
                  }),
                "Delay flagged — the customer must be told within the hour",
              );
            }}
          >
            <DialogHeader>
              <DialogTitle>Flag a delay</DialogTitle>
              <DialogDescription>The customer is owed a delay notice with the revised date within one hour.</DialogDescription>
            </DialogHeader>
            <FormField label="Cause" htmlFor="exception-kind">
              <NativeSelect id="exception-kind" name="kind" defaultValue="carrier">
                {exceptionKinds.map((k) => (
                  <option key={k} value={k}>
                    {humanize(k)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Explanation" htmlFor="exception-explanation" error={errors.explanation}>
              <Textarea id="exception-explanation" name="explanation" rows={3} required />
            </FormField>
            <FormField label="Revised delivery date" htmlFor="exception-eta" error={errors.revisedEta}>
              <Input id="exception-eta" name="revisedEta" type="date" />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Flag delay
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={typeof dialog === "object" && dialog !== null} onOpenChange={(o) => (o ? null : setDialog(null))}>
        <DialogContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (typeof dialog !== "object" || !dialog) return;
              const resolution = String(new FormData(e.currentTarget).get("resolution") ?? "");
              run(() => resolveExceptionAction({ exceptionId: dialog.resolve, expectedVersion: version, resolution }), "Delay resolved");
            }}
          >
            <DialogHeader>
              <DialogTitle>Resolve the delay</DialogTitle>
              <DialogDescription>Say what happened; it goes on the order&apos;s history.</DialogDescription>
            </DialogHeader>
            <FormField label="Resolution" htmlFor="exception-resolution" error={errors.resolution}>
              <Textarea id="exception-resolution" name="resolution" rows={3} required />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Resolve
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
