import { z } from "zod";
import { carriers, orderStatuses } from "@/db/schema";

// Shared by the fulfillment board's forms and its actions. Each order carries the version the user saw.
const orderRef = z.object({ orderId: z.string().uuid(), version: z.coerce.number().int().positive() });
const selection = <T extends z.ZodType>(item: T) => z.array(item).min(1, "Select at least one order.").max(200, "Select at most 200 orders at a time.");

export const bulkStatusSchema = z.object({
  orders: selection(orderRef),
  to: z.enum(orderStatuses, { message: "Pick the new status." }),
});

// Empty form fields arrive as "": treat them as not given.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((s) => s || undefined);

export const bulkShipSchema = z.object({
  orders: selection(
    orderRef
      .extend({
        carrier: z.enum(carriers, { message: "Pick the carrier." }),
        trackingNumber: z.string().trim().min(1, "Enter the tracking number.").max(60),
        // Carrier "other" only: its name and its tracking link with {tracking} (format checked by shipOrder).
        carrierName: optionalText(80),
        trackingUrlTemplate: optionalText(500),
      })
      .superRefine((o, ctx) => {
        if (o.carrier !== "other") return;
        if (!o.carrierName) ctx.addIssue({ code: "custom", path: ["carrierName"], message: "Name the carrier." });
        if (!o.trackingUrlTemplate) {
          ctx.addIssue({ code: "custom", path: ["trackingUrlTemplate"], message: "Give the carrier's tracking link, with {tracking} where the number goes." });
        }
      }),
  ),
});

export type BulkShipInput = z.input<typeof bulkShipSchema>;
