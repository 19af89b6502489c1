"use client";

import { useState } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TrackingImportAction, TrackingImportPreview, TrackingImportRow } from "@/lib/fulfillment/tracking-import";
import { carrierLabels } from "@/lib/orders/tracking";
import { cn } from "@/lib/utils";

const actionLabels: Record<TrackingImportAction, string> = { ship: "Ship", correct: "Correct tracking", unchanged: "Already set" };

function carrierText(row: TrackingImportRow): string {
  if (!row.carrier) return row.carrierText || "—";
  return row.carrier === "other" ? (row.carrierName ?? carrierLabels.other) : carrierLabels[row.carrier];
}

/** "12 ready, 2 with errors": what the preview's Apply would do. */
export function previewSummary({ summary }: TrackingImportPreview): string {
  const parts = [`${summary.ship + summary.correct} ready`, `${summary.errors} with errors`];
  if (summary.unchanged > 0) parts.push(`${summary.unchanged} already set`);
  return parts.join(", ");
}

// Every row of the file with what it would do; rows with errors are highlighted, and can be shown alone in a
// long file.
export function TrackingImportTable({ preview }: { preview: TrackingImportPreview }) {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const rows = errorsOnly ? preview.rows.filter((r) => r.error) : preview.rows;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p data-testid="import-summary" className="font-medium">
          {previewSummary(preview)}
          {preview.summary.ship + preview.summary.correct > 0 ? (
            <span className="font-normal text-muted-foreground">
              {" "}
              ({preview.summary.ship} to ship, {preview.summary.correct} to correct)
            </span>
          ) : null}
        </p>
        {preview.summary.errors > 0 ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" className="size-4" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
            Show only rows with errors
          </label>
        ) : null}
      </div>
      {/* Focusable so the rows of a long file can be scrolled with the keyboard. */}
      <div className="max-h-[45vh] overflow-auto rounded-md border" tabIndex={0} role="region" aria-label="Rows of the file">
        <Table aria-label="Import preview">
          <TableHeader>
            <TableRow>
              <TableHead>Line</TableHead>
              <TableHead>Order</TableHead>
              <TableHead>Carrier</TableHead>
              <TableHead>Tracking number</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Problem</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.line} data-line={row.line} data-error={row.error ? "true" : undefined} className={cn(row.error && "bg-destructive/10 hover:bg-destructive/15")}>
                <TableCell className="tabular-nums text-muted-foreground">{row.line}</TableCell>
                <TableCell className="font-medium">{row.orderNumber || "—"}</TableCell>
                <TableCell>{carrierText(row)}</TableCell>
                <TableCell className="font-mono text-xs">{row.trackingNumber || "—"}</TableCell>
                <TableCell>{row.action ? actionLabels[row.action] : "—"}</TableCell>
                <TableCell className="whitespace-normal text-destructive">{row.error}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
