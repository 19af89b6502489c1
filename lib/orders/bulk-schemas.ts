import { z } from "zod";
import { orderStatuses } from "@/db/schema";

// Shared by the fulfillment board's forms and its actions. Each order carries the version the user saw.
const orderRef = z.object({ orderId: z.string().uuid(), version: z.coerce.number().int().positive() });
const selection = <T extends z.ZodType>(item: T) => z.array(item).min(1, "Select at least one order.").max(200, "Select at most 200 orders at a time.");

export const bulkStatusSchema = z.object({
  orders: selection(orderRef),
  to: z.enum(orderStatuses, { message: "Pick the new status." }),
});

export const bulkShipSchema = z.object({
  orders: selection(
    orderRef.extend({
      carrier: z.enum(["ups", "usps", "fedex", "dhl"], { message: "Pick the carrier." }),
      trackingNumber: z.string().trim().min(1, "Enter the tracking number.").max(60),
    }),
  ),
});

export type BulkShipInput = z.input<typeof bulkShipSchema>;
