"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { MAX_IMPORT_BYTES } from "@/lib/fulfillment/tracking-csv";
import type { TrackingImportPreview } from "@/lib/fulfillment/tracking-import";
import { requestApply, requestPreview } from "./tracking-import-client";
import { TrackingImportTable } from "./tracking-import-table";

type Loaded = { fileName: string; csv: string; preview: TrackingImportPreview };
type State =
  | { step: "choose"; error: string | null }
  | { step: "checking"; fileName: string }
  | (Loaded & { step: "preview"; error: string | null })
  | (Loaded & { step: "applying"; done: number; total: number });

const initial: State = { step: "choose", error: null };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// Choose a CSV, see what every row would do, apply it all at once. The server checks the file again on apply and
// changes every order or none, so this dialog never has to undo anything.
export function TrackingImportDialog() {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>(initial);
  // A check still running when the dialog closes or another file is chosen must not show its answer.
  const attempt = useRef(0);
  const applying = state.step === "applying";
  const loaded = state.step === "preview" || state.step === "applying" ? state : null;
  const ready = loaded ? loaded.preview.summary.ship + loaded.preview.summary.correct : 0;
  const canApply = state.step === "preview" && state.preview.summary.errors === 0 && ready > 0;
  // Why Apply is disabled, said beside it: the button never counts changes that would not happen.
  const errorRows = state.step === "preview" ? state.preview.summary.errors : 0;
  const blocked =
    errorRows > 0
      ? `Fix the ${errorRows === 1 ? "row" : `${errorRows.toLocaleString("en-US")} rows`} with errors in the file and choose it again — nothing is applied while any row has an error.`
      : state.step === "preview" && ready === 0
        ? "Nothing to apply: every order in this file already has this tracking."
        : null;

  function changeOpen(next: boolean) {
    if (applying) return; // the import finishes or rolls back on the server either way; keep its progress in view
    setOpen(next);
    if (!next) {
      attempt.current++;
      setState(initial);
    }
  }

  async function check(fileName: string, csv: string) {
    const mine = ++attempt.current;
    setState({ step: "checking", fileName });
    const result = await requestPreview(csv);
    if (mine !== attempt.current) return;
    setState(result.ok ? { step: "preview", fileName, csv, preview: result.preview, error: null } : { step: "choose", error: result.message });
  }

  async function choose(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again, once fixed, is noticed.
    input.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setState({ step: "choose", error: "The file is larger than 2 MB; split it into smaller files." });
    await check(file.name, await file.text());
  }

  async function apply() {
    if (state.step !== "preview") return;
    const { fileName, csv, preview } = state;
    const versions = preview.rows.flatMap((r) => (r.orderId && r.version ? [{ orderId: r.orderId, version: r.version }] : []));
    setState({ step: "applying", fileName, csv, preview, done: 0, total: ready });
    const outcome = await requestApply(csv, versions, (done, total) => setState((s) => (s.step === "applying" ? { ...s, done, total } : s)));
    if (!outcome.ok) {
      setState({ step: "preview", fileName, csv, preview, error: outcome.message });
      router.refresh();
      return;
    }
    const parts = [outcome.shipped > 0 ? `${plural(outcome.shipped, "order", "orders")} shipped` : null, outcome.corrected > 0 ? `${outcome.corrected} corrected` : null];
    toast({ title: "Tracking imported", description: `${parts.filter(Boolean).join(", ")}.`, variant: "success" });
    setState(initial);
    setOpen(false);
    router.refresh();
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Import tracking (CSV)
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-4xl" showCloseButton={!applying}>
        <DialogHeader>
          <DialogTitle>Import tracking numbers</DialogTitle>
          <DialogDescription>
            A CSV file with one row per order and the columns <strong>order number</strong>, <strong>carrier</strong> (UPS, USPS, FedEx, DHL or
            Other) and <strong>tracking number</strong>; for Other, also <strong>carrier name</strong> and <strong>tracking url</strong> with{" "}
            <code>{"{tracking}"}</code> where the number goes. Orders being processed are shipped; orders already shipped get their tracking
            corrected. Nothing changes until you apply, and a file with any error changes nothing.
          </DialogDescription>
        </DialogHeader>

        <div className="grid gap-2">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <Label htmlFor={`${id}-file`}>CSV file (up to 5,000 rows, 2 MB)</Label>
            <a href="/tracking-import-example.csv" download className="text-sm text-primary underline-offset-4 hover:underline">
              Download an example file
            </a>
          </div>
          <Input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            disabled={applying || state.step === "checking"}
            aria-describedby={state.step === "choose" && state.error ? `${id}-error` : undefined}
            onChange={(e) => void choose(e.currentTarget)}
          />
        </div>

        {state.step === "checking" ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Spinner label={`Checking ${state.fileName}…`} /> Checking {state.fileName}…
          </p>
        ) : null}
        {state.step === "choose" && state.error ? (
          <p id={`${id}-error`} role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {state.error}
          </p>
        ) : null}

        {loaded ? (
          <section aria-labelledby={`${id}-preview`} className="grid min-w-0 gap-2">
            <h3 id={`${id}-preview`} className="truncate text-sm text-muted-foreground">
              Preview of {loaded.fileName}
            </h3>
            <TrackingImportTable preview={loaded.preview} />
            {state.step === "preview" && state.error ? (
              <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
                <span>{state.error}</span>
                <Button size="sm" variant="outline" onClick={() => void check(state.fileName, state.csv)}>
                  Preview again
                </Button>
              </div>
            ) : null}
          </section>
        ) : null}

        {state.step === "applying" ? (
          <div className="grid gap-2">
            <p id={`${id}-progress`} className="text-sm" aria-live="polite" data-testid="import-progress">
              Applying {state.done.toLocaleString("en-US")} of {state.total.toLocaleString("en-US")}…
            </p>
            <Progress value={state.done} max={Math.max(state.total, 1)} aria-labelledby={`${id}-progress`} />
          </div>
        ) : null}

        <DialogFooter className="items-center">
          {blocked ? (
            <p id={`${id}-blocked`} className="mr-auto text-sm text-muted-foreground" data-testid="apply-blocked">
              {blocked}
            </p>
          ) : null}
          <DialogClose asChild>
            <Button variant="outline" disabled={applying}>
              Cancel
            </Button>
          </DialogClose>
          <Button onClick={() => void apply()} disabled={!canApply} aria-describedby={blocked ? `${id}-blocked` : undefined}>
            {applying ? "Applying…" : canApply ? `Apply ${plural(ready, "change", "changes")}` : "Apply"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
