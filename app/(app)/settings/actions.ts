"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestOrigin } from "@/lib/audit/request-actor";
import { businessCalendarSchema, escalationPolicySchema, notificationSettingsSchema, slaPolicySchema } from "@/lib/settings/settings-schemas";
import { updateBusinessCalendar, updateEscalationPolicy, updateNotificationSettings, updateSlaPolicy } from "@/lib/settings/update-settings";

// SLA policies and customer-notice settings belong to supervisors (they answer for the queue and for what the
// customer hears, design.md "People and roles"); the business calendar to admins.

export const saveSlaPolicy = defineAction(["supervisor"], slaPolicySchema, async (policy, { db, user }) => {
  await updateSlaPolicy(db, { policy, actorUserId: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});

export const saveBusinessCalendar = defineAction(["admin"], businessCalendarSchema, async (calendar, { db, user }) => {
  await updateBusinessCalendar(db, { calendar, actorUserId: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});

export const saveNotificationSettings = defineAction(["supervisor"], notificationSettingsSchema, async (settings, { db, user }) => {
  await updateNotificationSettings(db, { settings, actorUserId: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});

export const saveEscalationPolicy = defineAction(["supervisor"], escalationPolicySchema, async (policy, { db, user }) => {
  await updateEscalationPolicy(db, { policy, actorUserId: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});
