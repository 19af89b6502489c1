import { bigint, boolean, index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { clockKindEnum, clockStateEnum, timeBaseEnum } from "./enums";
import { orders } from "./orders";

// One obligation to the customer with a deadline (design.md "SLA clocks"). Opened and closed in the same
// transaction as the event that causes it. subject_id points at the request, inquiry, escalation or exception
// that the clock is about, when it is about more than the order itself.
export const slaClocks = pgTable(
  "sla_clocks",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: clockKindEnum().notNull(),
    orderId: uuid().references(() => orders.id, { onDelete: "cascade" }),
    subjectId: uuid(),
    state: clockStateEnum().notNull().default("open"),
    // The policy in force when the clock opened: later policy edits do not move it.
    timeBase: timeBaseEnum().notNull(),
    allowanceSeconds: bigint({ mode: "number" }).notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    // When the clock turns critical and at risk (lib/sla/risk.ts), planned in its own business or calendar time
    // so every screen reads the same band off the same instants.
    criticalAt: timestamp({ withTimezone: true }).notNull(),
    atRiskAt: timestamp({ withTimezone: true }).notNull(),
    pausedAt: timestamp({ withTimezone: true }),
    pausedSeconds: bigint({ mode: "number" }).notNull().default(0),
    metAt: timestamp({ withTimezone: true }),
    // Set when the clock is met or cancelled after its due time: a late clock stays breached forever.
    breached: boolean().notNull().default(false),
    // The message (or event) that met it, for drill-down from the KPI page.
    metByMessageId: uuid(),
    autoEscalatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The queue: open clocks by due time.
    index("sla_clocks_open_due_idx").on(t.dueAt).where(sql`${t.state} = 'open'`),
    index("sla_clocks_order_idx").on(t.orderId, t.state),
    index("sla_clocks_subject_idx").on(t.subjectId),
    // KPIs: clocks by kind and due time.
    index("sla_clocks_kind_due_idx").on(t.kind, t.dueAt),
    // KPI drill-downs: notification coverage lists milestones by when they were reached, first response by when
    // the acknowledgement went out.
    index("sla_clocks_kind_started_idx").on(t.kind, t.startedAt),
    index("sla_clocks_kind_met_idx").on(t.kind, t.metAt).where(sql`${t.metAt} is not null`),
    // KPIs: open breaches now, per kind, from the open clocks alone (an index-only range scan per kind).
    index("sla_clocks_open_kind_due_idx").on(t.kind, t.dueAt).where(sql`${t.state} = 'open'`),
  ],
);

export type SlaClock = typeof slaClocks.$inferSelect;
export type NewSlaClock = typeof slaClocks.$inferInsert;
