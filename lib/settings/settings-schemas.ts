import { z } from "zod";
import { clockKinds, timeBases, type ClockKind } from "@/db/schema/enums";
import { humanize } from "@/lib/format";
import { validateInterval } from "@/lib/sla/business-time";
import { notificationStages, type BusinessCalendar, type NotificationStage, type OpeningInterval, type SlaPolicy, type StageMode, type Weekday } from "./defaults";
import { isSaneDate } from "@/lib/security/date-schemas";

// The settings forms and their server actions validate with these same schemas. Form values arrive as flat
// FormData entries ("confirmation.minutes", "week.mon"); nestFormValues turns them into the nested shape, and
// every message names its field so it reads well next to the control and in a form-level summary. Every field is
// required: a payload missing one is refused, never read as "off", "closed" or "none" (the forms always send each
// field, an empty text box as "").

/** 30 days: longer allowances are not SLA clocks but reminders. */
export const MAX_POLICY_MINUTES = 43_200;

/** delivery_promise is not editable: it is always due at the end of the promised delivery day. */
export type EditableClockKind = Exclude<ClockKind, "delivery_promise">;
export const editableClockKinds = clockKinds.filter((k): k is EditableClockKind => k !== "delivery_promise");

export const weekdays: readonly { id: Weekday; label: string }[] = [
  { id: "mon", label: "Monday" },
  { id: "tue", label: "Tuesday" },
  { id: "wed", label: "Wednesday" },
  { id: "thu", label: "Thursday" },
  { id: "fri", label: "Friday" },
  { id: "sat", label: "Saturday" },
  { id: "sun", label: "Sunday" },
];

const unsafeKeys = new Set(["__proto__", "constructor", "prototype"]);

/** Flat form entries ({ "a.b": v }) as a nested object ({ a: { b: v } }); anything else passes through. */
export function nestFormValues(raw: unknown): unknown {
  const entries = raw instanceof FormData ? Object.fromEntries(raw) : raw;
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) return entries;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) {
    const path = key.split(".");
    if (path.some((p) => unsafeKeys.has(p) || p === "")) continue;
    let node = out;
    for (const segment of path.slice(0, -1)) {
      const child = node[segment];
      node = (node[segment] = typeof child === "object" && child !== null ? child : {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/* ---- SLA policy ------------------------------------------------------------------------------------------- */

function clockPolicySchema(kind: EditableClockKind) {
  const label = humanize(kind);
  const minutes = `${label}: enter a whole number of minutes between 1 and ${MAX_POLICY_MINUTES.toLocaleString("en-US")}`;
  return z.object(
    {
      minutes: z.coerce.number({ error: minutes }).int({ error: minutes }).min(1, { error: minutes }).max(MAX_POLICY_MINUTES, { error: minutes }),
      timeBase: z.enum(timeBases, { error: `${label}: choose business time or calendar time` }),
    },
    { error: `${label}: enter an allowance and how it is counted` },
  );
}

const policyShape = Object.fromEntries(editableClockKinds.map((k) => [k, clockPolicySchema(k)])) as Record<
  EditableClockKind,
  ReturnType<typeof clockPolicySchema>
>;

export const slaPolicySchema = z.preprocess(nestFormValues, z.object(policyShape));
export type SlaPolicyInput = z.output<typeof slaPolicySchema>;

/** The stored policy as form values (minutes, as strings). */
export function slaPolicyFormValues(policy: SlaPolicy): Record<EditableClockKind, { minutes: string; timeBase: string }> {
  return Object.fromEntries(
    editableClockKinds.map((k) => [k, { minutes: String(Math.round(policy[k].seconds / 60)), timeBase: policy[k].timeBase }]),
  ) as Record<EditableClockKind, { minutes: string; timeBase: string }>;
}

/* ---- Business calendar ------------------------------------------------------------------------------------ */

/** The zone's canonical IANA name, or null when the platform does not know it. Offsets ("+02:00") are refused. */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z]/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const timeZoneSchema = z
  .string({ error: "Time zone: choose a time zone" })
  .trim()
  .min(1, { error: "Time zone: choose a time zone" })
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical) return canonical;
    ctx.issues.push({ code: "custom", input: zone, message: `Time zone: "${zone}" is not an IANA time zone such as America/New_York` });
    return z.NEVER;
  });

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;
const pad = (time: string) => (time.length === 4 ? `0${time}` : time);

/** "09:00-12:00, 13:00-17:00" as sorted intervals, or the first problem found. */
export function parseDayHours(text: string, label: string): { intervals: OpeningInterval[] } | { error: string } {
  const intervals: OpeningInterval[] = [];
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d{1,2}:\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}:\d{2})$/i.exec(part);
    if (!match) return { error: `${label}: "${part}" is not an opening interval; write HH:MM-HH:MM, e.g. 09:00-17:00` };
    const interval = { open: pad(match[1]!), close: pad(match[2]!) };
    if (!validateInterval(interval)) {
      if (!timeOfDay.test(interval.open)) return { error: `${label}: ${interval.open} is not a time of day (00:00 to 23:59)` };
      if (!timeOfDay.test(interval.close) && interval.close !== "24:00") {
        return { error: `${label}: ${interval.close} is not a closing time (00:01 to 24:00)` };
      }
      return { error: `${label}: ${interval.open}-${interval.close} must open before it closes` };
    }
    intervals.push(interval);
  }
  intervals.sort((a, b) => a.open.localeCompare(b.open));
  for (let i = 1; i < intervals.length; i++) {
    const [before, after] = [intervals[i - 1]!, intervals[i]!];
    // Half-open intervals: 09:00-12:00 and 12:00-17:00 touch but do not overlap.
    if (after.open < before.close) {
      return { error: `${label}: ${before.open}-${before.close} and ${after.open}-${after.close} overlap` };
    }
  }
  return { intervals };
}

function dayHoursSchema(label: string) {
  return z
    .string({ error: `${label}: enter opening hours, or leave it empty when closed` })
    .transform((text, ctx) => {
      const parsed = parseDayHours(text, label);
      if ("intervals" in parsed) return parsed.intervals;
      ctx.issues.push({ code: "custom", input: text, message: parsed.error });
      return z.NEVER;
    });
}

/** One "YYYY-MM-DD Name" per line, sorted by date, or the first problem found. */
export function parseHolidays(text: string): { holidays: BusinessCalendar["holidays"] } | { error: string } {
  const holidays: BusinessCalendar["holidays"] = [];
  const seenOn = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const where = `Holidays, line ${index + 1}`;
    const date = /^[^\s:]+/.exec(line)?.[0] ?? "";
    const name = line.slice(date.length).replace(/^\s*[:–—-]?\s*/, "");
    if (!isSaneDate(date)) return { error: `${where}: "${date}" is not a date between 2000 and 2100; write YYYY-MM-DD followed by the name` };
    if (name.trim() === "") return { error: `${where}: add the holiday's name after ${date}` };
    const first = seenOn.get(date);
    if (first !== undefined) return { error: `${where}: ${date} is already listed on line ${first}` };
    seenOn.set(date, index + 1);
    holidays.push({ date, name: name.trim() });
  }
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  return { holidays };
}

const weekShape = Object.fromEntries(weekdays.map((d) => [d.id, dayHoursSchema(d.label)])) as Record<
  Weekday,
  ReturnType<typeof dayHoursSchema>
>;

export const businessCalendarSchema = z.preprocess(
  nestFormValues,
  z.object({
    timeZone: timeZoneSchema,
    week: z
      .object(weekShape, { error: "Opening hours: enter the hours of each day" })
      .refine((week) => Object.values(week).some((day) => day.length > 0), {
        error: "Opening hours: open at least one interval in the week, or no business-time clock could ever fall due",
      }),
    holidays: z
      .string({ error: "Holidays: enter one date and name per line, or leave it empty" })
      .transform((text, ctx) => {
        const parsed = parseHolidays(text);
        if ("holidays" in parsed) return parsed.holidays;
        ctx.issues.push({ code: "custom", input: text, message: parsed.error });
        return z.NEVER;
      }),
  }),
);

/** The stored calendar as form values: one line of intervals per day, one holiday per line. */
export function calendarFormValues(calendar: BusinessCalendar): { timeZone: string; week: Record<Weekday, string>; holidays: string } {
  return {
    timeZone: calendar.timeZone,
    week: Object.fromEntries(weekdays.map((d) => [d.id, calendar.week[d.id].map((i) => `${i.open}-${i.close}`).join(", ")])) as Record<
      Weekday,
      string
    >,
    holidays: calendar.holidays.map((h) => `${h.date} ${h.name}`).join("\n"),
  };
}

/* ---- Customer notices ------------------------------------------------------------------------------------- */

export const notificationStageLabels: Record<NotificationStage, string> = {
  confirmation: "Order confirmation",
  shipped: "Shipped",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  delay: "Delay",
  request_received: "Request received",
};

const stageModes = ["automatic", "suggest"] as const satisfies readonly StageMode[];

function stageModeSchema(stage: NotificationStage) {
  return z.enum(stageModes, { error: `${notificationStageLabels[stage]}: choose "Send automatically" or "Suggest to a rep"` });
}

// Quiet hours are wall times of a day; "24:00" is refused because 00:00 already means midnight here.
function quietTimeSchema(label: string) {
  const message = `${label}: enter a time of day from 00:00 to 23:59, e.g. 21:00`;
  return z
    .string({ error: message })
    .trim()
    .transform((time) => (/^\d:\d{2}$/.test(time) ? `0${time}` : time))
    .refine((time) => timeOfDay.test(time), { error: message });
}

const stagesShape = Object.fromEntries(notificationStages.map((s) => [s, stageModeSchema(s)])) as Record<
  NotificationStage,
  ReturnType<typeof stageModeSchema>
>;

// Equal start and end is allowed and means "no quiet hours" (lib/notifications/quiet-hours.ts); the form says so.
export const notificationSettingsSchema = z.preprocess(
  nestFormValues,
  z.object({
    stages: z.object(stagesShape, { error: "Customer notices: choose how each stage is sent" }),
    smsQuietHours: z.object(
      { start: quietTimeSchema("Quiet hours start"), end: quietTimeSchema("Quiet hours end") },
      { error: "Quiet hours: enter a start and an end time" },
    ),
  }),
);
export type NotificationSettingsInput = z.output<typeof notificationSettingsSchema>;

/* ---- Escalation policy ------------------------------------------------------------------------------------ */

const AUTO_ESCALATE_MESSAGE = "Automatic escalation: choose on or off";
const onOff: Record<string, boolean> = { on: true, true: true, off: false, false: false };

// The form sends the switch as true or false. A payload without it is refused: read as "off" it once turned automatic
// escalation off without anyone choosing that.
export const escalationPolicySchema = z.object(
  {
    autoEscalateBreached: z.preprocess(
      (value) => (typeof value === "string" && Object.hasOwn(onOff, value) ? onOff[value] : value),
      z.boolean({ error: AUTO_ESCALATE_MESSAGE }),
    ),
  },
  { error: AUTO_ESCALATE_MESSAGE },
);
export type EscalationPolicyInput = z.output<typeof escalationPolicySchema>;
