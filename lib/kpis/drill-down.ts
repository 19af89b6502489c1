import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { DrillFilters } from "./drill-params";
import type { ClockKind } from "@/db/schema";
import { clockKindNames } from "@/lib/sla/clock-labels";
import { milestoneKinds, type KpiId } from "./registry";
import { NO_REP } from "./rollups";

// The records behind a KPI figure, from the base tables (live), keyset-paged. Each list selects exactly the rows the
// figure counts (docs/kpis.md), so "breached only" under SLA compliance is the figure's missing part.

export const DRILL_PAGE_SIZE = 50;

export type DrillColumn = { key: string; label: string; format: "text" | "datetime" | "date" | "duration" | "rating" };
export type DrillRow = {
  id: string;
  orderNumber: string | null;
  /** Where the row itself leads when it is not an order (an inquiry). */
  subjectHref: string | null;
  messageId: string | null;
  /** The row counts against the figure (late, breached, an error, a low rating, not sent). */
  bad: boolean;
  cells: Record<string, string | number | Date | null>;
};
export type DrillPage = { columns: DrillColumn[]; rows: DrillRow[]; nextCursor: string | null };
export type DrillInput = { from: string; to: string; zone: string; filters: DrillFilters; after?: string; pageSize?: number };

type Row = Record<string, unknown> & { id: string; sort_key: string; order_number: string | null };

/** [from 00:00, the day after `to` 00:00) in the zone, as instants: the same days the rollups bucket by. */
function bounds(input: DrillInput, column: SQL): SQL {
  return sql`${column} >= (${input.from}::date::timestamp at time zone ${input.zone})
    and ${column} < ((${input.to}::date + 1)::timestamp at time zone ${input.zone})`;
}

function cursorAfter(after: string | undefined, key: SQL, id: SQL, numeric = false): SQL {
  if (!after) return sql`true`;
  const [value, rowId] = after.split("|") as [string, string];
  return numeric ? sql`(${key}, ${id}) < (${value}::numeric, ${rowId}::uuid)` : sql`(${key}, ${id}) < (${value}::timestamptz, ${rowId}::uuid)`;
}

function repIs(filters: DrillFilters, rep: SQL): SQL {
  if (!filters.rep) return sql`true`;
  return sql`coalesce(${rep}, ${NO_REP}::uuid) = ${filters.rep === "none" ? NO_REP : filters.rep}::uuid`;
}

async function page(db: Db, input: DrillInput, query: SQL, columns: DrillColumn[], toRow: (r: Row) => Omit<DrillRow, "id" | "orderNumber">): Promise<DrillPage> {
  const size = input.pageSize ?? DRILL_PAGE_SIZE;
  const rows = await queryRows<Row>(db, sql`${query} limit ${size + 1}`);
  const shown = rows.slice(0, size);
  const last = shown[shown.length - 1];
  return {
    columns,
    rows: shown.map((r) => ({ id: r.id, orderNumber: r.order_number, ...toRow(r) })),
    nextCursor: rows.length > size && last ? `${last.sort_key}|${last.id}` : null,
  };
}

const errorsOf = sql`(select string_agg(e.field || ' (' || replace(e.cause, '_', ' ') || ')', ', ' order by e.created_at)
  from accuracy_errors e where e.order_id = o.id and e.cause <> 'customer_request')`;

function deliveredOrders(db: Db, input: DrillInput, onTime: boolean): Promise<DrillPage> {
  const late = sql`(o.delivered_at at time zone c.time_zone)::date > o.promised_delivery_date`;
  const only = !input.filters.only ? sql`true` : onTime ? late : sql`${errorsOf} is not null`;
  const query = sql`
    select o.id::text as id, o.number as order_number, o.delivered_at, o.delivered_at::text as sort_key, c.name as customer,
      u.name as rep, o.promised_delivery_date::text as promised, (o.delivered_at at time zone c.time_zone)::date::text as delivered_local,
      ${errorsOf} as errors, coalesce(${late}, false) as late
    from orders o join customers c on c.id = o.customer_id left join users u on u.id = o.assignee_id
    where ${bounds(input, sql`o.delivered_at`)} and ${only} and ${repIs(input.filters, sql`o.assignee_id`)}
      and ${cursorAfter(input.after, sql`o.delivered_at`, sql`o.id`)}
    order by o.delivered_at desc, o.id desc`;
  const columns: DrillColumn[] = onTime
    ? [
        { key: "customer", label: "Customer", format: "text" },
        { key: "promised", label: "Promised", format: "date" },
        { key: "deliveredLocal", label: "Delivered (customer's date)", format: "date" },
        { key: "outcome", label: "Outcome", format: "text" },
        { key: "rep", label: "Assignee", format: "text" },
      ]
    : [
        { key: "customer", label: "Customer", format: "text" },
        { key: "delivered", label: "Delivered", format: "datetime" },
        { key: "errors", label: "Accuracy errors", format: "text" },
        { key: "rep", label: "Assignee", format: "text" },
      ];
  return page(db, input, query, columns, (r) => ({
    subjectHref: null,
    messageId: null,
    bad: onTime ? Boolean(r.late) : r.errors !== null,
    cells: {
      customer: r.customer as string,
      delivered: r.delivered_at as Date,
      deliveredLocal: r.delivered_local as string,
      promised: r.promised as string | null,
      outcome: r.promised === null ? "No promised date (not counted)" : r.late ? "Late" : "On time",
      errors: (r.errors as string | null) ?? "None",
      rep: (r.rep as string | null) ?? "Unassigned",
    },
  }));
}

function ratings(db: Db, input: DrillInput): Promise<DrillPage> {
  const query = sql`
    select f.id::text as id, o.number as order_number, f.updated_at, f.updated_at::text as sort_key, f.rating, f.comment, u.name as rep
    from feedback f join orders o on o.id = f.order_id left join users u on u.id = o.assignee_id
    where ${bounds(input, sql`f.updated_at`)} and ${input.filters.only ? sql`f.rating <= 3` : sql`true`}
      and ${repIs(input.filters, sql`o.assignee_id`)} and ${cursorAfter(input.after, sql`f.updated_at`, sql`f.id`)}
    order by f.updated_at desc, f.id desc`;
  return page(
    db,
    input,
    query,
    [
      { key: "rating", label: "Rating", format: "rating" },
      { key: "comment", label: "Comment", format: "text" },
      { key: "ratedAt", label: "Rated", format: "datetime" },
      { key: "rep", label: "Assignee", format: "text" },
    ],
    (r) => ({
      subjectHref: null,
      messageId: null,
      bad: Number(r.rating) <= 3,
      cells: { rating: Number(r.rating), comment: (r.comment as string | null) ?? "", ratedAt: r.updated_at as Date, rep: (r.rep as string | null) ?? "Unassigned" },
    }),
  );
}

function delays(db: Db, input: DrillInput): Promise<DrillPage> {
  const notify = input.filters.view === "notify";
  const end = notify ? sql`x.customer_notified_at` : sql`x.resolved_at`;
  const seconds = sql`extract(epoch from ${end} - x.opened_at)`;
  const query = sql`
    select x.id::text as id, o.number as order_number, ${seconds}::text as sort_key, x.kind, x.opened_at, x.resolved_at,
      extract(epoch from x.resolved_at - x.opened_at)::float8 as resolve_s, extract(epoch from x.customer_notified_at - x.opened_at)::float8 as notify_s
    from order_exceptions x join orders o on o.id = x.order_id
    where ${end} is not null and ${bounds(input, end)} and ${cursorAfter(input.after, seconds, sql`x.id`, true)}
    order by ${seconds} desc, x.id desc`;
  return page(
    db,
    input,
    query,
    [
      { key: "kind", label: "Delay", format: "text" },
      { key: "opened", label: "Opened", format: "datetime" },
      { key: "resolveTime", label: "Time to resolve", format: "duration" },
      { key: "notifyTime", label: "Time to notify", format: "duration" },
    ],
    (r) => ({
      subjectHref: null,
      messageId: null,
      bad: false,
      cells: { kind: String(r.kind).replaceAll("_", " "), opened: r.opened_at as Date, resolveTime: r.resolve_s as number | null, notifyTime: r.notify_s as number | null },
    }),
  );
}

const judged = sql`(c.state = 'met' or (c.state = 'cancelled' and c.breached) or (c.state = 'open' and c.due_at < now()) or (c.state = 'paused' and c.paused_at > c.due_at))`;
const outcome = sql`case
  when c.state = 'met' and not c.breached then 'Met on time'
  when c.state = 'met' then 'Met late'
  when c.state = 'cancelled' then 'Cancelled after its due time'
  when c.state = 'paused' then 'Paused, overdue'
  when c.due_at < now() then 'Open, overdue'
  else 'Open' end`;
const clockColumns: DrillColumn[] = [
  { key: "kind", label: "Clock", format: "text" },
  { key: "started", label: "Started", format: "datetime" },
  { key: "due", label: "Due", format: "datetime" },
  { key: "metAt", label: "Met / ended", format: "datetime" },
  { key: "outcome", label: "Outcome", format: "text" },
  { key: "rep", label: "Rep", format: "text" },
];

function clocks(db: Db, input: DrillInput, milestones: boolean): Promise<DrillPage> {
  const { filters } = input;
  const rep = sql`case when c.kind = 'inquiry_ack' then i.assignee_id else o.assignee_id end`;
  const time = milestones ? sql`c.started_at` : sql`c.due_at`;
  let where: SQL;
  if (milestones) {
    const kinds = filters.kind && (milestoneKinds as readonly string[]).includes(filters.kind) ? [filters.kind] : [...milestoneKinds];
    where = sql`c.kind in (${sql.join(kinds.map((k) => sql`${k}::clock_kind`), sql`, `)}) and ${bounds(input, time)} and ${judged}
      and ${filters.only ? sql`c.state <> 'met'` : sql`true`}`;
  } else if (filters.view === "open") {
    where = sql`c.state = 'open' and c.due_at < now() and ${filters.kind ? sql`c.kind = ${filters.kind}::clock_kind` : sql`true`}`;
  } else {
    where = sql`${filters.kind ? sql`c.kind = ${filters.kind}::clock_kind` : sql`true`} and ${bounds(input, time)} and ${judged}
      and ${filters.only ? sql`not (c.state = 'met' and not c.breached)` : sql`true`}`;
  }
  const query = sql`
    select c.id::text as id, o.number as order_number, ${time}::text as sort_key, c.kind, c.started_at, c.due_at, c.met_at,
      ${outcome} as outcome, c.met_by_message_id::text as message_id, u.name as rep,
      case when c.kind = 'inquiry_ack' then c.subject_id::text end as inquiry_id,
      ${milestones ? sql`c.state <> 'met'` : sql`not (c.state = 'met' and not c.breached)`} as bad
    from sla_clocks c
    left join orders o on o.id = c.order_id
    left join inquiries i on c.kind = 'inquiry_ack' and i.id = c.subject_id
    left join users u on u.id = ${rep}
    where ${where} and ${repIs(filters, rep)} and ${cursorAfter(input.after, time, sql`c.id`)}
    order by ${time} desc, c.id desc`;
  return page(db, input, query, clockColumns, (r) => ({
    subjectHref: r.inquiry_id ? `/inquiries/${r.inquiry_id as string}` : null,
    messageId: r.message_id as string | null,
    bad: Boolean(r.bad),
    cells: {
      kind: clockKindNames[r.kind as ClockKind] ?? String(r.kind),
      started: r.started_at as Date,
      due: r.due_at as Date,
      metAt: r.met_at as Date | null,
      outcome: milestones ? (r.outcome === "Met on time" || r.outcome === "Met late" ? "Sent" : `Not sent (${String(r.outcome).toLowerCase()})`) : (r.outcome as string),
      rep: (r.rep as string | null) ?? "Unassigned",
    },
  }));
}

function firstResponses(db: Db, input: DrillInput): Promise<DrillPage> {
  const kinds = input.filters.subject === "inquiry" ? sql`'inquiry_ack'` : input.filters.subject === "request" ? sql`'request_ack'` : sql`'inquiry_ack', 'request_ack'`;
  const seconds = sql`extract(epoch from c.met_at - c.started_at)`;
  const query = sql`
    select c.id::text as id, o.number as order_number, ${seconds}::text as sort_key, c.kind, c.started_at, c.met_at,
      ${seconds}::float8 as wait_s, c.met_by_message_id::text as message_id, c.subject_id::text as subject_id,
      m.sender_type, u.name as sender
    from sla_clocks c
    left join orders o on o.id = c.order_id
    left join messages m on m.id = c.met_by_message_id
    left join users u on u.id = m.sender_user_id
    where c.kind in (${kinds}) and c.state = 'met' and ${bounds(input, sql`c.met_at`)}
      and ${repIs(input.filters, sql`m.sender_user_id`)} and ${cursorAfter(input.after, seconds, sql`c.id`, true)}
    order by ${seconds} desc, c.id desc`;
  return page(
    db,
    input,
    query,
    [
      { key: "subject", label: "About", format: "text" },
      { key: "received", label: "Received", format: "datetime" },
      { key: "responded", label: "First response", format: "datetime" },
      { key: "wait", label: "Time to respond", format: "duration" },
      { key: "sender", label: "Responded by", format: "text" },
    ],
    (r) => ({
      subjectHref: r.kind === "inquiry_ack" ? `/inquiries/${r.subject_id as string}` : null,
      messageId: r.message_id as string | null,
      bad: false,
      cells: {
        subject: r.kind === "inquiry_ack" ? "Inquiry" : "Change request",
        received: r.started_at as Date,
        responded: r.met_at as Date,
        wait: r.wait_s as number,
        sender: (r.sender as string | null) ?? (r.sender_type === "system" ? "System (automatic)" : "—"),
      },
    }),
  );
}

/** The records behind one KPI figure for a range and filters. */
export function loadDrillDown(db: Db, kpi: KpiId, input: DrillInput): Promise<DrillPage> {
  switch (kpi) {
    case "order-accuracy":
      return deliveredOrders(db, input, false);
    case "on-time-delivery":
      return deliveredOrders(db, input, true);
    case "csat":
      return ratings(db, input);
    case "delay-resolution":
      return delays(db, input);
    case "sla-compliance":
      return clocks(db, input, false);
    case "notification-coverage":
      return clocks(db, input, true);
    case "first-response":
      return firstResponses(db, input);
  }
}
