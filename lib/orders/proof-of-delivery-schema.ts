import { z } from "zod";
import type { OrderStatus, Role } from "@/db/schema";
import { isValidTimeZone } from "@/lib/format";
import { instantOfWallClock, wallClockMs } from "@/lib/sla/zoned-time";
import { isSaneInstant } from "@/lib/security/date-schemas";

// Shared by the proof-of-delivery form (board and order page), its server action and the domain function.

/** design.md "People and roles": fulfillment records proof of delivery; supervisors work the board too. Reps do not. */
export const proofRecorderRoles = ["fulfillment", "supervisor"] as const satisfies readonly Role[];

/** Once it has left the warehouse an order can be received; recording on a delivered order corrects the proof. */
export const proofStatuses = ["shipped", "in_transit", "out_for_delivery", "delivered"] as const satisfies readonly OrderStatus[];

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic";
export const photoTypeMessage = "The photo must be a JPEG, PNG, WebP or HEIC image.";
export const photoSizeMessage = "The photo is larger than 8 MB.";
export const photoUnreadableMessage = "The photo could not be read: the file looks damaged. Take or export it again.";
export const RECIPIENT_MAX = 120;

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "YYYY-MM-DDTHH:MM" (a datetime-local value) read as a wall time, as UTC milliseconds; null if not a real time. */
export function parseLocalDateTime(value: string): number | null {
  const m = localDateTime.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Read as UTC, so the zone's offset still moves it by hours; the years are what matter (docs/decisions.md).
  if (!isSaneInstant(ms)) return null;
  return ms;
}

/** The current wall time in a zone as a datetime-local value, for the form's default. */
export function localDateTimeNow(timeZone: string, now = Date.now()): string {
  return new Date(wallClockMs(timeZone, now)).toISOString().slice(0, 16);
}

// An empty file input still submits an empty File: that means "no photo".
const optionalPhoto = z
  .union([z.instanceof(File), z.literal(""), z.undefined(), z.null()])
  .transform((file) => (file instanceof File && file.size > 0 ? file : undefined))
  .refine((file) => !file || file.size <= MAX_PHOTO_BYTES, photoSizeMessage);

export const recordProofSchema = z
  .object({
    orderId: z.string().uuid("This order reference is not valid."),
    expectedVersion: z.coerce.number().int().positive(),
    recipientName: z.string().trim().min(1, "Enter who received the parcel.").max(RECIPIENT_MAX, `Keep the name under ${RECIPIENT_MAX} characters.`),
    receivedAt: z.string().refine((v) => parseLocalDateTime(v) !== null, "Enter the date and time it was received."),
    // The zone the form showed its time in: the wall time is read in it, so what the user saw is what is stored.
    timeZone: z.string().refine((zone) => isValidTimeZone(zone), "Unknown time zone."),
    photo: optionalPhoto.optional(),
  })
  .transform(({ receivedAt, timeZone, ...rest }) => ({
    ...rest,
    receivedAt: new Date(instantOfWallClock(timeZone, parseLocalDateTime(receivedAt)!)),
  }));

export type RecordProofInput = z.input<typeof recordProofSchema>;
