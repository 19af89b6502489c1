import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, inquiries, orders, slaClocks, type Channel, type SlaClock } from "@/db/schema";
import { riskBandAt, type RiskBand } from "@/lib/sla/risk";
import type { InquiryListFilters, InquiryStatus } from "./inquiry-schemas";

// The inquiries inbox: unresolved inquiries by their inquiry_ack clock — running clocks first, the oldest breach on
// top (the queue's order); then paused ones (waiting on the customer: nothing for us to do yet); then those already
// answered, oldest first. Resolved ones, the latest resolution first.

export const INQUIRY_LIST_LIMIT = 100;

export type InquiryClockView = {
  state: SlaClock["state"];
  dueAt: Date;
  /** The band now for a running clock; a paused one keeps the band it had when paused, a met one its band when met. */
  band: RiskBand;
  pausedAt: Date | null;
  metAt: Date | null;
  breached: boolean;
};

export type InquiryListRow = {
  id: string;
  status: InquiryStatus;
  channel: Channel;
  body: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  customerName: string;
  customerEmail: string | null;
  orderNumber: string | null;
  clock: InquiryClockView | null;
};

/** The band a clock shows at `now`: a paused clock is frozen at its pause, a met or cancelled one when it closed. */
export function clockView(clock: Pick<SlaClock, "state" | "dueAt" | "criticalAt" | "atRiskAt" | "pausedAt" | "metAt" | "breached">, now: Date): InquiryClockView {
  const at = clock.state === "paused" ? (clock.pausedAt ?? now) : clock.state === "open" ? now : (clock.metAt ?? now);
  return { state: clock.state, dueAt: clock.dueAt, band: riskBandAt(clock, at), pausedAt: clock.pausedAt, metAt: clock.metAt, breached: clock.breached };
}

export async function listInquiries(db: Db, input: { filters: InquiryListFilters; now?: Date; limit?: number }): Promise<{ rows: InquiryListRow[]; more: boolean }> {
  const now = input.now ?? new Date();
  const limit = input.limit ?? INQUIRY_LIST_LIMIT;
  const { status } = input.filters;
  // One inquiry_ack per inquiry; the latest, should a policy ever open another.
  const ack = db
    .select({
      state: slaClocks.state,
      dueAt: slaClocks.dueAt,
      criticalAt: slaClocks.criticalAt,
      atRiskAt: slaClocks.atRiskAt,
      pausedAt: slaClocks.pausedAt,
      metAt: slaClocks.metAt,
      breached: slaClocks.breached,
    })
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectId, inquiries.id), eq(slaClocks.kind, "inquiry_ack")))
    .orderBy(desc(slaClocks.startedAt))
    .limit(1)
    .as("ack");
  const where: SQL | undefined = status === "active" ? ne(inquiries.status, "resolved") : eq(inquiries.status, status);
  const order =
    status === "resolved"
      ? [sql`${inquiries.resolvedAt} desc nulls last`, desc(inquiries.createdAt), asc(inquiries.id)]
      : [
          sql`case ${ack.state} when 'open' then 0 when 'paused' then 1 else 2 end`,
          sql`case when ${ack.state} in ('open', 'paused') then ${ack.dueAt} end asc nulls last`,
          asc(inquiries.createdAt),
          asc(inquiries.id),
        ];
  const rows = await db
    .select({
      inquiry: inquiries,
      customerName: customers.name,
      customerEmail: customers.email,
      orderNumber: orders.number,
      state: ack.state,
      dueAt: ack.dueAt,
      criticalAt: ack.criticalAt,
      atRiskAt: ack.atRiskAt,
      pausedAt: ack.pausedAt,
      metAt: ack.metAt,
      breached: ack.breached,
    })
    .from(inquiries)
    .innerJoin(customers, eq(customers.id, inquiries.customerId))
    .leftJoin(orders, eq(orders.id, inquiries.orderId))
    .leftJoinLateral(ack, sql`true`)
    .where(where)
    .orderBy(...order)
    .limit(limit + 1);
  return {
    more: rows.length > limit,
    rows: rows.slice(0, limit).map(({ inquiry, customerName, customerEmail, orderNumber, state, dueAt, criticalAt, atRiskAt, pausedAt, metAt, breached }) => ({
      id: inquiry.id,
      status: inquiry.status,
      channel: inquiry.channel,
      body: inquiry.body,
      createdAt: inquiry.createdAt,
      firstResponseAt: inquiry.firstResponseAt,
      resolvedAt: inquiry.resolvedAt,
      customerName,
      customerEmail,
      orderNumber,
      clock: state && dueAt && criticalAt && atRiskAt ? clockView({ state, dueAt, criticalAt, atRiskAt, pausedAt, metAt, breached: breached ?? false }, now) : null,
    })),
  };
}

/** The question's first line, for a one-line list. */
export function firstLine(text: string, max = 120): string {
  const line = text.trim().split(/\r?\n/)[0] ?? "";
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : line;
}
