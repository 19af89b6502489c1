"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { recordProofOfDelivery } from "@/lib/orders/proof-of-delivery";
import { proofRecorderRoles, recordProofSchema } from "@/lib/orders/proof-of-delivery-schema";
import { getFileStorage } from "@/lib/storage/file-storage";

// Sent as FormData (it carries the photo); next.config.ts raises the server-action body limit to fit 8 MB.
export const recordProofOfDeliveryAction = defineAction(proofRecorderRoles, recordProofSchema, async (input, { db, user }) => {
  const photo = input.photo ? { bytes: new Uint8Array(await input.photo.arrayBuffer()), contentType: input.photo.type } : undefined;
  const { order } = await recordProofOfDelivery(db, {
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    recipientName: input.recipientName,
    receivedAt: input.receivedAt,
    photo,
    actor: { type: "user", userId: user.id },
    storage: getFileStorage(),
  });
  revalidatePath("/fulfillment");
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});
