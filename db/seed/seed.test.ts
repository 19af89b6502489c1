import { sql } from "drizzle-orm";
import type { ClockKind } from "@/db/schema";
import { clockPlanner } from "@/lib/sla/clock-plan";
import { defaultBusinessCalendar, defaultSlaPolicy } from "@/lib/settings/defaults";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type DatabaseHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { channels, orderStatuses } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { autoEscalateBreachedClocks } from "@/lib/escalations/auto-escalate";
import { demoAccounts, seedDemoData, seedIfEmpty, type SeedSummary } from "./index";

const now = new Date("2026-11-20T15:00:00Z");
const options = { orders: 300, seed: 7, now };

async function freshDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabase({});
  await runMigrations(handle);
  return handle;
}

describe("seedDemoData", () => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  let summary: SeedSummary;

  beforeAll(async () => {
    [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
    summary = await seedDemoData(a.db, options);
    await seedDemoData(b.db, options);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(a.db, query);
  const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(query))[0]?.n ?? 0);

  it("writes every order status and every preferred channel", async () => {
    const statuses = (await rows<{ status: string }>(sql`select distinct status from orders`)).map((r) => r.status);
    expect(statuses.sort()).toEqual([...orderStatuses].sort());
    const prefs = (await rows<{ c: string }>(sql`select distinct preferred_channel as c from customers`)).map((r) => r.c);
    expect(prefs.sort()).toEqual([...channels].sort());
    expect(summary.rows.orders).toBe(300);
    expect(await count(sql`select count(*)::int as n from customers`)).toBe(120);
  });

  it("has open clocks (some already breached) and met clocks that breached", async () => {
    expect(await count(sql`select count(*)::int as n from sla_clocks where state = 'open'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from sla_clocks where state = 'open' and due_at < ${now}`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from sla_clocks where state = 'met' and breached`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from sla_clocks where state = 'met' and met_at is null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sla_clocks where state = 'met' and breached <> (met_at > due_at)`)).toBe(0);
  });

  it("already carries the automatic escalation of every clock it leaves late by more than its allowance", async () => {
    expect(await count(sql`select count(*)::int as n from escalations where automatic`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from escalations e where automatic and not exists (
      select 1 from sla_clocks c where c.id = e.clock_id and c.auto_escalated_at = e.created_at)`)).toBe(0);
    // The first sweep after seeding finds nothing left to raise (run on the copy; the determinism test reads it only).
    expect(await autoEscalateBreachedClocks(b.db, now)).toMatchObject({ enabled: true, escalated: 0 });
  });

  it("creates the demo accounts with verifiable bcrypt hashes", async () => {
    for (const account of demoAccounts) {
      const [user] = await rows<{ name: string; role: string; password_hash: string }>(
        sql`select name, role, password_hash from users where email = ${account.email}`,
      );
      expect(user, account.email).toBeDefined();
      expect(user?.name).toBe(account.name);
      expect(user?.role).toBe(account.role);
      expect(user?.password_hash).toMatch(/^\$2[aby]\$08\$/);
      expect(await verifyPassword(account.password, user?.password_hash ?? "")).toBe(true);
    }
    expect(await count(sql`select count(*)::int as n from users where role = 'rep'`)).toBe(6);
    // seedIfEmpty leaves a database with users alone.
    expect(await seedIfEmpty(a.db)).toBe(false);
  });

  it("writes the records beside the orders", async () => {
    for (const table of ["order_exceptions", "change_requests", "inquiries", "messages", "message_events", "escalations", "feedback", "order_events", "settings"]) {
      expect(await count(sql`select count(*)::int as n from ${sql.identifier(table)}`), table).toBeGreaterThan(0);
    }
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'seed' and entity_type = 'database'`)).toBe(1);
  });

  it("has bounced SMS, each with its bounce in the delivery history (the log's review walk-through)", async () => {
    expect(await count(sql`select count(*)::int as n from messages where channel = 'sms' and status = 'bounced'`)).toBeGreaterThan(0);
    expect(
      await count(sql`select count(*)::int as n from messages m where m.channel = 'sms' and m.status = 'bounced'
        and not exists (select 1 from message_events e where e.message_id = m.id and e.status = 'bounced')`),
    ).toBe(0);
  });

  it("puts no recorded instant after now", async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type = 'timestamp with time zone'
        -- Deadlines lie ahead by nature; everything else records something that already happened.
        and column_name not in ('due_at', 'critical_at', 'at_risk_at', 'next_due_at', 'next_critical_at', 'next_at_risk_at')`);
    expect(columns.length).toBeGreaterThan(20);
    for (const { table_name, column_name } of columns) {
      const late = await count(sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)} > ${now}`);
      expect(late, `${table_name}.${column_name}`).toBe(0);
    }
  });

  it("points every order at its most urgent open clock, planned exactly as the app plans it", async () => {
    const mismatched = await count(sql`
      select count(*)::int as n from orders o
      left join lateral (select id from sla_clocks c where c.order_id = o.id and c.state = 'open' order by due_at, id limit 1) h on true
      where o.next_clock_id is distinct from h.id`);
    expect(mismatched).toBe(0);
    expect(await count(sql`select count(*)::int as n from orders where next_clock_id is not null`)).toBeGreaterThan(0);
    const planner = clockPlanner(defaultBusinessCalendar, defaultSlaPolicy);
    const sample = await rows<{ kind: ClockKind; started_at: string; due_at: string; critical_at: string; at_risk_at: string }>(sql`
      select kind, started_at::text, due_at::text, critical_at::text, at_risk_at::text from sla_clocks
      where kind in ('confirmation', 'shipping_notice', 'request_ack', 'inquiry_ack', 'escalation_response') order by id limit 200`);
    expect(sample.length).toBeGreaterThan(20);
    for (const c of sample) {
      const planned = planner.plan(c.kind, new Date(c.started_at));
      expect([c.due_at, c.critical_at, c.at_risk_at].map((t) => new Date(t).getTime())).toEqual(
        [planned.dueAt, planned.criticalAt, planned.atRiskAt].map((t) => t.getTime()),
      );
    }
  });

  it("keeps every reference intact and the lifecycle in order", async () => {
    const fks = await rows<{ child: string; child_col: string; parent: string; parent_col: string }>(sql`
      select c.conrelid::regclass::text as child, ca.attname as child_col, c.confrelid::regclass::text as parent, pa.attname as parent_col
      from pg_constraint c
      join pg_attribute ca on ca.attrelid = c.conrelid and ca.attnum = c.conkey[1]
      join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
    expect(fks.length).toBeGreaterThan(10);
    for (const fk of fks) {
      const orphans = await count(sql`select count(*)::int as n from ${sql.identifier(fk.child)} x
        where x.${sql.identifier(fk.child_col)} is not null
          and not exists (select 1 from ${sql.identifier(fk.parent)} p where p.${sql.identifier(fk.parent_col)} = x.${sql.identifier(fk.child_col)})`);
      expect(orphans, `${fk.child}.${fk.child_col}`).toBe(0);
    }
    expect(await count(sql`select count(*)::int as n from messages m where clock_id is not null and not exists (select 1 from sla_clocks c where c.id = m.clock_id)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sla_clocks c where met_by_message_id is not null and not exists (select 1 from messages m where m.id = c.met_by_message_id)`)).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from orders where not (
        placed_at <= coalesce(confirmed_at, placed_at) and coalesce(confirmed_at, placed_at) <= coalesce(shipped_at, confirmed_at, placed_at)
        and coalesce(shipped_at, placed_at) <= coalesce(delivered_at, shipped_at, placed_at)
        and coalesce(delivered_at, placed_at) <= coalesce(closed_at, delivered_at, placed_at))`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from orders where status = 'cancelled' and (cancel_reason is null or cancelled_at is null)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from orders where status = 'on_hold' and (hold_reason is null or status_before_hold is null)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from orders where shipped_at is not null and (carrier is null or tracking_number is null)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from orders where subtotal_cents + shipping_cents + tax_cents <> total_cents`)).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from orders o where subtotal_cents <> (select sum(quantity * unit_price_cents) from order_items i where i.order_id = o.id)`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from messages m join customers c on c.id = m.customer_id where m.channel = 'sms' and not c.sms_consent`)).toBe(0);
  });

  it("is deterministic for the same seed and now", async () => {
    const list = sql`select number, placed_at, status, customer_id, total_cents from orders order by number`;
    const [left, right] = await Promise.all([queryRows(a.db, list), queryRows(b.db, list)]);
    expect(left.length).toBe(300);
    expect(right).toEqual(left);
    const keys = sql`select idempotency_key, status, clock_id from messages order by idempotency_key`;
    expect(await queryRows(b.db, keys)).toEqual(await queryRows(a.db, keys));
    expect(await count(sql`select count(*)::int as n from orders where number !~ '^OL-[0-9]+$'`)).toBe(0);
  });
});
