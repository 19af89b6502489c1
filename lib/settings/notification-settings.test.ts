import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, settings } from "@/db/schema";
import { makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { fieldErrorsOf } from "@/lib/actions/action";
import { defaultNotificationSettings, notificationStages, settingKeys, type NotificationSettings } from "./defaults";
import { readSettings } from "./read-settings";
import { notificationSettingsSchema } from "./settings-schemas";
import { updateNotificationSettings } from "./update-settings";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

/** The notices form as FormData, every stage and the quiet hours at their defaults, with some fields overridden. */
function noticesForm(overrides: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const stage of notificationStages) form.set(`stages.${stage}`, defaultNotificationSettings.stages[stage]);
  form.set("smsQuietHours.start", defaultNotificationSettings.smsQuietHours.start);
  form.set("smsQuietHours.end", defaultNotificationSettings.smsQuietHours.end);
  for (const [key, value] of Object.entries(overrides)) form.set(key, value);
  return form;
}

function errorsOf(input: unknown) {
  const parsed = notificationSettingsSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe("updateNotificationSettings", () => {
  it("reads the defaults before any save", async () => {
    expect((await readSettings(handle.db)).notifications).toEqual(defaultNotificationSettings);
  });

  it("round-trips through readSettings and audits before and after", async () => {
    const { db } = handle;
    const supervisor = await makeUser(db, { role: "supervisor" });
    const first = notificationSettingsSchema.parse(noticesForm({ "stages.delay": "automatic", "stages.shipped": "suggest", "smsQuietHours.start": "22:30" }));
    await updateNotificationSettings(db, { settings: first, actorUserId: supervisor.id });

    const { notifications } = await readSettings(db);
    expect(notifications.stages).toEqual({ ...defaultNotificationSettings.stages, delay: "automatic", shipped: "suggest" });
    expect(notifications.smsQuietHours).toEqual({ start: "22:30", end: "08:00" });

    const [row] = await db.select().from(settings).where(eq(settings.key, settingKeys.notifications));
    expect(row?.updatedBy).toBe(supervisor.id);

    await updateNotificationSettings(db, { settings: notificationSettingsSchema.parse(noticesForm()), actorUserId: supervisor.id });
    expect((await readSettings(db)).notifications).toEqual(defaultNotificationSettings);

    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, settingKeys.notifications)).orderBy(asc(auditLog.id));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actorType: "user",
      actorUserId: supervisor.id,
      action: "settings.notifications.update",
      entityType: "settings",
      before: null,
      after: notifications,
    });
    expect(audits[1]).toMatchObject({ before: notifications, after: defaultNotificationSettings });
  });

  it("keeps only the known stages, so a stray field never reaches the stored setting", async () => {
    const supervisor = await makeUser(handle.db, { role: "supervisor" });
    const parsed = notificationSettingsSchema.parse(noticesForm({ "stages.refund_issued": "automatic" }));
    const saved = await updateNotificationSettings(handle.db, { settings: parsed, actorUserId: supervisor.id });
    expect(Object.keys(saved.stages).sort()).toEqual([...notificationStages].sort());
    const [row] = await handle.db.select().from(settings).where(eq(settings.key, settingKeys.notifications));
    expect(Object.keys((row!.value as NotificationSettings).stages)).not.toContain("refund_issued");
  });
});

describe("notificationSettingsSchema", () => {
  it.each(["24:00", "25:00", "9pm", "", "21:60", "21:00:00"])("refuses %j as the quiet hours start, with a message", (start) => {
    const errors = errorsOf(noticesForm({ "smsQuietHours.start": start }));
    expect(errors["smsQuietHours.start"]).toEqual(["Quiet hours start: enter a time of day from 00:00 to 23:59, e.g. 21:00"]);
    expect(Object.keys(errors)).toEqual(["smsQuietHours.start"]);
  });

  it("refuses a missing end time and an unknown mode, naming the field", () => {
    const form = noticesForm({ "stages.delay": "sometimes" });
    form.delete("smsQuietHours.end");
    const errors = errorsOf(form);
    expect(errors["smsQuietHours.end"]?.[0]).toMatch(/^Quiet hours end: /);
    expect(errors["stages.delay"]).toEqual(['Delay: choose "Send automatically" or "Suggest to a rep"']);
  });

  it("accepts the limits, a one-digit hour, and equal times (no quiet hours)", () => {
    expect(notificationSettingsSchema.parse(noticesForm({ "smsQuietHours.start": "00:00", "smsQuietHours.end": "23:59" })).smsQuietHours).toEqual({
      start: "00:00",
      end: "23:59",
    });
    expect(notificationSettingsSchema.parse(noticesForm({ "smsQuietHours.end": "8:00" })).smsQuietHours.end).toBe("08:00");
    expect(notificationSettingsSchema.parse(noticesForm({ "smsQuietHours.start": "07:00", "smsQuietHours.end": "07:00" })).smsQuietHours).toEqual({
      start: "07:00",
      end: "07:00",
    });
  });

  it("parses the flat entries the action receives", () => {
    const entries = Object.fromEntries(noticesForm({ "stages.confirmation": "suggest" }));
    expect(notificationSettingsSchema.parse(entries).stages.confirmation).toBe("suggest");
  });
});
