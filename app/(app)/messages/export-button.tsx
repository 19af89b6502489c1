"use client";

import { DownloadIcon } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { downloadMessageExport } from "./export-download";

// total is null until the server has counted the rows and starts sending (a second or two on a large log); an
// inexact total is the database's estimate, shown as "about".
type State = { kind: "idle" } | { kind: "running"; rows: number; total: number | null; exact: boolean } | { kind: "done"; rows: number; fileName: string } | { kind: "failed"; message: string };

const count = (n: number) => n.toLocaleString("en-US");

/** "Export CSV" of the filtered log, with rows done / total while it streams, and Cancel. */
export function ExportButton({ query }: { query: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function start() {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: "running", rows: 0, total: null, exact: true });
    const outcome = await downloadMessageExport(query, controller.signal, (progress) => setState({ kind: "running", ...progress }));
    abort.current = null;
    if (outcome.ok) setState({ kind: "done", rows: outcome.rows, fileName: outcome.fileName });
    else setState({ kind: "failed", message: outcome.message });
  }

  if (state.kind === "running") {
    return (
      <div className="flex w-full max-w-md flex-wrap items-center gap-3 sm:w-auto" data-testid="export-progress">
        <div className="min-w-48 flex-1 space-y-1">
          {state.total === null ? (
            <Progress className="animate-pulse" aria-labelledby="export-progress-label" />
          ) : (
            <Progress value={Math.min(state.rows, state.total)} max={Math.max(state.total, 1)} aria-labelledby="export-progress-label" />
          )}
          <p id="export-progress-label" className="text-xs text-muted-foreground" aria-live="polite">
            {state.total === null
              ? "Counting the messages to export…"
              : `Exporting: ${count(state.rows)} of ${state.exact ? "" : "about "}${count(Math.max(state.total, state.rows))} rows`}
          </p>
        </div>
        <Button type="button" variant="outline" size="sm" onClick={() => abort.current?.abort()}>
          Cancel
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="outline" onClick={() => void start()}>
        <DownloadIcon aria-hidden="true" />
        Export CSV
      </Button>
      {state.kind === "done" ? (
        <p role="status" className="text-sm text-muted-foreground">
          Exported {count(state.rows)} {state.rows === 1 ? "row" : "rows"} to {state.fileName}.
        </p>
      ) : state.kind === "failed" ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
