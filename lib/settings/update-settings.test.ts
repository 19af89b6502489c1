import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, settings } from "@/db/schema";
import { makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { fieldErrorsOf } from "@/lib/actions/action";
import { defaultBusinessCalendar, defaultSlaPolicy, settingKeys } from "./defaults";
import { readSettings } from "./read-settings";
import { businessCalendarSchema, editableClockKinds, slaPolicySchema } from "./settings-schemas";
import { updateBusinessCalendar, updateSlaPolicy } from "./update-settings";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

/** The policy form as FormData, every clock at its default, with some fields overridden. */
function policyForm(overrides: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const kind of editableClockKinds) {
    form.set(`${kind}.minutes`, String(defaultSlaPolicy[kind].seconds / 60));
    form.set(`${kind}.timeBase`, defaultSlaPolicy[kind].timeBase);
  }
  for (const [key, value] of Object.entries(overrides)) form.set(key, value);
  return form;
}

const week = { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-17:00", sat: "", sun: "" };

/** The calendar form as flat entries (what defineAction hands the schema), with some fields overridden. */
function calendarForm(overrides: Record<string, string> = {}): Record<string, string> {
  const entries: Record<string, string> = { timeZone: "Europe/Berlin", holidays: "2026-12-25 Christmas Day" };
  for (const [day, hours] of Object.entries(week)) entries[`week.${day}`] = hours;
  return { ...entries, ...overrides };
}

function errorsOf(schema: typeof slaPolicySchema | typeof businessCalendarSchema, input: unknown) {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe("updateSlaPolicy", () => {
  it("stores the policy in seconds, keeps the delivery promise, and audits before and after", async () => {
    const { db } = handle;
    const supervisor = await makeUser(db, { role: "supervisor" });
    const first = slaPolicySchema.parse(policyForm({ "confirmation.minutes": "90", "inquiry_ack.timeBase": "business" }));
    await updateSlaPolicy(db, { policy: first, actorUserId: supervisor.id });

    const { slaPolicy } = await readSettings(db);
    expect(slaPolicy.confirmation).toEqual({ seconds: 5400, timeBase: "business" });
    expect(slaPolicy.inquiry_ack).toEqual({ seconds: 86_400, timeBase: "business" });
    expect(slaPolicy.delivery_promise).toEqual(defaultSlaPolicy.delivery_promise);

    const second = slaPolicySchema.parse(policyForm({ "confirmation.minutes": "30" }));
    await updateSlaPolicy(db, { policy: second, actorUserId: supervisor.id });
    expect((await readSettings(db)).slaPolicy.confirmation.seconds).toBe(1800);

    const [row] = await db.select().from(settings).where(eq(settings.key, settingKeys.slaPolicy));
    expect(row?.updatedBy).toBe(supervisor.id);

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "settings"), eq(auditLog.entityId, settingKeys.slaPolicy)))
      .orderBy(asc(auditLog.id));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorType: "user", actorUserId: supervisor.id, action: "settings.sla_policy.update", before: null });
    expect((audits[0]!.after as typeof slaPolicy).confirmation.seconds).toBe(5400);
    expect((audits[1]!.before as typeof slaPolicy).confirmation.seconds).toBe(5400);
    expect((audits[1]!.after as typeof slaPolicy).confirmation.seconds).toBe(1800);
  });
});

describe("updateBusinessCalendar", () => {
  it("stores the parsed calendar and audits before and after", async () => {
    const { db } = handle;
    const admin = await makeUser(db, { role: "admin" });
    const calendar = businessCalendarSchema.parse(
      calendarForm({ "week.mon": "13:00-17:00, 9:00-12:00", "week.sat": "10:00-24:00", holidays: "2026-12-26 Boxing Day\n\n2026-12-25 Christmas Day" }),
    );
    await updateBusinessCalendar(db, { calendar, actorUserId: admin.id });

    const { businessCalendar } = await readSettings(db);
    expect(businessCalendar.timeZone).toBe("Europe/Berlin");
    expect(businessCalendar.week.mon).toEqual([
      { open: "09:00", close: "12:00" },
      { open: "13:00", close: "17:00" },
    ]);
    expect(businessCalendar.week.sat).toEqual([{ open: "10:00", close: "24:00" }]);
    expect(businessCalendar.week.sun).toEqual([]);
    expect(businessCalendar.holidays).toEqual([
      { date: "2026-12-25", name: "Christmas Day" },
      { date: "2026-12-26", name: "Boxing Day" },
    ]);

    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, settingKeys.businessCalendar));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: "user",
      actorUserId: admin.id,
      action: "settings.business_calendar.update",
      entityType: "settings",
      before: null,
      after: businessCalendar,
    });

    await updateBusinessCalendar(db, { calendar: defaultBusinessCalendar, actorUserId: admin.id });
    expect((await readSettings(db)).businessCalendar).toEqual(defaultBusinessCalendar);
    const [, second] = await db.select().from(auditLog).where(eq(auditLog.entityId, settingKeys.businessCalendar)).orderBy(asc(auditLog.id));
    expect(second).toMatchObject({ before: businessCalendar, after: defaultBusinessCalendar });
  });
});

describe("slaPolicySchema", () => {
  it.each(["0", "50000", "abc", "", "1.5"])("rejects %j minutes with a message naming the clock", (minutes) => {
    const errors = errorsOf(slaPolicySchema, policyForm({ "confirmation.minutes": minutes }));
    expect(errors["confirmation.minutes"]).toEqual(["Confirmation: enter a whole number of minutes between 1 and 43,200"]);
    expect(Object.keys(errors)).toEqual(["confirmation.minutes"]);
  });

  it("rejects an unknown time base and accepts the limits", () => {
    const errors = errorsOf(slaPolicySchema, policyForm({ "escalation_response.timeBase": "lunar" }));
    expect(errors["escalation_response.timeBase"]?.[0]).toMatch(/^Escalation response: /);
    const parsed = slaPolicySchema.parse(policyForm({ "confirmation.minutes": "1", "request_outcome.minutes": "43200" }));
    expect(parsed.confirmation.minutes).toBe(1);
    expect(parsed.request_outcome.minutes).toBe(43_200);
    expect("delivery_promise" in parsed).toBe(false);
  });
});

describe("businessCalendarSchema", () => {
  it("rejects a zone that is not IANA", () => {
    expect(errorsOf(businessCalendarSchema, calendarForm({ timeZone: "Mars/Olympus_Mons" })).timeZone?.[0]).toMatch(/^Time zone: /);
    expect(errorsOf(businessCalendarSchema, calendarForm({ timeZone: "+02:00" })).timeZone?.[0]).toMatch(/^Time zone: /);
  });

  it("rejects overlapping intervals on one day", () => {
    const errors = errorsOf(businessCalendarSchema, calendarForm({ "week.tue": "09:00-12:00, 11:30-17:00" }));
    expect(errors["week.tue"]).toEqual(["Tuesday: 09:00-12:00 and 11:30-17:00 overlap"]);
  });

  it("accepts intervals that only touch (half-open)", () => {
    expect(businessCalendarSchema.parse(calendarForm({ "week.tue": "09:00-12:00, 12:00-17:00" })).week.tue).toHaveLength(2);
  });

  it("rejects 25:00 and malformed or backwards intervals", () => {
    expect(errorsOf(businessCalendarSchema, calendarForm({ "week.wed": "09:00-25:00" }))["week.wed"]?.[0]).toMatch(/^Wednesday: 25:00 /);
    expect(errorsOf(businessCalendarSchema, calendarForm({ "week.wed": "25:00-26:00" }))["week.wed"]?.[0]).toMatch(/^Wednesday: 25:00 /);
    expect(errorsOf(businessCalendarSchema, calendarForm({ "week.wed": "9 to 5" }))["week.wed"]?.[0]).toMatch(/^Wednesday: /);
    expect(errorsOf(businessCalendarSchema, calendarForm({ "week.wed": "17:00-09:00" }))["week.wed"]?.[0]).toMatch(/^Wednesday: /);
  });

  it("rejects a week with no opening hours", () => {
    const closed = Object.fromEntries(Object.keys(week).map((day) => [`week.${day}`, ""]));
    const errors = errorsOf(businessCalendarSchema, calendarForm(closed));
    expect(errors.week?.[0]).toMatch(/^Opening hours: /);
  });

  it("rejects a bad holiday date, a missing name and a duplicate date", () => {
    const bad = errorsOf(businessCalendarSchema, calendarForm({ holidays: "2026-12-25 Christmas\n2026-02-30 Nonsense" }));
    expect(bad.holidays?.[0]).toMatch(/^Holidays, line 2: "2026-02-30" is not a date/);
    const unnamed = errorsOf(businessCalendarSchema, calendarForm({ holidays: "2026-12-25" }));
    expect(unnamed.holidays?.[0]).toMatch(/^Holidays, line 1: /);
    const twice = errorsOf(businessCalendarSchema, calendarForm({ holidays: "2026-12-25 Christmas\n2026-12-25 Xmas" }));
    expect(twice.holidays).toEqual(["Holidays, line 2: 2026-12-25 is already listed on line 1"]);
  });

  it("parses FormData directly, as the action receives it", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(calendarForm())) form.set(key, value);
    expect(businessCalendarSchema.parse(form).week.fri).toEqual([{ open: "09:00", close: "17:00" }]);
  });
});
