"use client";

import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { callOutcomes, type CallOutcome } from "@/db/schema";
import type { TemplateField } from "@/lib/notifications/template-fields";

const inputTypes: Record<TemplateField["kind"], string> = { text: "text", textarea: "text", date: "date", datetime: "datetime-local", money: "text" };

type FieldsProps = {
  fields: TemplateField[];
  values: Record<string, string>;
  missing: ReadonlySet<string>;
  errors: Record<string, string[]>;
  onChange: (name: string, value: string) => void;
};

/** The template's free parts, prefilled from the order; a required one left empty is marked until it is filled. */
export function NoticeFields({ fields, values, missing, errors, onChange }: FieldsProps) {
  if (fields.length === 0) return <p className="text-sm text-muted-foreground">Everything in this notice comes from the order.</p>;
  return (
    <div className="grid gap-3">
      {fields.map((field) => {
        const id = `notice-field-${field.name}`;
        const error = errors[`fields.${field.name}`] ?? (missing.has(field.name) ? ["Required before sending."] : undefined);
        const common = {
          id,
          name: field.name,
          value: values[field.name] ?? "",
          "aria-invalid": error ? true : undefined,
          "aria-required": field.required || undefined,
          "aria-describedby": fieldDescribedBy(id, { error, hint: field.help }),
        };
        return (
          <FormField key={field.name} label={field.required ? `${field.label} (required)` : field.label} htmlFor={id} error={error} hint={field.help}>
            {field.options ? (
              <NativeSelect {...common} onChange={(e) => onChange(field.name, e.target.value)}>
                <option value="">{field.required ? "Choose…" : "—"}</option>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </NativeSelect>
            ) : field.kind === "textarea" ? (
              <Textarea {...common} rows={3} onChange={(e) => onChange(field.name, e.target.value)} />
            ) : (
              <Input {...common} type={inputTypes[field.kind]} inputMode={field.kind === "money" ? "decimal" : undefined} onChange={(e) => onChange(field.name, e.target.value)} />
            )}
          </FormField>
        );
      })}
    </div>
  );
}

const outcomeLabels: Record<CallOutcome, string> = { reached: "Reached the customer", voicemail: "Left a voicemail", no_answer: "No answer" };

type CallProps = {
  outcome: CallOutcome | null;
  notes: string;
  errors: Record<string, string[]>;
  onOutcome: (outcome: CallOutcome) => void;
  onNotes: (notes: string) => void;
};

/** A phone call is logged, not sent: how it went decides whether it meets the clock (reached or voicemail only). */
export function CallOutcomeFields({ outcome, notes, errors, onOutcome, onNotes }: CallProps) {
  return (
    <div className="grid gap-3">
      <fieldset className="grid gap-2" aria-describedby={errors.callOutcome ? "call-outcome-error" : undefined}>
        <legend className="mb-1 text-sm font-medium">Call outcome</legend>
        {callOutcomes.map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="callOutcome" value={value} checked={outcome === value} onChange={() => onOutcome(value)} className="size-4 accent-primary" />
            {outcomeLabels[value]}
          </label>
        ))}
        {errors.callOutcome ? (
          <p id="call-outcome-error" role="alert" className="text-sm font-medium text-destructive">
            {errors.callOutcome[0]}
          </p>
        ) : null}
      </fieldset>
      <p className="text-xs text-muted-foreground">A call meets the clock only when the customer was reached or a voicemail was left.</p>
      <FormField label="Call notes" htmlFor="notice-call-notes" error={errors.callNotes}>
        <Textarea id="notice-call-notes" rows={3} value={notes} onChange={(e) => onNotes(e.target.value)} placeholder="What was said, what was agreed" />
      </FormField>
    </div>
  );
}
