"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { runRetentionNowAction, saveRetentionPolicy } from "./retention-actions";

export type RetentionRunRow = { id: string; startedAt: string; trigger: string; status: string; rule: string; counts: Record<string, number>; error: string | null };

// Admins: how long finished records are kept (never under 12 months), a run on demand, and the log of recent runs.
export function RetentionSection({ months, minMonths, runs }: { months: number; minMonths: number; runs: RetentionRunRow[] }) {
  const [saving, startSaving] = useTransition();
  const [running, startRunning] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("months") ?? "");
    startSaving(async () => {
      const result = await saveRetentionPolicy({ months: value });
      setError(result.ok ? null : (result.fieldErrors?.months?.[0] ?? result.message));
      if (result.ok) toast({ title: `Records are kept ${value} months`, variant: "success" });
    });
  }

  function runNow() {
    startRunning(async () => {
      const result = await runRetentionNowAction({});
      if (!result.ok) {
        toast({ title: result.message, variant: "destructive" });
        return;
      }
      const total = Object.values(result.data.counts).reduce((sum, n) => sum + n, 0);
      toast({ title: total === 0 ? "Retention run finished: nothing was due" : `Retention run finished: ${total} rows purged or anonymised`, variant: "success" });
    });
  }

  return (
    <Card data-testid="retention-section">
      <CardHeader>
        <CardTitle>Retention</CardTitle>
        <CardDescription>
          Orders finished longer ago than this, and their messages, requests and inquiries, are anonymised each night (facts kept,
          personal details and delivery photos removed); old audit entries are purged. Legal holds exempt an order or customer until released.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
          <FormField label="Keep records for (months)" htmlFor="retention-months" error={error ?? undefined}>
            <Input id="retention-months" name="months" type="number" min={minMonths} step={1} defaultValue={months} className="w-32" required />
          </FormField>
          <Button type="submit" variant="outline" disabled={saving}>
            {saving ? <Spinner label="Saving…" /> : null}
            Save
          </Button>
          <Button type="button" variant="outline" onClick={runNow} disabled={running}>
            {running ? <Spinner label="Running…" /> : null}
            Run retention now
          </Button>
        </form>
        {runs.length === 0 ? (
          <p className="text-sm text-muted-foreground">No retention run yet.</p>
        ) : (
          <ul className="space-y-2 text-sm" aria-label="Recent retention runs">
            {runs.map((run) => (
              <li key={run.id}>
                <span className="font-medium">{run.startedAt}</span> · {run.trigger} · {run.status}
                {run.error ? <span className="text-destructive"> — {run.error}</span> : null}
                <span className="block text-xs text-muted-foreground">
                  {Object.keys(run.counts).length === 0
                    ? "Nothing was due."
                    : Object.entries(run.counts)
                        .map(([table, n]) => `${table}: ${n}`)
                        .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
