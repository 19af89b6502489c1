"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { Weekday } from "@/lib/settings/defaults";
import { saveBusinessCalendar } from "./actions";

export type CalendarFormValues = {
  timeZone: string;
  days: { id: Weekday; label: string; hours: string }[];
  holidays: string;
};

type Result = Awaited<ReturnType<typeof saveBusinessCalendar>> | null;

async function submit(_previous: Result, formData: FormData): Promise<Result> {
  const result = await saveBusinessCalendar(formData);
  if (result.ok) toast({ title: "Business calendar saved", description: "Clocks opened from now on count by it.", variant: "success" });
  return result;
}

const ZONE_HINT = "Opening hours and holidays are in this zone.";
const HOLIDAYS_HINT = "One per line: YYYY-MM-DD then the name (2026-12-25 Christmas Day). The whole local date is closed.";
const HOURS_HINT = "Intervals as HH:MM-HH:MM, separated by commas (09:00-12:00, 13:00-17:00); 24:00 is midnight. Empty means closed.";

// Submitted from onSubmit rather than <form action>: React resets an action form after each submission, and the
// admin would lose their edits whenever a field needs correcting.
export function CalendarForm({ values, timeZones }: { values: CalendarFormValues; timeZones: string[] }) {
  const [state, dispatch, pending] = useActionState(submit, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const zoneError = errors.timeZone;
  const holidaysError = errors.holidays;
  const weekError = errors.week;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.message}
          {errors._form ? ` ${errors._form.join(" ")}` : null}
        </p>
      ) : null}
      <FormField label="Time zone" htmlFor="calendar-time-zone" error={zoneError} hint={ZONE_HINT}>
        <NativeSelect
          id="calendar-time-zone"
          name="timeZone"
          defaultValue={values.timeZone}
          wrapperClassName="w-full sm:w-80"
          aria-invalid={zoneError ? true : undefined}
          aria-describedby={fieldDescribedBy("calendar-time-zone", { error: zoneError, hint: ZONE_HINT })}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <fieldset className="space-y-3" aria-describedby={weekError ? "calendar-week-hint calendar-week-error" : "calendar-week-hint"}>
        <legend className="text-sm font-medium">Opening hours</legend>
        <p id="calendar-week-hint" className="text-sm text-muted-foreground">
          {HOURS_HINT}
        </p>
        <FieldError id="calendar-week-error" error={weekError} />
        <div className="grid gap-3 sm:grid-cols-2">
          {values.days.map((day) => {
            const id = `calendar-week-${day.id}`;
            const error = errors[`week.${day.id}`];
            return (
              <FormField key={day.id} label={day.label} htmlFor={id} error={error}>
                <Input
                  id={id}
                  name={`week.${day.id}`}
                  defaultValue={day.hours}
                  placeholder="Closed"
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={fieldDescribedBy(id, { error })}
                />
              </FormField>
            );
          })}
        </div>
      </fieldset>
      <FormField
        label="Holidays"
        htmlFor="calendar-holidays"
        error={holidaysError}
        hint={HOLIDAYS_HINT}
      >
        <Textarea
          id="calendar-holidays"
          name="holidays"
          rows={8}
          defaultValue={values.holidays}
          spellCheck={false}
          className="font-mono"
          aria-invalid={holidaysError ? true : undefined}
          aria-describedby={fieldDescribedBy("calendar-holidays", { error: holidaysError, hint: HOLIDAYS_HINT })}
        />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner label="Saving…" /> : null}
        Save business calendar
      </Button>
    </form>
  );
}
