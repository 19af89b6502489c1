import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";
import { writeAudit, type RequestOrigin } from "@/lib/audit/write-audit";
import { defaultSlaPolicy, notificationStages, settingKeys, type BusinessCalendar, type EscalationPolicy, type NotificationSettings, type SlaPolicy } from "./defaults";
import { UserFacingError } from "@/lib/errors";
import { MIN_RETENTION_MONTHS, RETENTION_SETTING_KEY } from "@/lib/retention/retention-policy";
import { editableClockKinds, type EscalationPolicyInput, type NotificationSettingsInput, type SlaPolicyInput } from "./settings-schemas";

// Settings writes: the new value and its audit row commit together, so the audit log never misses a change and
// never records one that did not happen.

type SettingKey = (typeof settingKeys)[keyof typeof settingKeys] | typeof RETENTION_SETTING_KEY;

async function writeSetting(db: Db, key: SettingKey, value: unknown, actorUserId: string, action: string, origin?: RequestOrigin): Promise<void> {
  await db.transaction(async (tx) => {
    // Lock the row so two concurrent saves each record the value they actually replaced.
    const [previous] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).for("update");
    const now = new Date();
    await tx
      .insert(settings)
      .values({ key, value, updatedAt: now, updatedBy: actorUserId })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, updatedBy: actorUserId } });
    await writeAudit(tx, { actor: { type: "user", userId: actorUserId, ...origin }, action, entityType: "settings", entityId: key, before: previous?.value ?? null, after: value });
  });
}

/**
 * Saves the SLA policy (minutes from the form, stored as seconds). A policy change applies only to clocks
 * opened afterwards: open sla_clocks rows keep the due time they were promised under, so this deliberately
 * does not touch them — re-planning them would silently move deadlines reps are already working to.
 */
export async function updateSlaPolicy(db: Db, { policy, actorUserId, origin }: { policy: SlaPolicyInput; actorUserId: string; origin?: RequestOrigin }): Promise<SlaPolicy> {
  const value: SlaPolicy = { ...defaultSlaPolicy };
  for (const kind of editableClockKinds) {
    value[kind] = { seconds: policy[kind].minutes * 60, timeBase: policy[kind].timeBase };
  }
  // Always the end of the promised delivery day; its allowance is computed per order, never edited.
  value.delivery_promise = defaultSlaPolicy.delivery_promise;
  await writeSetting(db, settingKeys.slaPolicy, value, actorUserId, "settings.sla_policy.update", origin);
  return value;
}

/**
 * Saves the business calendar. Like a policy change, it applies to clocks opened afterwards; open clocks keep
 * their due times.
 */
export async function updateBusinessCalendar(
  db: Db,
  { calendar, actorUserId, origin }: { calendar: BusinessCalendar; actorUserId: string; origin?: RequestOrigin },
): Promise<BusinessCalendar> {
  const value: BusinessCalendar = { timeZone: calendar.timeZone, week: calendar.week, holidays: calendar.holidays };
  await writeSetting(db, settingKeys.businessCalendar, value, actorUserId, "settings.business_calendar.update", origin);
  return value;
}

/**
 * Saves which milestones notify the customer by themselves and the SMS quiet hours. Applies to events from now on:
 * a milestone that already passed in "suggest" mode keeps its open clock for a rep rather than being sent late.
 */
export async function updateNotificationSettings(
  db: Db,
  { settings: input, actorUserId, origin }: { settings: NotificationSettingsInput; actorUserId: string; origin?: RequestOrigin },
): Promise<NotificationSettings> {
  const value: NotificationSettings = {
    stages: Object.fromEntries(notificationStages.map((stage) => [stage, input.stages[stage]])) as NotificationSettings["stages"],
    smsQuietHours: { start: input.smsQuietHours.start, end: input.smsQuietHours.end },
  };
  await writeSetting(db, settingKeys.notifications, value, actorUserId, "settings.notifications.update", origin);
  return value;
}

/** Switches automatic escalation of badly breached clocks on or off. Off stops new ones; raised ones stay. */
export async function updateEscalationPolicy(
  db: Db,
  { policy, actorUserId, origin }: { policy: EscalationPolicyInput; actorUserId: string; origin?: RequestOrigin },
): Promise<EscalationPolicy> {
  const value: EscalationPolicy = { autoEscalateBreached: policy.autoEscalateBreached };
  await writeSetting(db, settingKeys.escalationPolicy, value, actorUserId, "settings.escalation_policy.update", origin);
  return value;
}

/** Saves how many months finished records are kept (≥ 12; lib/retention). Applies from the next retention run. */
export async function updateRetentionPolicy(db: Db, { months, actorUserId, origin }: { months: number; actorUserId: string; origin?: RequestOrigin }): Promise<{ months: number }> {
  if (!Number.isInteger(months) || months < MIN_RETENTION_MONTHS) throw new UserFacingError(`Records are kept at least ${MIN_RETENTION_MONTHS} months.`);
  const value = { months };
  await writeSetting(db, RETENTION_SETTING_KEY, value, actorUserId, "settings.retention.update", origin);
  return value;
}
