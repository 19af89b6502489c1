import type { ClockKind } from "@/db/schema";

// Defaults from design.md; stored in the settings table and editable later (SLA policies by supervisors,
// calendar and branding by admins).

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/** Half-open [open, close) local wall-time intervals, "HH:MM"; "24:00" is the next local midnight. */
export type OpeningInterval = { open: string; close: string };

export type BusinessCalendar = {
  timeZone: string;
  week: Record<Weekday, OpeningInterval[]>;
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays: { date: string; name: string }[];
};

export type ClockPolicy = { seconds: number; timeBase: "business" | "calendar" };
export type SlaPolicy = Record<ClockKind, ClockPolicy>;

export type Branding = {
  shopName: string;
  supportEmail: string;
  supportPhone: string;
  logoUrl: string | null;
  primaryColor: string;
};

const nineToFive: OpeningInterval[] = [{ open: "09:00", close: "17:00" }];

export const defaultBusinessCalendar: BusinessCalendar = {
  timeZone: "America/New_York",
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: [
    { date: "2026-01-01", name: "New Year's Day" },
    { date: "2026-05-25", name: "Memorial Day" },
    { date: "2026-07-03", name: "Independence Day (observed)" },
    { date: "2026-09-07", name: "Labor Day" },
    { date: "2026-11-26", name: "Thanksgiving" },
    { date: "2026-12-25", name: "Christmas Day" },
    { date: "2027-01-01", name: "New Year's Day" },
  ],
};

const HOUR = 3600;
const business = (seconds: number): ClockPolicy => ({ seconds, timeBase: "business" });
const calendar = (seconds: number): ClockPolicy => ({ seconds, timeBase: "calendar" });

export const defaultSlaPolicy: SlaPolicy = {
  confirmation: business(1 * HOUR),
  // "usual processing time": 2 business days of the default 8-hour day.
  processing_update: business(16 * HOUR),
  delay_notice: calendar(1 * HOUR),
  shipping_notice: calendar(1 * HOUR),
  out_for_delivery_notice: calendar(1 * HOUR),
  delivery_notice: calendar(1 * HOUR),
  request_ack: business(1 * HOUR),
  request_outcome: calendar(24 * HOUR),
  inquiry_ack: calendar(24 * HOUR),
  escalation_response: business(4 * HOUR),
  // Due at the end of the promised delivery day in the customer's zone; the allowance is computed per order.
  delivery_promise: calendar(0),
  // Not in design.md: a message that could not be delivered puts the order in front of a rep within the hour.
  contact_failure: business(1 * HOUR),
};

export const defaultBranding: Branding = {
  shopName: "Northwind Goods",
  supportEmail: "support@northwind.example",
  supportPhone: "+1 555 0100",
  logoUrl: null,
  primaryColor: "#3b5bdb",
};

/** Milestones that can notify the customer by themselves (design.md "Notifications", SOP 000 "System/CS Rep"). */
export const notificationStages = ["confirmation", "shipped", "out_for_delivery", "delivered", "delay", "request_received"] as const;
export type NotificationStage = (typeof notificationStages)[number];
/** automatic: the system sends it to the preferred channel; suggest: the composer proposes it to a rep. */
export type StageMode = "automatic" | "suggest";

export type NotificationSettings = {
  stages: Record<NotificationStage, StageMode>;
  /** SMS waits outside these local hours of the customer ("HH:MM", start > end wraps midnight) unless urgent. */
  smsQuietHours: { start: string; end: string };
};

// SOP 000 marks confirmation, shipping and delivery "System/CS Rep" and delays "CS Rep": a delay notice needs a
// person's apology and cause, the milestones do not. Request acknowledgements are a form receipt, so automatic too.
export const defaultNotificationSettings: NotificationSettings = {
  stages: {
    confirmation: "automatic",
    shipped: "automatic",
    out_for_delivery: "automatic",
    delivered: "automatic",
    delay: "suggest",
    request_received: "automatic",
  },
  smsQuietHours: { start: "21:00", end: "08:00" },
};

/** design.md "Escalations": a clock breached by more than its own allowance escalates by itself, once (a policy). */
export type EscalationPolicy = { autoEscalateBreached: boolean };
export const defaultEscalationPolicy: EscalationPolicy = { autoEscalateBreached: true };

export const settingKeys = {
  businessCalendar: "business_calendar",
  slaPolicy: "sla_policy",
  branding: "branding",
  notifications: "notifications",
  escalationPolicy: "escalation_policy",
} as const;
