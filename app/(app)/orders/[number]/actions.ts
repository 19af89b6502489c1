"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { addOrderNote } from "@/lib/orders/add-note";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { addNoteSchema, changeStatusSchema, confirmOrderSchema } from "@/lib/orders/order-action-schemas";

const staff = ["rep", "fulfillment", "supervisor"] as const;

export const confirmOrder = defineAction(staff, confirmOrderSchema, async (input, { db, user }) => {
  const order = await changeOrderStatus(db, {
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    to: "confirmed",
    promisedDeliveryDate: input.promisedDeliveryDate,
    reason: "Verified: details, items, payment, stock, address",
    actor: { type: "user", userId: user.id },
  });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});

export const changeStatus = defineAction(staff, changeStatusSchema, async (input, { db, user }) => {
  const order = await changeOrderStatus(db, {
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    to: input.to,
    reason: input.reason ?? null,
    holdReason: input.holdReason ?? null,
    actor: { type: "user", userId: user.id },
  });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});

export const addNote = defineAction(staff, addNoteSchema, async (input, { db, user }) => {
  await addOrderNote(db, { orderId: input.orderId, body: input.body, userId: user.id });
  revalidatePath("/orders/[number]", "page");
});
