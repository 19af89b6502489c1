import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";

// design.md "Records": records are kept at least 12 months (SOP 001, 004); the default is 24. The floor is enforced
// here for the setting, in the job's cutoff, and for audit rows by the database trigger (0011_audit_trigger.sql).

export const RETENTION_SETTING_KEY = "retention";
export const DEFAULT_RETENTION_MONTHS = 24;
export const MIN_RETENTION_MONTHS = 12;
export const MAX_RETENTION_MONTHS = 120;

export type RetentionPolicy = { months: number };

export async function readRetentionPolicy(db: Db): Promise<RetentionPolicy> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, RETENTION_SETTING_KEY));
  const months = Number((row?.value as Partial<RetentionPolicy> | undefined)?.months);
  return { months: Number.isInteger(months) ? Math.max(MIN_RETENTION_MONTHS, months) : DEFAULT_RETENTION_MONTHS };
}

/** The instant before which finished records are past retention: `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - Math.max(MIN_RETENTION_MONTHS, months));
  return cutoff;
}
