import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders, proofsOfDelivery, users, type Order, type ProofOfDelivery } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { detectImageType, UnreadableImageError, type ImageType } from "@/lib/storage/image-type";
import { stripImageMetadata } from "@/lib/storage/strip-image-metadata";
import type { FileStorage } from "@/lib/storage/file-storage";
import { changeOrderStatus } from "./change-status";
import { lockOrder, nextVersion } from "./order-lock";
import { MAX_PHOTO_BYTES, photoSizeMessage, photoTypeMessage, photoUnreadableMessage, proofStatuses, RECIPIENT_MAX } from "./proof-of-delivery-schema";
import { log } from "@/lib/log";

export type RecordProofOfDeliveryInput = {
  orderId: string;
  expectedVersion?: number;
  recipientName: string;
  receivedAt: Date;
  /** contentType is what the client claimed; the stored type comes from the bytes. */
  photo?: { bytes: Uint8Array; contentType: string };
  actor: Actor;
  storage: FileStorage;
  at?: Date;
};

// Device clocks and the form's minute precision drift a little; a receipt "in the future" beyond that is a typo.
const FUTURE_SKEW_MS = 5 * 60_000;

type CheckedPhoto = { type: ImageType; bytes: Uint8Array };

function checkInput(input: RecordProofOfDeliveryInput, at: Date): { recipientName: string; photo: CheckedPhoto | null } {
  const recipientName = input.recipientName.trim();
  if (!recipientName) throw new UserFacingError("Enter who received the parcel.");
  if (recipientName.length > RECIPIENT_MAX) throw new UserFacingError(`Keep the name under ${RECIPIENT_MAX} characters.`);
  if (Number.isNaN(input.receivedAt.getTime())) throw new UserFacingError("Enter the date and time it was received.");
  if (input.receivedAt.getTime() > at.getTime() + FUTURE_SKEW_MS) throw new UserFacingError("The time received is in the future.");
  if (!input.photo) return { recipientName, photo: null };
  if (input.photo.bytes.byteLength > MAX_PHOTO_BYTES) throw new UserFacingError(photoSizeMessage);
  const type = detectImageType(input.photo.bytes);
  if (!type) throw new UserFacingError(photoTypeMessage);
  return { recipientName, photo: { type, bytes: withoutMetadata(input.photo.bytes, type) } };
}

// A phone's photo says where it was taken, usually the customer's doorstep, and who holds the file can read it.
// Orderline needs the picture only, so the location and all other metadata go before the file is stored
// (docs/security.md "Proof-of-delivery photos"; kept nowhere, not even behind a setting: docs/decisions.md).
function withoutMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  try {
    return stripImageMetadata(bytes, type.contentType);
  } catch (error) {
    if (error instanceof UnreadableImageError) throw new UserFacingError(photoUnreadableMessage);
    throw error;
  }
}

/**
 * Records who received the parcel and when (SOP 004), with an optional photo, and moves the order to delivered at
 * that time if it is not there yet — so the delivery clocks run from the real receipt. A second recording replaces
 * the first; both stay on the timeline as events. The photo is stored before the transaction (a file write cannot
 * join it) and removed again if the transaction fails; the photo it replaces is removed only after commit.
 */
export async function recordProofOfDelivery(db: Db, input: RecordProofOfDeliveryInput): Promise<{ order: Order; proof: ProofOfDelivery }> {
  const at = input.at ?? new Date();
  const { recipientName, photo } = checkInput(input, at);
  const photoKey = photo ? `pod/${input.orderId}/${randomUUID()}.${photo.type.extension}` : null;
  if (photo && photoKey) await input.storage.put(photoKey, photo.bytes, photo.type.contentType);

  let outcome: { order: Order; proof: ProofOfDelivery; replacedKey: string | null };
  try {
    outcome = await db.transaction(async (tx) => {
      const order = await lockOrder(tx, input.orderId, input.expectedVersion);
      if (!(proofStatuses as readonly string[]).includes(order.status)) {
        throw new UserFacingError(`Proof of delivery is recorded once an order has shipped (this one is ${order.status.replaceAll("_", " ")}).`);
      }
      const receivedAt = receivedAtAfterShipping(input.receivedAt, order.shippedAt);

      const [previous] = await tx.select({ photoKey: proofsOfDelivery.photoKey }).from(proofsOfDelivery).where(eq(proofsOfDelivery.orderId, order.id));
      const values = {
        recipientName,
        receivedAt,
        photoKey,
        photoContentType: photo?.type.contentType ?? null,
        photoBytes: photo ? photo.bytes.byteLength : null,
        ...actorColumns(input.actor),
        createdAt: at,
      };
      const [proof] = await tx
        .insert(proofsOfDelivery)
        .values({ orderId: order.id, ...values })
        .onConflictDoUpdate({ target: proofsOfDelivery.orderId, set: values })
        .returning();
      await tx.insert(orderEvents).values({
        orderId: order.id,
        type: "proof_of_delivery",
        data: { recipientName, receivedAt: receivedAt.toISOString(), photo: photoKey !== null, ...(previous ? { replaced: true } : {}) },
        createdAt: at,
        ...actorColumns(input.actor),
      });
      const [bumped] = await tx.update(orders).set({ version: nextVersion() }).where(eq(orders.id, order.id)).returning();
      // lifecycle.ts lets carriers skip from any shipped step straight to delivered, so one move is enough.
      const final = order.status === "delivered" ? bumped! : await changeOrderStatus(tx, { orderId: order.id, to: "delivered", actor: input.actor, at: receivedAt });
      return { order: final, proof: proof!, replacedKey: previous?.photoKey ?? null };
    });
  } catch (error) {
    if (photoKey) await removeQuietly(input.storage, photoKey);
    throw error;
  }
  if (outcome.replacedKey && outcome.replacedKey !== photoKey) await removeQuietly(input.storage, outcome.replacedKey);
  return { order: outcome.order, proof: outcome.proof };
}

/**
 * The time received, which cannot precede shipping. The form has minute precision, so a receipt typed in the
 * minute the order shipped counts as at shipping rather than a few seconds before it.
 */
function receivedAtAfterShipping(receivedAt: Date, shippedAt: Date | null): Date {
  if (!shippedAt || receivedAt >= shippedAt) return receivedAt;
  const shippedMinute = Math.floor(shippedAt.getTime() / 60_000) * 60_000;
  if (receivedAt.getTime() >= shippedMinute) return shippedAt;
  throw new UserFacingError("The time received is before the order shipped.");
}

// A leftover file costs disk space, not correctness: the recording stands (or was refused) either way.
async function removeQuietly(storage: FileStorage, key: string) {
  try {
    await storage.delete(key);
  } catch (error) {
    log.warn("could not delete stored file", { key, error });
  }
}

export type ProofOfDeliveryView = ProofOfDelivery & { recordedByName: string | null };

/** The order's proof of delivery with the name of whoever recorded it, or null. */
export async function getProofOfDelivery(db: Db, orderId: string): Promise<ProofOfDeliveryView | null> {
  const [row] = await db
    .select({ proof: proofsOfDelivery, recordedByName: users.name })
    .from(proofsOfDelivery)
    .leftJoin(users, eq(users.id, proofsOfDelivery.actorUserId))
    .where(eq(proofsOfDelivery.orderId, orderId));
  return row ? { ...row.proof, recordedByName: row.recordedByName } : null;
}
