import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

type FieldErrorProps = Omit<React.ComponentProps<"div">, "children"> & {
  /** One message or several; empty values render nothing. */
  error?: string | string[] | null;
};

function toMessages(error: string | string[] | null | undefined): string[] {
  if (!error) return [];
  return (Array.isArray(error) ? error : [error]).filter((m) => m.trim() !== "");
}

/** Error text for a control. Give it `id` so the control can reference it via aria-describedby. */
function FieldError({ error, className, ...props }: FieldErrorProps) {
  const messages = toMessages(error);
  if (messages.length === 0) return null;
  return (
    <div
      role="alert"
      data-slot="field-error"
      className={cn("text-sm font-medium text-destructive", className)}
      {...props}
    >
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul className="list-inside list-disc">
          {messages.map((m, i) => (
            <li key={`${i}-${m}`}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type FormFieldProps = {
  label: string;
  /** The control's id; the error gets id `${htmlFor}-error` and the hint `${htmlFor}-hint`. */
  htmlFor: string;
  error?: string | string[];
  hint?: string;
  className?: string;
  children: React.ReactNode;
};

/**
 * Label + control + hint + error. The control should set
 * `aria-describedby={fieldDescribedBy(htmlFor, { error, hint })}` and `aria-invalid` when in error.
 */
function FormField({ label, htmlFor, error, hint, className, children }: FormFieldProps) {
  const hasError = toMessages(error).length > 0;
  return (
    <div
      data-slot="form-field"
      data-invalid={hasError || undefined}
      className={cn("grid gap-2", className)}
    >
      <Label htmlFor={htmlFor} className={cn(hasError && "text-destructive")}>
        {label}
      </Label>
      {children}
      {hint ? (
        <p id={`${htmlFor}-hint`} data-slot="form-field-hint" className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${htmlFor}-error`} error={error} />
    </div>
  );
}

/** The aria-describedby value matching what FormField renders (undefined when nothing applies). */
function fieldDescribedBy(
  htmlFor: string,
  { error, hint }: { error?: string | string[] | null; hint?: string | null },
): string | undefined {
  const ids = [
    hint ? `${htmlFor}-hint` : null,
    toMessages(error).length > 0 ? `${htmlFor}-error` : null,
  ].filter((id): id is string => id !== null);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export { FieldError, FormField, fieldDescribedBy, type FieldErrorProps, type FormFieldProps };
