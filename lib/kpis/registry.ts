import type { ClockKind } from "@/db/schema/enums";
import { clockKinds } from "@/db/schema/enums";

// THE list of KPIs (design.md "KPIs"): what each is called, what it means in one sentence (the hover), its unit,
// which way is good, whether and how it splits per rep, and what its drill-down lists. The SQL-level definitions
// are in docs/kpis.md; lib/kpis/kpis.test.ts runs them. Client-safe: no database here.

export const kpiIds = [
  "order-accuracy",
  "on-time-delivery",
  "csat",
  "delay-resolution",
  "sla-compliance",
  "notification-coverage",
  "first-response",
] as const;
export type KpiId = (typeof kpiIds)[number];

/** percent: a share 0–1; rating: 1–5; duration: seconds; count: a number of things. */
export type KpiUnit = "percent" | "rating" | "duration" | "count";
/** Which way a change is good; null: neither (a volume). */
export type Better = "higher" | "lower" | null;

export type MeasureDefinition = { id: string; label: string; definition: string; unit: KpiUnit; better: Better };

export type KpiDefinition = MeasureDefinition & {
  id: KpiId;
  /** Further figures on the card, computed for the same range. */
  secondary: readonly MeasureDefinition[];
  /** Who "rep" is for this KPI; null when the KPI has no per-rep split. */
  perRep: { means: string; noneLabel: string } | null;
  /** What the drill-down lists, and its "only the bad ones" switch. */
  drillDown: { lists: string; onlyLabel: string | null };
  /** A per-row breakdown on the card (clock kinds, milestones), each row with its own figure and drill-down. */
  dimension: { label: string; values: readonly ClockKind[] } | null;
};

export const milestoneKinds = ["confirmation", "shipping_notice", "out_for_delivery_notice", "delivery_notice", "delay_notice"] as const satisfies readonly ClockKind[];
export type MilestoneKind = (typeof milestoneKinds)[number];


const assignee = { means: "the order's assignee (now)", noneLabel: "Unassigned" };

export const kpis: Record<KpiId, KpiDefinition> = {
  "order-accuracy": {
    id: "order-accuracy",
    label: "Order accuracy rate",
    definition: "Orders delivered in the period with no accuracy error (a correction after confirmation not asked for by the customer), as a share of all orders delivered in the period.",
    unit: "percent",
    better: "higher",
    secondary: [{ id: "delivered", label: "Delivered", definition: "Orders delivered in the period.", unit: "count", better: null }],
    perRep: assignee,
    drillDown: { lists: "Orders delivered in the period", onlyLabel: "With accuracy errors only" },
    dimension: null,
  },
  "on-time-delivery": {
    id: "on-time-delivery",
    label: "On-time delivery rate",
    definition: "Orders delivered in the period on or before their promised date (in the customer's time zone), as a share of delivered orders that had a promised date.",
    unit: "percent",
    better: "higher",
    secondary: [
      { id: "judged", label: "Delivered with a promise", definition: "Delivered orders that had a promised date.", unit: "count", better: null },
      { id: "unpromised", label: "Without a promise", definition: "Delivered orders that never had a promised date; not counted either way.", unit: "count", better: "lower" },
    ],
    perRep: assignee,
    drillDown: { lists: "Orders delivered in the period", onlyLabel: "Late only" },
    dimension: null,
  },
  csat: {
    id: "csat",
    label: "Customer satisfaction (CSAT)",
    definition: "Mean of the customers' current ratings (1–5) given in the period; a later rating of an order replaces the earlier one.",
    unit: "rating",
    better: "higher",
    secondary: [
      { id: "satisfied", label: "Rated 4–5", definition: "Share of the period's ratings that are 4 or 5.", unit: "percent", better: "higher" },
      { id: "responses", label: "Responses", definition: "Ratings given in the period.", unit: "count", better: null },
    ],
    perRep: assignee,
    drillDown: { lists: "Ratings given in the period", onlyLabel: "Ratings 1–3 only" },
    dimension: null,
  },
  "delay-resolution": {
    id: "delay-resolution",
    label: "Delay resolution time",
    definition: "Median time from opening a delay (exception) to resolving it, over the delays resolved in the period.",
    unit: "duration",
    better: "lower",
    secondary: [
      { id: "p90", label: "90th percentile", definition: "Nine in ten delays resolved in the period were resolved within this time.", unit: "duration", better: "lower" },
      { id: "notify", label: "Median time to notify", definition: "Median time from opening a delay to telling the customer, over the delays notified in the period.", unit: "duration", better: "lower" },
      { id: "resolved", label: "Resolved", definition: "Delays resolved in the period.", unit: "count", better: null },
    ],
    perRep: null,
    drillDown: { lists: "Delays resolved in the period, slowest first", onlyLabel: null },
    dimension: null,
  },
  "sla-compliance": {
    id: "sla-compliance",
    label: "SLA compliance",
    definition: "Clocks met on time, as a share of the clocks due in the period that are already judged (met, cancelled late, or still open past due).",
    unit: "percent",
    better: "higher",
    secondary: [
      { id: "due", label: "Due", definition: "Judged clocks due in the period.", unit: "count", better: null },
      { id: "open-breaches", label: "Open breached clocks now", definition: "Clocks open right now whose due time has passed (live, whatever the period); one order can have several, so the queue's Breached figure, which counts orders, can be lower.", unit: "count", better: "lower" },
    ],
    perRep: { means: "the order's assignee (the inquiry's, for inquiry replies)", noneLabel: "Unassigned" },
    drillDown: { lists: "Clocks due in the period", onlyLabel: "Breached only" },
    dimension: { label: "Clock", values: clockKinds },
  },
  "notification-coverage": {
    id: "notification-coverage",
    label: "Notification coverage",
    definition: "Milestones reached in the period (confirmed, shipped, out for delivery, delivered, delayed) whose notice was sent, as a share of those past their notice deadline.",
    unit: "percent",
    better: "higher",
    secondary: [{ id: "reached", label: "Milestones", definition: "Milestones reached in the period whose notice is due by now.", unit: "count", better: null }],
    perRep: assignee,
    drillDown: { lists: "Milestones reached in the period", onlyLabel: "Not sent only" },
    dimension: { label: "Milestone", values: milestoneKinds },
  },
  "first-response": {
    id: "first-response",
    label: "First response time",
    definition: "Median time from receiving an inquiry or a change request to the first response sent to the customer, over the responses sent in the period.",
    unit: "duration",
    better: "lower",
    secondary: [
      { id: "inquiries", label: "Inquiries", definition: "Median over inquiries first answered in the period.", unit: "duration", better: "lower" },
      { id: "requests", label: "Requests", definition: "Median over change requests first acknowledged in the period.", unit: "duration", better: "lower" },
      { id: "responses", label: "Responses", definition: "First responses sent in the period.", unit: "count", better: null },
    ],
    perRep: { means: "who sent the first response", noneLabel: "System (automatic)" },
    drillDown: { lists: "First responses sent in the period, slowest first", onlyLabel: null },
    dimension: null,
  },
};

export function isKpiId(value: string): value is KpiId {
  return (kpiIds as readonly string[]).includes(value);
}
