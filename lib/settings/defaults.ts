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
};

export const defaultBranding: Branding = {
  shopName: "Northwind Goods",
  supportEmail: "support@northwind.example",
  supportPhone: "+1 555 0100",
  logoUrl: null,
  primaryColor: "#3b5bdb",
};

export const settingKeys = {
  businessCalendar: "business_calendar",
  slaPolicy: "sla_policy",
  branding: "branding",
} as const;
