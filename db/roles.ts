import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";

// The app's database role (issue 15). The tables belong to whoever runs the migrations (DATABASE_MIGRATION_URL); the
// app and the worker log in as another role (DATABASE_URL) that may read and write rows and call two functions, and
// nothing else: no DDL, no TRUNCATE, no UPDATE or DELETE on the append-only tables, not a superuser, so it can
// neither switch off nor get round the audit log's trigger (migration 0011). Roles belong to the whole PostgreSQL
// cluster and several databases may share one (CI, the test suite, staging beside production), so creating the role
// only ever adds it when missing; the grants are per database and are re-applied after every migration run.

/** The login CI, the test suite and the benchmark scripts give the app; any name works (DATABASE_URL's user). */
export const DEFAULT_APP_ROLE = "orderline_app";

/**
 * Tables the app may add to and read but never change. A migration that adds another such table lists it here, so
 * that the grants re-applied after it revoke UPDATE and DELETE (the default privileges below grant them on every
 * new table).
 */
export const APPEND_ONLY_TABLES = ["audit_log"] as const;

/** The SECURITY DEFINER functions of migration 0016: the KPI refresh and the retention job's audit purge. */
const OWNER_FUNCTIONS = ["public.refresh_kpi_rollups()", "public.purge_audit_log(timestamptz, integer)"] as const;

/** An SQL identifier, quoted: role names come from a URL and may hold any character. */
export function quoteIdentifier(name: string): string {
  if (!name || name.includes("\0")) throw new Error("A role name must be a non-empty string without NUL characters.");
  return `"${name.replaceAll('"', '""')}"`;
}

// With standard_conforming_strings (on by default since PostgreSQL 9.1) a quote is the only character to double.
function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("A password cannot hold a NUL character.");
  return `'${value.replaceAll("'", "''")}'`;
}

/** PostgreSQL's SQLSTATE of an error, looking through the wrappers drizzle puts around the driver's. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Creates the app's login when no role has that name: LOGIN and nothing more (not a superuser, cannot create
 * databases or roles, no replication, subject to row security). An existing role is left exactly as it is, password
 * included: another database on the cluster may use it, and a DBA may have made it. Two processes creating it at
 * the same moment are fine: the loser finds it made. Needs CREATEROLE (or a superuser) only when it creates.
 */
export async function ensureAppRole(db: Db, role: { name: string; password?: string }): Promise<"created" | "exists"> {
  const exists = async () => (await queryRows(db, sql`select 1 from pg_roles where rolname = ${role.name}`)).length > 0;
  if (await exists()) return "exists";
  const password = role.password === undefined ? "" : ` PASSWORD ${quoteLiteral(role.password)}`;
  try {
    await db.execute(sql.raw(`CREATE ROLE ${quoteIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password}`));
    return "created";
  } catch (error) {
    // duplicate_object, or the unique index on pg_authid when both inserts raced past the check.
    if ((pgErrorCode(error) === "42710" || pgErrorCode(error) === "23505") && (await exists())) return "exists";
    throw error;
  }
}

/**
 * Grants the app's role what it needs in the current database and nothing else, whatever it held before: rows of
 * every table (read, add, change, delete) except UPDATE and DELETE on the append-only tables, the sequences, the two
 * owner functions, and a read of drizzle's migration list (the app checks it is up to date without migrating). No
 * TRUNCATE, REFERENCES or TRIGGER anywhere, no CREATE. Tables a later migration adds get the same by default
 * privileges of the role running it. Idempotent; run it as the tables' owner, after the migrations.
 */
export async function grantAppRole(db: Db, name: string): Promise<void> {
  const role = quoteIdentifier(name);
  const [row] = await queryRows<{ db: string }>(db, sql`select current_database() as db`);
  const statements = [
    `GRANT CONNECT ON DATABASE ${quoteIdentifier(row!.db)} TO ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `REVOKE CREATE ON SCHEMA public FROM ${role}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    ...APPEND_ONLY_TABLES.map((table) => `REVOKE UPDATE, DELETE ON public.${quoteIdentifier(table)} FROM ${role}`),
    // nextval for ids and order numbers; setval for the seed's order numbers.
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `GRANT EXECUTE ON FUNCTION ${OWNER_FUNCTIONS.join(", ")} TO ${role}`,
    `GRANT USAGE ON SCHEMA drizzle TO ${role}`,
    `GRANT SELECT ON drizzle.__drizzle_migrations TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
  ];
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}

/** What the current login may do that the app's role must not, and which tables it cannot read (start-up checks). */
export type RoleFacts = {
  user: string;
  superuser: boolean;
  /** It owns (or may become the owner of) the database, the public schema, or objects in it. */
  ownsDatabase: boolean;
  ownsSchema: boolean;
  ownedObjects: number;
  /** CREATE on schema public: DDL. */
  canCreate: boolean;
  /** Rights beyond SELECT and INSERT on each append-only table, e.g. { audit_log: ["UPDATE", "DELETE"] }. */
  appendOnlyRights: Record<string, string[]>;
  /** Tables and views in public it cannot SELECT: grants missing. */
  unreadable: string[];
};

export async function readRoleFacts(db: Db): Promise<RoleFacts> {
  const [row] = await queryRows<{
    user: string;
    superuser: boolean;
    owns_database: boolean;
    owns_schema: boolean;
    owned_objects: number;
    can_create: boolean;
    unreadable: string[] | null;
  }>(
    db,
    sql`select current_user::text as user, r.rolsuper as superuser,
          pg_has_role(current_user, d.datdba, 'MEMBER') as owns_database,
          pg_has_role(current_user, n.nspowner, 'MEMBER') as owns_schema,
          ((select count(*) from pg_class c where c.relnamespace = n.oid and pg_has_role(current_user, c.relowner, 'MEMBER'))
            + (select count(*) from pg_proc p where p.pronamespace = n.oid and pg_has_role(current_user, p.proowner, 'MEMBER')))::int as owned_objects,
          has_schema_privilege(n.oid, 'CREATE') as can_create,
          array(select c.relname::text from pg_class c
                where c.relnamespace = n.oid and c.relkind in ('r', 'p', 'm', 'v') and not has_table_privilege(c.oid, 'SELECT')
                order by c.relname) as unreadable
        from pg_roles r, pg_database d, pg_namespace n
        where r.rolname = current_user and d.datname = current_database() and n.nspname = 'public'`,
  );
  const appendOnlyRights: Record<string, string[]> = {};
  for (const table of APPEND_ONLY_TABLES) {
    const rights = await queryRows<{ right: string }>(
      db,
      sql`select p as right from unnest(array['UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
          where to_regclass(${`public.${table}`}) is not null and has_table_privilege(to_regclass(${`public.${table}`}), p)`,
    );
    if (rights.length > 0) appendOnlyRights[table] = rights.map((r) => r.right);
  }
  return {
    user: row!.user,
    superuser: row!.superuser,
    ownsDatabase: row!.owns_database,
    ownsSchema: row!.owns_schema,
    ownedObjects: row!.owned_objects,
    canCreate: row!.can_create,
    appendOnlyRights,
    unreadable: row!.unreadable ?? [],
  };
}
