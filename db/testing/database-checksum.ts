import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";

// "Nothing changed": each table's row count and an md5 of its rows. Tests take it before and after a call that must
// be refused (the authorization matrix, the fuzz tests) and compare the two.

// PGlite answers { rows }, postgres.js an array of rows.
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

// Rate-limit counters are not data: a refused request is counted on purpose (lib/rate-limit.ts).
const COUNTERS = new Set(["rate_limits", "provider_rate_limits"]);

// A session's last_seen_at is its idle clock: any signed-in request moves it (at most once a minute), refused or not
// (lib/auth/sessions.ts). The rest of the row counts: a refused call must not revoke or open a session.
const ROW_TEXT: Record<string, string> = { sessions: "(t.id, t.user_id, t.created_at, t.revoked_at, t.ip, t.user_agent)::text" };

export async function databaseChecksum(db: Db): Promise<Record<string, string>> {
  const tables = (
    await rowsOf<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )
  ).filter(({ name }) => !COUNTERS.has(name));
  const parts = tables.map(({ name }) => {
    const row = ROW_TEXT[name] ?? "t::text";
    return sql.raw(`select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, ',' order by ${row})), '') as sum from "${name}" t`);
  });
  const rows = await rowsOf<{ name: string; sum: string }>(db, sql.join(parts, sql.raw(" union all ")));
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}
