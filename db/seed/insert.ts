import { getTableColumns, getTableName, is, SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";

// Bulk inserts for the seed. Building a 1,000-row `db.insert(table).values(batch)` costs drizzle ~1 ms per row
// (it wraps and type-checks every bind parameter), which made the default seed take 14 s on PGlite. Instead each
// batch of up to 1,000 rows goes as ONE jsonb parameter:
//   insert into t (cols…) select cols… from jsonb_to_recordset($1::jsonb) as x("camelKey" type, …)
// PostgreSQL converts each JSON value with the column type's input function, so enums, uuids, timestamptz,
// dates and jsonb all arrive as they would through drizzle. One parameter per statement: far from the 65,535 limit.

const BATCH_ROWS = 1_000;

type ColumnInfo = { key: string; name: string; type: string; staticDefault: unknown };

const columnCache = new WeakMap<PgTable, Map<string, ColumnInfo>>();

function columnsOf(table: PgTable): Map<string, ColumnInfo> {
  const hit = columnCache.get(table);
  if (hit) return hit;
  const result = new Map<string, ColumnInfo>();
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    // The app's drizzle instance uses casing: "snake_case"; columns declared without a name take their key.
    const name = column.keyAsName ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : column.name;
    const staticDefault = column.hasDefault && column.default !== undefined && !is(column.default, SQL) ? column.default : undefined;
    result.set(key, { key, name, type: column.getSQLType(), staticDefault });
  }
  columnCache.set(table, result);
  return result;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function insertRows<T extends PgTable>(db: Db, table: T, rows: readonly T["$inferInsert"][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(table);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS) as Record<string, unknown>[];
    // The columns this batch sets; the others keep their database defaults (serial ids, tracking tokens, …).
    const keys = new Set<string>();
    for (const row of batch) for (const k in row) if (row[k] !== undefined) keys.add(k);
    const used = [...keys].map((k) => {
      const info = columns.get(k);
      if (!info) throw new Error(`seed: ${getTableName(table)} has no column ${k}`);
      return info;
    });
    // A row that leaves out a column other rows set would send null: give it the column's static default.
    for (const info of used) {
      if (info.staticDefault === undefined) continue;
      for (const row of batch) if (row[info.key] === undefined) row[info.key] = info.staticDefault;
    }
    const target = used.map((c) => quote(c.name)).join(", ");
    const source = used.map((c) => quote(c.key)).join(", ");
    const shape = used.map((c) => `${quote(c.key)} ${c.type}`).join(", ");
    const json = JSON.stringify(batch);
    await db.execute(
      sql`insert into ${table} (${sql.raw(target)}) select ${sql.raw(source)} from jsonb_to_recordset(${json}::text::jsonb) as x(${sql.raw(shape)})`,
    );
  }
}
