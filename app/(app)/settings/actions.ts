"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { businessCalendarSchema, slaPolicySchema } from "@/lib/settings/settings-schemas";
import { updateBusinessCalendar, updateSlaPolicy } from "@/lib/settings/update-settings";

// SLA policies belong to supervisors (they answer for the queue); the business calendar to admins.

export const saveSlaPolicy = defineAction(["supervisor"], slaPolicySchema, async (policy, { db, user }) => {
  await updateSlaPolicy(db, { policy, actorUserId: user.id });
  revalidatePath("/settings");
});

export const saveBusinessCalendar = defineAction(["admin"], businessCalendarSchema, async (calendar, { db, user }) => {
  await updateBusinessCalendar(db, { calendar, actorUserId: user.id });
  revalidatePath("/settings");
});
