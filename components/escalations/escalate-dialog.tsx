"use client";

import { useState, type FormEvent } from "react";
import { raiseEscalationAction } from "@/app/(app)/escalations/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { severities } from "@/db/schema/enums";
import { NOTE_MAX, REASON_MAX, severityLabels, type EscalationSubjectKind } from "@/lib/escalations/escalation-schemas";
import { useAction } from "@/components/actions/use-action";

type Props = {
  subject: EscalationSubjectKind;
  subjectId: string;
  /** What is escalated, in words ("order OL-100123", "the address change request"). */
  subjectLabel: string;
  /** The button's text (default "Escalate…"). */
  label?: string;
  size?: "default" | "sm";
};

const REASON_HINT = "In a few words: what needs a supervisor.";

/** A button that escalates an order, a request or an inquiry to the supervisors: reason, severity and a note. */
export function EscalateButton({ subject, subjectId, subjectLabel, label = "Escalate…", size = "sm" }: Props) {
  const [open, setOpen] = useState(false);
  const { run, errors, refusal, isPending, reset } = useAction<{ id: string }>();
  const id = (field: string) => `escalate-${subject}-${subjectId}-${field}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      subject,
      subjectId,
      reason: String(form.get("reason") ?? ""),
      severity: String(form.get("severity") ?? "") as (typeof severities)[number],
      note: String(form.get("note") ?? ""),
    };
    run(() => raiseEscalationAction(input), "Escalated — a supervisor responds within 4 business hours", () => setOpen(false));
  }

  return (
    <>
      <Button type="button" variant="outline" size={size} onClick={() => setOpen(true)} aria-label={label === "Escalate…" ? `Escalate ${subjectLabel}` : undefined}>
        {label}
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) reset();
        }}
      >
        <DialogContent>
          <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={isPending || undefined}>
            <DialogHeader>
              <DialogTitle>Escalate to a supervisor</DialogTitle>
              <DialogDescription>
                Escalating {subjectLabel}. A supervisor is owed a response within 4 business hours; it shows on the order&apos;s history.
              </DialogDescription>
            </DialogHeader>
            {refusal ? (
              <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
                {refusal}
              </p>
            ) : null}
            <FormField label="Reason" htmlFor={id("reason")} error={errors.reason} hint={REASON_HINT}>
              <Input
                id={id("reason")}
                name="reason"
                required
                maxLength={REASON_MAX}
                autoComplete="off"
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={fieldDescribedBy(id("reason"), { error: errors.reason, hint: REASON_HINT })}
              />
            </FormField>
            <FormField label="Severity" htmlFor={id("severity")} error={errors.severity}>
              <NativeSelect id={id("severity")} name="severity" defaultValue="medium" aria-invalid={errors.severity ? true : undefined} aria-describedby={fieldDescribedBy(id("severity"), { error: errors.severity })}>
                {severities.map((s) => (
                  <option key={s} value={s}>
                    {severityLabels[s]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Note (optional)" htmlFor={id("note")} error={errors.note}>
              <Textarea id={id("note")} name="note" rows={3} maxLength={NOTE_MAX} aria-invalid={errors.note ? true : undefined} aria-describedby={fieldDescribedBy(id("note"), { error: errors.note })} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? <Spinner label="Escalating…" /> : null}
                Escalate
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
