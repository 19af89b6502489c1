"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { saveEscalationPolicy } from "./actions";

/** The one switch of design.md's escalation policy: clocks late by more than their allowance escalate by themselves. */
export function EscalationPolicyForm({ autoEscalateBreached }: { autoEscalateBreached: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const on = new FormData(event.currentTarget).get("autoEscalateBreached") === "on";
    startTransition(async () => {
      const result = await saveEscalationPolicy({ autoEscalateBreached: on });
      setError(result.ok ? null : result.message);
      if (result.ok) toast({ title: on ? "Automatic escalation on" : "Automatic escalation off", variant: "success" });
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border p-3" aria-labelledby="escalation-policy-label">
      <p id="escalation-policy-label" className="text-sm font-medium">
        Escalation policy
      </p>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="autoEscalateBreached" defaultChecked={autoEscalateBreached} className="mt-0.5 size-4 accent-primary" />
        <span>
          Escalate a clock by itself when it is late by more than its own allowance (counted in its business or calendar time),
          once. The escalation comes from &ldquo;System&rdquo; with high severity.
        </span>
      </label>
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        {pending ? <Spinner label="Saving…" /> : null}
        Save escalation policy
      </Button>
    </form>
  );
}
