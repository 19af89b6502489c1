import { z } from "zod";
import { MAX_IMPORT_BYTES } from "./tracking-csv";

// The tracking import's request (shared by the dialog and the route) and the lines the apply stream sends back.

const versions = z
  .array(z.object({ orderId: z.string().uuid(), version: z.number().int().positive() }))
  .max(10_000);

// The characters cap is only a guard against absurd bodies; the parser names the real 2 MB limit in bytes.
const csv = z.string().max(MAX_IMPORT_BYTES * 2, "The file is larger than 2 MB; split it into smaller files.");

export const trackingImportRequestSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("preview"), csv }),
  z.object({ mode: z.literal("apply"), csv, versions }),
]);

export type TrackingImportRequest = z.input<typeof trackingImportRequestSchema>;

/** One line of the apply response (application/x-ndjson). */
export type TrackingImportStreamLine =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; applied: number; shipped: number; corrected: number }
  | { type: "error"; message: string };
