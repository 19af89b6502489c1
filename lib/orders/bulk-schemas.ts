import { z } from "zod";
import { orderStatuses } from "@/db/schema";
import { shipmentWith } from "./ship-schemas";

// Shared by the fulfillment board's forms and its actions. Each order carries the version the user saw.
const orderRef = z.object({ orderId: z.string().uuid(), version: z.coerce.number().int().positive() });
const selection = <T extends z.ZodType>(item: T) => z.array(item).min(1, "Select at least one order.").max(200, "Select at most 200 orders at a time.");

export const bulkStatusSchema = z.object({
  orders: selection(orderRef),
  to: z.enum(orderStatuses, { message: "Pick the new status." }),
});

// Each row ships with its tracking or with the reason it has none; a row without a mode is a tracked one.
const shipRow = z.preprocess(
  (row) => (row && typeof row === "object" && !("mode" in row) ? { ...row, mode: "tracked" } : row),
  shipmentWith({ orderId: orderRef.shape.orderId, version: orderRef.shape.version }),
);

export const bulkShipSchema = z.object({ orders: selection(shipRow) });

export type BulkShipInput = z.input<typeof bulkShipSchema>;
