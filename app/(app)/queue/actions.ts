"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { assignOrderToUser, releaseOrder } from "@/lib/orders/assign-order";

const orderRef = z.object({ orderId: z.string().uuid("Pick an order from the queue.") });

export const assignToMe = defineAction(["rep", "supervisor"], orderRef, async ({ orderId }, { db, user }) => {
  await assignOrderToUser(db, { orderId, userId: user.id });
  revalidatePath("/queue");
});

export const releaseAssignment = defineAction(["rep", "supervisor"], orderRef, async ({ orderId }, { db, user }) => {
  await releaseOrder(db, { orderId, userId: user.id, isSupervisor: user.role === "supervisor" });
  revalidatePath("/queue");
});
