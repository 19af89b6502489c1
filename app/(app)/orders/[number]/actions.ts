"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestActor } from "@/lib/audit/request-actor";
import { addOrderNote } from "@/lib/orders/add-note";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { openException, resolveException } from "@/lib/orders/exceptions";
import {
  addNoteSchema,
  changeStatusSchema,
  confirmOrderSchema,
  correctAddressSchema,
  correctItemsSchema,
  flagExceptionSchema,
  resolveExceptionSchema,
  setTrackingSchema,
  shipOrderSchema,
} from "@/lib/orders/order-action-schemas";
import { setTracking, shipOrder } from "@/lib/orders/ship-order";
import { shipmentFields } from "@/lib/orders/ship-schemas";
import { orderCorrectionRoles } from "@/lib/auth/access";
import { correctItems, correctShippingAddress } from "@/lib/orders/correct-order";

const staff = ["rep", "fulfillment", "supervisor"] as const;

export const confirmOrder = defineAction(staff, confirmOrderSchema, async (input, { db, user }) => {
  const order = await changeOrderStatus(db, {
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    to: "confirmed",
    promisedDeliveryDate: input.promisedDeliveryDate,
    reason: "Verified: details, items, payment, stock, address",
    actor: await requestActor(user),
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
    actor: await requestActor(user),
  });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});

export const shipOrderAction = defineAction(staff, shipOrderSchema, async (input, { db, user }) => {
  const order = await shipOrder(db, { orderId: input.orderId, expectedVersion: input.expectedVersion, ...shipmentFields(input), actor: await requestActor(user) });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});

export const setTrackingAction = defineAction(staff, setTrackingSchema, async (input, { db, user }) => {
  const order = await setTracking(db, {
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    carrier: input.carrier,
    trackingNumber: input.trackingNumber,
    carrierName: input.carrierName,
    trackingUrlTemplate: input.trackingUrlTemplate,
    actor: await requestActor(user),
  });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});

export const addNote = defineAction(staff, addNoteSchema, async (input, { db, user }) => {
  await addOrderNote(db, { orderId: input.orderId, body: input.body, userId: user.id });
  revalidatePath("/orders/[number]", "page");
});

export const flagException = defineAction(staff, flagExceptionSchema, async (input, { db, user }) => {
  await openException(db, {
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    kind: input.kind,
    explanation: input.explanation,
    revisedEta: input.revisedEta ?? null,
    actor: await requestActor(user),
  });
  revalidatePath("/orders/[number]", "page");
});

export const resolveExceptionAction = defineAction(staff, resolveExceptionSchema, async (input, { db, user }) => {
  await resolveException(db, { exceptionId: input.exceptionId, expectedVersion: input.expectedVersion, resolution: input.resolution, actor: await requestActor(user) });
  revalidatePath("/orders/[number]", "page");
});

export const correctAddress = defineAction(orderCorrectionRoles, correctAddressSchema, async (input, { db, user }) => {
  const order = await correctShippingAddress(db, { ...input, actor: await requestActor(user) });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});

export const correctOrderItems = defineAction(orderCorrectionRoles, correctItemsSchema, async (input, { db, user }) => {
  const order = await correctItems(db, { ...input, actor: await requestActor(user) });
  revalidatePath(`/orders/${order.number}`);
  return { version: order.version };
});
