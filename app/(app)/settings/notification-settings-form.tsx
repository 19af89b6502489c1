"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import type { NotificationStage, StageMode } from "@/lib/settings/defaults";
import { saveNotificationSettings } from "./actions";

export type NotificationStageRow = { stage: NotificationStage; label: string; description: string; mode: StageMode };

type Result = Awaited<ReturnType<typeof saveNotificationSettings>> | null;

async function submit(_previous: Result, formData: FormData): Promise<Result> {
  const result = await saveNotificationSettings(formData);
  if (result.ok) toast({ title: "Customer notices saved", description: "Milestones from now on follow them.", variant: "success" });
  return result;
}

// Same shape as SlaPolicyForm: submitted from onSubmit so a refused save keeps what the supervisor chose.
export function NotificationSettingsForm({ rows, quietHours }: { rows: NotificationStageRow[]; quietHours: { start: string; end: string } }) {
  const [state, dispatch, pending] = useActionState(submit, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const quietError = (part: "start" | "end") => [...(errors.smsQuietHours ?? []), ...(errors[`smsQuietHours.${part}`] ?? [])];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby={state && !state.ok ? "notices-form-message" : undefined}>
      {state && !state.ok ? (
        <p id="notices-form-message" role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.message}
          {errors._form ? ` ${errors._form.join(" ")}` : null}
        </p>
      ) : null}
      <div className="divide-y rounded-md border">
        {rows.map((row) => {
          const id = `notice-${row.stage}-mode`;
          const error = [...(errors.stages ?? []), ...(errors[`stages.${row.stage}`] ?? [])];
          return (
            <div key={row.stage} className="grid items-start gap-3 p-3 sm:grid-cols-[minmax(10rem,1fr)_14rem]">
              <div className="pt-1">
                <label htmlFor={id} className="text-sm font-medium">
                  {row.label}
                </label>
                <p id={`${id}-hint`} className="text-xs text-muted-foreground">
                  {row.description}
                </p>
              </div>
              <div className="grid gap-2">
                <NativeSelect
                  id={id}
                  name={`stages.${row.stage}`}
                  defaultValue={row.mode}
                  wrapperClassName="w-full"
                  aria-invalid={error.length > 0 || undefined}
                  aria-describedby={fieldDescribedBy(id, { error, hint: row.description })}
                >
                  <option value="automatic">Send automatically</option>
                  <option value="suggest">Suggest to a rep</option>
                </NativeSelect>
                {error.length > 0 ? (
                  <p id={`${id}-error`} role="alert" className="text-sm font-medium text-destructive">
                    {error.join(" ")}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <fieldset className="space-y-3 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">SMS quiet hours</legend>
        <p id="quiet-hours-hint" className="text-xs text-muted-foreground">
          A text that is not urgent waits until the quiet hours end, in the customer&apos;s own time zone. The same start and end
          means no quiet hours.
        </p>
        <div className="grid items-start gap-3 sm:max-w-md sm:grid-cols-2">
          {(["start", "end"] as const).map((part) => {
            const id = `quiet-hours-${part}`;
            const error = quietError(part);
            return (
              <FormField key={part} label={part === "start" ? "Quiet hours start" : "Quiet hours end"} htmlFor={id} error={error}>
                <Input
                  id={id}
                  name={`smsQuietHours.${part}`}
                  type="time"
                  step={60}
                  required
                  defaultValue={quietHours[part]}
                  aria-invalid={error.length > 0 || undefined}
                  aria-describedby={[fieldDescribedBy(id, { error }), "quiet-hours-hint"].filter(Boolean).join(" ")}
                />
              </FormField>
            );
          })}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner label="Saving…" /> : null}
        Save customer notices
      </Button>
    </form>
  );
}
