import { z } from "zod";
import { carriers, untrackedReasons } from "@/db/schema";

// What a person types to ship an order or to set its tracking later: shared by the order page's dialog, the board's
// bulk ship dialog and their actions. The formats themselves are checked by lib/orders/ship-order.ts.

// Empty form fields arrive as "": treat them as not given.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .optional()
    .nullable()
    .transform((s) => s || undefined);

const trackingObject = z.object({
  carrier: z.enum(carriers, { message: "Pick the carrier." }),
  trackingNumber: z.string().trim().min(1, "Enter the tracking number.").max(60, "Tracking numbers are at most 60 characters."),
  // Carrier "other" only: its name and its tracking link with {tracking}.
  carrierName: optionalText(80),
  trackingUrlTemplate: optionalText(500),
});

function otherCarrierNeeds(o: { carrier: string; carrierName?: string; trackingUrlTemplate?: string }, ctx: z.RefinementCtx) {
  if (o.carrier !== "other") return;
  if (!o.carrierName) ctx.addIssue({ code: "custom", path: ["carrierName"], message: "Name the carrier." });
  if (!o.trackingUrlTemplate) ctx.addIssue({ code: "custom", path: ["trackingUrlTemplate"], message: "Give the carrier's tracking link, with {tracking} where the number goes." });
}

/** A carrier and tracking number (with the name and link of an "other" carrier). */
export const trackingSchema = trackingObject.superRefine(otherCarrierNeeds);

const untrackedObject = z.object({
  untrackedReason: z.enum(untrackedReasons, { message: "Say why it ships without a tracking number." }),
  untrackedNote: optionalText(200),
});

/**
 * Tracked (carrier + number) or untracked (a reason, and a note that "other" needs): what shipping asks for, with any
 * other fields the caller needs beside it (an order reference).
 */
export function shipmentWith<Extra extends z.ZodRawShape>(extra: Extra) {
  return z
    .discriminatedUnion("mode", [trackingObject.extend({ mode: z.literal("tracked"), ...extra }), untrackedObject.extend({ mode: z.literal("untracked"), ...extra })], {
      message: "Choose whether it ships with a tracking number.",
    })
    .superRefine((row, ctx) => {
      const s = row as unknown as Shipment;
      if (s.mode === "tracked") otherCarrierNeeds(s, ctx);
      else if (s.untrackedReason === "other" && !s.untrackedNote) ctx.addIssue({ code: "custom", path: ["untrackedNote"], message: "Say how the order travels." });
    });
}

export const shipmentSchema = shipmentWith({});

type TrackedShipment = z.output<typeof trackingObject> & { mode: "tracked" };
type UntrackedShipment = z.output<typeof untrackedObject> & { mode: "untracked" };
export type Shipment = TrackedShipment | UntrackedShipment;

/** The shipment as lib/orders/ship-order.ts takes it. */
export function shipmentFields(s: Shipment) {
  return s.mode === "tracked"
    ? { carrier: s.carrier, trackingNumber: s.trackingNumber, carrierName: s.carrierName, trackingUrlTemplate: s.trackingUrlTemplate }
    : { untracked: { reason: s.untrackedReason, note: s.untrackedNote } };
}
