"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import type { EditableClockKind } from "@/lib/settings/settings-schemas";
import { saveSlaPolicy } from "./actions";

export type SlaPolicyRow = { kind: EditableClockKind; label: string; minutes: string; timeBase: string; saved: string };

type Result = Awaited<ReturnType<typeof saveSlaPolicy>> | null;

async function submit(_previous: Result, formData: FormData): Promise<Result> {
  const result = await saveSlaPolicy(formData);
  if (result.ok) toast({ title: "SLA policies saved", description: "Clocks opened from now on use them.", variant: "success" });
  return result;
}

// Submitted from onSubmit rather than <form action>, because React resets an action form after every
// submission and the supervisor would lose what they typed when a field needs correcting.
export function SlaPolicyForm({ rows }: { rows: SlaPolicyRow[] }) {
  const [state, dispatch, pending] = useActionState(submit, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby={state && !state.ok ? "sla-form-message" : undefined}>
      {state && !state.ok ? (
        <p id="sla-form-message" role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.message}
          {errors._form ? ` ${errors._form.join(" ")}` : null}
        </p>
      ) : null}
      <div className="divide-y rounded-md border">
        {rows.map((row) => {
          const minutesId = `sla-${row.kind}-minutes`;
          const timeBaseId = `sla-${row.kind}-time-base`;
          const minutesError = [...(errors[row.kind] ?? []), ...(errors[`${row.kind}.minutes`] ?? [])];
          const timeBaseError = errors[`${row.kind}.timeBase`];
          return (
            <div
              key={row.kind}
              role="group"
              aria-labelledby={`sla-${row.kind}-label`}
              className="grid items-start gap-3 p-3 sm:grid-cols-[minmax(10rem,1fr)_10rem_12rem]"
            >
              <div className="pt-1">
                <p id={`sla-${row.kind}-label`} className="text-sm font-medium">
                  {row.label}
                </p>
                <p className="text-xs text-muted-foreground">Saved: {row.saved}</p>
              </div>
              <FormField label="Allowance (minutes)" htmlFor={minutesId} error={minutesError}>
                <Input
                  id={minutesId}
                  name={`${row.kind}.minutes`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={43_200}
                  step={1}
                  defaultValue={row.minutes}
                  aria-invalid={minutesError.length > 0 || undefined}
                  aria-describedby={fieldDescribedBy(minutesId, { error: minutesError })}
                />
              </FormField>
              <FormField label="Counted in" htmlFor={timeBaseId} error={timeBaseError}>
                <NativeSelect
                  id={timeBaseId}
                  name={`${row.kind}.timeBase`}
                  defaultValue={row.timeBase}
                  wrapperClassName="w-full"
                  aria-invalid={timeBaseError ? true : undefined}
                  aria-describedby={fieldDescribedBy(timeBaseId, { error: timeBaseError })}
                >
                  <option value="business">Business time</option>
                  <option value="calendar">Calendar time</option>
                </NativeSelect>
              </FormField>
            </div>
          );
        })}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner label="Saving…" /> : null}
        Save SLA policies
      </Button>
    </form>
  );
}
