"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { screens } from "@/lib/auth/access";
import { enterPhoneOrder } from "@/lib/orders/phone-order";
import { phoneOrderSchema } from "@/lib/orders/phone-order-schema";

// The form navigates to the new order itself: redirect() inside an action throws, and defineAction would report
// that as a failure.
export const createPhoneOrder = defineAction(screens.phoneOrder.roles, phoneOrderSchema, async (order, { db, user }) => {
  const created = await enterPhoneOrder(db, { order, userId: user.id });
  revalidatePath("/orders");
  revalidatePath("/queue");
  return { number: created.number };
});
