import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, type Carrier, type OrderStatus } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { correctableStatuses, setTracking, shipOrder } from "@/lib/orders/ship-order";
import { parseTrackingCsv, type TrackingCsvRow } from "./tracking-csv";

// Tracking numbers from a CSV: a preview that says what each row would do, then an apply that checks the same
// file again and changes every order or none.

/** ship: processing → shipped with this tracking; correct: replace the tracking of a shipped order; unchanged: it already has it. */
export type TrackingImportAction = "ship" | "correct" | "unchanged";

export type TrackingImportRow = {
  line: number;
  orderNumber: string;
  carrier: Carrier | null;
  carrierText: string;
  carrierName: string | null;
  trackingNumber: string;
  action: TrackingImportAction | null;
  error: string | null;
  orderId: string | null;
  version: number | null;
};

export type TrackingImportSummary = { rows: number; ship: number; correct: number; unchanged: number; errors: number };
export type TrackingImportPreview = { rows: TrackingImportRow[]; summary: TrackingImportSummary };
/** What the preview showed for each order: apply refuses if any of them has changed since. */
export type PreviewedVersion = { orderId: string; version: number };
export type TrackingImportResult = { applied: number; shipped: number; corrected: number; unchanged: number };

type FoundOrder = Pick<typeof orders.$inferSelect, "id" | "number" | "status" | "version" | "carrier" | "trackingNumber" | "carrierName" | "trackingUrlTemplate">;

async function findOrders(db: Db, rows: TrackingCsvRow[], lock: boolean): Promise<Map<string, FoundOrder>> {
  const numbers = [...new Set(rows.map((r) => r.orderNumber).filter(Boolean))];
  if (numbers.length === 0) return new Map();
  const query = db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      version: orders.version,
      carrier: orders.carrier,
      trackingNumber: orders.trackingNumber,
      carrierName: orders.carrierName,
      trackingUrlTemplate: orders.trackingUrlTemplate,
    })
    .from(orders)
    .where(inArray(orders.number, numbers));
  // Locked in id order, like any other multi-order writer would, so two imports cannot deadlock each other.
  const found = lock ? await query.orderBy(asc(orders.id)).for("update") : await query;
  return new Map(found.map((o) => [o.number.toUpperCase(), o]));
}

function statusRefusal(number: string, status: OrderStatus): string {
  const label = status.replaceAll("_", " ");
  if (status === "delivered" || status === "closed") return `${number} is ${label} — tracking can no longer change.`;
  if (status === "cancelled") return `${number} is cancelled — it will not ship.`;
  if (status === "on_hold") return `${number} is on hold — release it before shipping.`;
  return `${number} is ${label} — only orders being processed can ship.`;
}

function sameTracking(row: TrackingCsvRow, order: FoundOrder): boolean {
  return (
    row.carrier === order.carrier &&
    row.trackingNumber === order.trackingNumber &&
    (row.carrier !== "other" || (row.carrierName === order.carrierName && row.trackingUrlTemplate === order.trackingUrlTemplate))
  );
}

function decide(row: TrackingCsvRow, order: FoundOrder | undefined): Pick<TrackingImportRow, "action" | "error"> {
  if (row.error) return { action: null, error: row.error };
  if (!order) return { action: null, error: `There is no order ${row.orderNumber}.` };
  if (order.status === "processing") return { action: "ship", error: null };
  if (correctableStatuses.includes(order.status)) return { action: sameTracking(row, order) ? "unchanged" : "correct", error: null };
  return { action: null, error: statusRefusal(order.number, order.status) };
}

function buildPreview(parsed: TrackingCsvRow[], found: Map<string, FoundOrder>): TrackingImportPreview & { sources: TrackingCsvRow[] } {
  const rows = parsed.map((row): TrackingImportRow => {
    const order = found.get(row.orderNumber);
    return {
      line: row.line,
      orderNumber: row.orderNumber,
      carrier: row.carrier,
      carrierText: row.carrierText,
      carrierName: row.carrierName,
      trackingNumber: row.trackingNumber,
      ...decide(row, order),
      orderId: order?.id ?? null,
      version: order?.version ?? null,
    };
  });
  const count = (test: (r: TrackingImportRow) => boolean) => rows.filter(test).length;
  const summary = {
    rows: rows.length,
    ship: count((r) => r.action === "ship"),
    correct: count((r) => r.action === "correct"),
    unchanged: count((r) => r.action === "unchanged"),
    errors: count((r) => r.error !== null),
  };
  return { rows, summary, sources: parsed };
}

/** What importing this CSV would do, row by row; whole-file problems throw TrackingCsvError. Changes nothing. */
export async function previewTrackingImport(db: Db, csv: string): Promise<TrackingImportPreview> {
  const parsed = parseTrackingCsv(csv);
  const { rows, summary } = buildPreview(parsed, await findOrders(db, parsed, false));
  return { rows, summary };
}

export type ApplyTrackingImportInput = {
  csv: string;
  /** The preview's { orderId, version } list, as the person saw it. */
  versions: readonly PreviewedVersion[];
  actor: Actor;
  /**
   * Called after each order (and once with 0 before the first); the changes commit only after the last. Awaited, so
   * a caller streaming progress can let its writes out (PGlite answers without ever yielding to the event loop).
   */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  at?: Date;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Applies a tracking CSV: checks the file again from its text (never from the preview the browser sends), refuses the
 * whole file if any row has an error or any order changed since the preview, then ships and corrects every order in
 * one transaction. Any failure rolls all of it back: a bad file changes nothing.
 */
export async function applyTrackingImport(db: Db, input: ApplyTrackingImportInput): Promise<TrackingImportResult> {
  const parsed = parseTrackingCsv(input.csv);
  return db.transaction(async (tx) => {
    const { rows, summary, sources } = buildPreview(parsed, await findOrders(tx, parsed, true));
    if (summary.errors > 0) throw new UserFacingError(`Fix the ${plural(summary.errors, "row", "rows")} with errors and upload again; nothing was changed.`);
    const seen = new Map(input.versions.map((v) => [v.orderId, v.version]));
    const changed = rows.filter((r) => seen.get(r.orderId!) !== r.version).length;
    if (changed > 0) throw new UserFacingError(`${plural(changed, "order", "orders")} changed since the preview; preview again. Nothing was changed.`);

    const work = rows.flatMap((row, i) => (row.action === "ship" || row.action === "correct" ? [{ row, source: sources[i]! }] : []));
    await input.onProgress?.(0, work.length);
    for (const [done, { row, source }] of work.entries()) {
      const change = row.action === "ship" ? shipOrder : setTracking;
      try {
        await change(tx, {
          orderId: row.orderId!,
          expectedVersion: row.version!,
          carrier: source.carrier!,
          trackingNumber: source.trackingNumber,
          carrierName: source.carrierName,
          trackingUrlTemplate: source.trackingUrlTemplate,
          actor: input.actor,
          at: input.at,
        });
      } catch (error) {
        if (error instanceof UserFacingError) throw new UserFacingError(`Line ${row.line} (${row.orderNumber}): ${error.message} Nothing was changed.`);
        throw error;
      }
      await input.onProgress?.(done + 1, work.length);
    }
    return { applied: work.length, shipped: summary.ship, corrected: summary.correct, unchanged: summary.unchanged };
  });
}
