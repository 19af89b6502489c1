import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";
import {
  defaultBranding,
  defaultBusinessCalendar,
  defaultSlaPolicy,
  settingKeys,
  type Branding,
  type BusinessCalendar,
  type SlaPolicy,
} from "./defaults";

export type AllSettings = { businessCalendar: BusinessCalendar; slaPolicy: SlaPolicy; branding: Branding };

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
  };
}
