import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import {
  accuracyErrors,
  auditLog,
  changeRequests,
  customers,
  escalationComments,
  escalations,
  feedback,
  inquiries,
  messageEvents,
  messages,
  orderEvents,
  orderExceptions,
  orderItems,
  orders,
  settings,
  slaClocks,
  users,
} from "@/db/schema";
import { refreshQueueHeads } from "@/lib/sla/clocks";
import { refreshKpiRollups } from "@/lib/kpis/rollups";
import { hashPassword } from "@/lib/auth/password";
import { defaultBranding, defaultBusinessCalendar, defaultSlaPolicy, settingKeys } from "@/lib/settings/defaults";
import { emptyRows, type ChunkRows, type SeedContext } from "./context";
import { generateOrder } from "./generate";
import { numberHistory } from "./history-order";
import { insertRows } from "./insert";
import { buildUsers, customerAt, customerRow, demoPassword } from "./people";
import { buildPlacement, forcedStatuses } from "./placement";
import { streamRng, streams } from "./random";

// Demo data: users, customers and 90 days of orders with everything that happens around them. Deterministic:
// the same seed and `now` give the same rows (uuids included; only password salts and tracking tokens differ).

export { demoAccounts, type DemoAccount } from "./people";

export type SeedOptions = {
  /** Number of orders (default 2,000). */
  orders?: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** The seed's "now": everything happens in the 90 days before it (default: the current time). */
  now?: Date;
  /** Called after each chunk of orders is written. */
  onProgress?: (done: number, total: number) => void;
  /** Orders generated and written per transaction (default 2,000). */
  chunkSize?: number;
};

export type SeedSummary = {
  seed: number;
  now: string;
  elapsedMs: number;
  /** Rows written per table. */
  rows: Record<string, number>;
};

const CUSTOMER_CHUNK = 5_000;

async function orderNumberBase(db: Database): Promise<number> {
  const [row] = await queryRows<{ last_value: string | number; is_called: boolean }>(db, sql`select last_value, is_called from order_number_seq`);
  return row ? Number(row.last_value) + (row.is_called ? 1 : 0) : 100_001;
}

async function isSuperuser(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ on: string }>(db, sql`select current_setting('is_superuser') as on`);
  return row?.on === "on";
}

async function writeChunk(db: Database, rows: ChunkRows, counts: Record<string, number>, skipTriggers: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    // Bulk-load mode (as pg_restore --disable-triggers): the generator links every row to rows it writes first,
    // so the per-row foreign-key triggers only cost time (a quarter of it on PGlite). The test checks integrity.
    if (skipTriggers) await tx.execute(sql`set local session_replication_role = replica`);
    await numberHistory(tx, rows.orderEvents, rows.inquiries, rows.messages);
    await insertRows(tx, orders, rows.orders);
    await insertRows(tx, orderItems, rows.orderItems);
    await insertRows(tx, orderEvents, rows.orderEvents);
    await insertRows(tx, orderExceptions, rows.orderExceptions);
    await insertRows(tx, accuracyErrors, rows.accuracyErrors);
    await insertRows(tx, changeRequests, rows.changeRequests);
    await insertRows(tx, inquiries, rows.inquiries);
    await insertRows(tx, escalations, rows.escalations);
    await insertRows(tx, escalationComments, rows.escalationComments);
    await insertRows(tx, slaClocks, rows.slaClocks);
    await insertRows(tx, messages, rows.messages);
    await insertRows(tx, messageEvents, rows.messageEvents);
    await insertRows(tx, feedback, rows.feedback);
    // Each order's most urgent open clock, for the queue — the same statement the app runs after a clock change.
    await refreshQueueHeads(tx, rows.orders.map((o) => o.id!));
  });
  for (const [table, list] of Object.entries(rows)) counts[table] = (counts[table] ?? 0) + (list as unknown[]).length;
}

export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const total = Math.max(1, Math.floor(options.orders ?? 2_000));
  const seed = Math.floor(options.seed ?? 42) >>> 0;
  const now = (options.now ?? new Date()).getTime();
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 2_000));
  const counts: Record<string, number> = {};

  // One bcrypt hash (cost 8 keeps seeding fast) shared by every demo user.
  const passwordHash = await hashPassword(demoPassword, 8);
  const seedUsers = buildUsers(streamRng(seed, streams.main, 0), passwordHash, now);
  const customerCount = Math.max(50, Math.round(total * 0.4));
  const ctx: SeedContext = {
    seed,
    now,
    total,
    customerCount,
    orderBase: await orderNumberBase(db),
    users: seedUsers,
    placement: buildPlacement(now),
    forced: forcedStatuses(total),
  };

  const at = new Date(now);
  const settingRows = [
    { key: settingKeys.businessCalendar, value: defaultBusinessCalendar },
    { key: settingKeys.slaPolicy, value: defaultSlaPolicy },
    { key: settingKeys.branding, value: defaultBranding },
  ].map((s) => ({ ...s, updatedAt: at, updatedBy: seedUsers.admin }));
  await db.transaction(async (tx) => {
    await insertRows(tx, users, seedUsers.rows);
    await tx.insert(settings).values(settingRows).onConflictDoNothing();
  });
  counts.users = seedUsers.rows.length;
  counts.settings = settingRows.length;

  for (let start = 0; start < customerCount; start += CUSTOMER_CHUNK) {
    const end = Math.min(customerCount, start + CUSTOMER_CHUNK);
    const rows: (typeof customers.$inferInsert)[] = [];
    for (let k = start; k < end; k++) rows.push(customerRow(customerAt(seed, k, now)));
    await db.transaction(async (tx) => insertRows(tx, customers, rows));
  }
  counts.customers = customerCount;

  // Chunk n is written while chunk n+1 is generated (generation yields to the event loop every 250 orders so
  // the driver keeps sending): on PostgreSQL the two overlap; memory stays at about two chunks.
  const skipTriggers = await isSuperuser(db);
  let writing: Promise<void> = Promise.resolve();
  const write: { failed: boolean; error?: unknown } = { failed: false };
  for (let start = 0; start < total; start += chunkSize) {
    const end = Math.min(total, start + chunkSize);
    const rows = emptyRows();
    for (let i = start; i < end; i++) {
      generateOrder(ctx, rows, i);
      if ((i - start) % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    if (write.failed) throw write.error;
    writing = writeChunk(db, rows, counts, skipTriggers)
      .then(() => options.onProgress?.(end, total))
      .catch((error: unknown) => {
        write.failed = true;
        write.error = error;
      });
  }
  await writing;
  if (write.failed) throw write.error;

  // Later intakes continue after the seeded numbers.
  await db.execute(sql`select setval('order_number_seq', ${ctx.orderBase + total - 1}, true)`);
  // The KPI page reads rollups (lib/kpis/rollups.ts): fill them now rather than at the worker's next round.
  await refreshKpiRollups(db);
  const elapsedMs = Math.round(performance.now() - started);
  await db.insert(auditLog).values({
    actorType: "system",
    action: "seed",
    entityType: "database",
    entityId: "demo-data",
    after: { seed, now: at.toISOString(), orders: total, rows: counts },
    createdAt: at,
  });
  counts.auditLog = 1;
  return { seed, now: at.toISOString(), elapsedMs, rows: counts };
}

/** Seeds the demo data with the defaults when there are no users yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ present: boolean }>(db, sql`select exists (select 1 from ${users}) as present`);
  if (row?.present) return false;
  await seedDemoData(db, {});
  return true;
}
