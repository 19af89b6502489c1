import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";
import {
  defaultBranding,
  defaultBusinessCalendar,
  defaultEscalationPolicy,
  defaultNotificationSettings,
  defaultSlaPolicy,
  settingKeys,
  type Branding,
  type BusinessCalendar,
  type EscalationPolicy,
  type NotificationSettings,
  type SlaPolicy,
} from "./defaults";

export type AllSettings = {
  businessCalendar: BusinessCalendar;
  slaPolicy: SlaPolicy;
  branding: Branding;
  notifications: NotificationSettings;
  escalationPolicy: EscalationPolicy;
};

/** The stored settings, each falling back to its design.md default when it was never saved. */
export async function readSettings(db: Db): Promise<AllSettings> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, Object.values(settingKeys)));
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    businessCalendar: (byKey.get(settingKeys.businessCalendar) as BusinessCalendar | undefined) ?? defaultBusinessCalendar,
    slaPolicy: { ...defaultSlaPolicy, ...((byKey.get(settingKeys.slaPolicy) as Partial<SlaPolicy> | undefined) ?? {}) },
    branding: (byKey.get(settingKeys.branding) as Branding | undefined) ?? defaultBranding,
    notifications: mergeNotificationSettings(byKey.get(settingKeys.notifications) as Partial<NotificationSettings> | undefined),
    escalationPolicy: { ...defaultEscalationPolicy, ...((byKey.get(settingKeys.escalationPolicy) as Partial<EscalationPolicy> | undefined) ?? {}) },
  };
}

// A stage added after the setting was saved takes its default rather than vanishing.
function mergeNotificationSettings(stored: Partial<NotificationSettings> | undefined): NotificationSettings {
  return {
    stages: { ...defaultNotificationSettings.stages, ...(stored?.stages ?? {}) },
    smsQuietHours: stored?.smsQuietHours ?? defaultNotificationSettings.smsQuietHours,
  };
}
