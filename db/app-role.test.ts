import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle, type Db } from "@/db/client";
import { makeUser } from "@/db/testing/fixtures";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { appRoleOfTests, createTestDatabase } from "@/db/testing/test-database";
import { databaseRoleProblems } from "@/lib/config/production-checks";
import { rollupViews } from "@/lib/kpis/rollups";
import { writeAudit } from "@/lib/audit/write-audit";
import { DEFAULT_APP_ROLE, ensureAppRole, grantAppRole, quoteIdentifier, readRoleFacts } from "./roles";

// Issue 15: the app logs in as a role that can neither switch off nor get round the audit log's trigger, nor change
// the schema (db/roles.ts). On a database opened as the tables' owner, each statement runs inside a transaction that
// has first done SET LOCAL ROLE to the app's role — the same privilege checks as a login, on PGlite and PostgreSQL
// alike. When the run logs in as the app's role (CI: DATABASE_MIGRATION_URL beside DATABASE_URL), the same statements
// are also tried over that login, where even SET ROLE back to the owner is refused. The rest of the suite runs as
// the app's role too (db/testing/config.ts): that is the proof its normal work needs nothing more.

const DAY = 24 * 60 * 60_000;
const role = appRoleOfTests()?.name ?? DEFAULT_APP_ROLE;

function messageOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) parts.push(String((e as Error).message));
  return parts.join(" | ");
}

/** Runs the statements in one transaction as the app's role (SET LOCAL ROLE unless `db` is its login): the refusal, or "allowed". */
async function attempt(db: Db, statements: string[], { setRole = true } = {}): Promise<string> {
  try {
    await db.transaction(async (tx) => {
      if (setRole) await tx.execute(sql.raw(`SET LOCAL ROLE ${quoteIdentifier(role)}`));
      for (const statement of statements) await tx.execute(sql.raw(statement));
    });
  } catch (error) {
    return messageOf(error);
  }
  return "allowed";
}

// What the app's role must not do to the audit log or the schema, with PostgreSQL's answer to it.
const refused: [string[], RegExp][] = [
  [["ALTER TABLE audit_log DISABLE TRIGGER ALL"], /must be owner of table audit_log/],
  [["ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only_rows"], /must be owner of table audit_log/],
  [["DROP TRIGGER audit_log_append_only_rows ON audit_log"], /must be owner of (table|relation) audit_log/],
  [["CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"], /must be owner of function audit_log_append_only|permission denied for schema public/],
  [["SET session_replication_role = replica"], /permission denied to set parameter "session_replication_role"/],
  [["UPDATE audit_log SET action = 'rewritten'"], /permission denied for table audit_log/],
  [["DELETE FROM audit_log"], /permission denied for table audit_log/],
  // The retention purge's key (migration 0011) opens nothing for a role without DELETE.
  [["SET LOCAL orderline.retention_purge = 'on'", "DELETE FROM audit_log"], /permission denied for table audit_log/],
  [["TRUNCATE audit_log"], /permission denied for table audit_log/],
  [["DROP TABLE audit_log"], /must be owner of table audit_log/],
  [["CREATE TABLE app_made (id int)"], /permission denied for schema public/],
  [["ALTER TABLE orders ADD COLUMN app_made int"], /must be owner of table orders/],
];

describe("the app's database role", () => {
  let owner: DatabaseHandle;
  beforeAll(async () => {
    owner = await createTestDatabase({ as: "owner" });
    // The run's template has these already when it grants a role; here they are also checked to be idempotent.
    await ensureAppRole(owner.db, { name: role });
    await grantAppRole(owner.db, role);
    await grantAppRole(owner.db, role);
    const actor = { type: "user" as const, userId: (await makeUser(owner.db, { role: "admin" })).id };
    await writeAudit(owner.db, { actor, action: "test.old", entityType: "test", entityId: "old", at: new Date(Date.now() - 400 * DAY) });
    await writeAudit(owner.db, { actor, action: "test.young", entityType: "test", entityId: "young", at: new Date(Date.now() - 30 * DAY) });
  });
  afterAll(async () => {
    await owner?.close();
  });

  it("cannot alter, disable or get round the audit trigger, nor rewrite or empty the log, nor change the schema", async () => {
    const before = await databaseChecksum(owner.db);
    for (const [statements, answer] of refused) expect(await attempt(owner.db, statements), statements.join("; ")).toMatch(answer);
    expect(await databaseChecksum(owner.db)).toEqual(before);
    // The trigger is still there and still on.
    const triggers = await queryRows<{ tgname: string; tgenabled: string }>(owner.db, sql`select tgname, tgenabled from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname`);
    expect(triggers).toEqual([
      { tgname: "audit_log_append_only_rows", tgenabled: "O" },
      { tgname: "audit_log_no_truncate", tgenabled: "O" },
    ]);
  });

  it("is what stands in the way: the tables' owner, as which the app used to log in, can switch the trigger off", async () => {
    const before = await databaseChecksum(owner.db);
    // Rewritten with the trigger off; the division by zero then rolls the transaction back.
    const statements = ["ALTER TABLE audit_log DISABLE TRIGGER ALL", "UPDATE audit_log SET action = 'rewritten'", "SELECT 1/0"];
    expect(await attempt(owner.db, statements, { setRole: false })).toMatch(/division by zero/);
    expect(await attempt(owner.db, statements)).toMatch(/must be owner of table audit_log/);
    expect(await databaseChecksum(owner.db)).toEqual(before);
  });

  it("may read and add to the audit log, refresh the KPIs, and purge only what retention may", async () => {
    expect(await attempt(owner.db, ["INSERT INTO audit_log (actor_type, action, entity_type, entity_id) VALUES ('system', 'test.added', 'test', 'added')"])).toBe("allowed");
    expect(await attempt(owner.db, ["SELECT count(*) FROM audit_log"])).toBe("allowed");
    expect(await attempt(owner.db, ["SELECT refresh_kpi_rollups()"])).toBe("allowed");
    // The purge function passes the trigger's floor on to the app: a cutoff that would take a young row is refused whole.
    expect(await attempt(owner.db, ["SELECT purge_audit_log(now(), 100)"])).toMatch(/append-only: DELETE refused/);
    expect(await attempt(owner.db, ["SELECT purge_audit_log(now() - interval '13 months', 100)"])).toBe("allowed");
    const left = await queryRows<{ action: string }>(owner.db, sql`select action from audit_log where entity_type = 'test' order by action`);
    expect(left.map((r) => r.action)).toEqual(["test.added", "test.young"]);
    // The function's key does not outlive it: a plain DELETE in the same transaction is still refused.
    expect(await attempt(owner.db, ["SELECT purge_audit_log(now() - interval '13 months', 100)", "DELETE FROM audit_log"])).toMatch(/permission denied/);
  });

  it("passes production's start-up check, which refuses the owner", async () => {
    const asApp = await owner.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL ROLE ${quoteIdentifier(role)}`));
      return readRoleFacts(tx);
    });
    expect(asApp).toMatchObject({ user: role, superuser: false, ownsDatabase: false, ownsSchema: false, ownedObjects: 0, canCreate: false, appendOnlyRights: {}, unreadable: [] });
    expect(databaseRoleProblems(asApp)).toEqual([]);
    // The owner of this database (a superuser on PGlite and in CI) is refused with the way out.
    const asOwner = databaseRoleProblems(await readRoleFacts(owner.db));
    expect(asOwner).toHaveLength(1);
    expect(asOwner[0]).toMatch(/^DATABASE_URL logs in as "[^"]+", (a superuser|which owns)/);
    expect(asOwner[0]).toContain("npm run db:roles");
  });

  it("refreshes every KPI rollup through its one function", async () => {
    const [row] = await queryRows<{ body: string }>(owner.db, sql`select pg_get_functiondef('refresh_kpi_rollups()'::regprocedure) as body`);
    for (const view of rollupViews) expect(row!.body).toContain(`REFRESH MATERIALIZED VIEW CONCURRENTLY public.${view};`);
  });

  it("gets exactly its rights again after every migration run: a table added later, a right too many taken back", async () => {
    const facts = () =>
      owner.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL ROLE ${quoteIdentifier(role)}`));
        return readRoleFacts(tx);
      });
    try {
      // A later migration's table: the owner's default privileges cover it before any re-grant.
      await owner.db.execute(sql`create table later_things (id int primary key)`);
      expect(await attempt(owner.db, ["INSERT INTO later_things VALUES (1)", "UPDATE later_things SET id = 2", "SELECT * FROM later_things"])).toBe("allowed");
      expect(await attempt(owner.db, ["TRUNCATE later_things"])).toMatch(/permission denied for table later_things/);
      // Someone granted too much by hand: production's check sees it, the next grant takes it back.
      await owner.db.execute(sql.raw(`GRANT UPDATE, TRUNCATE ON audit_log TO ${quoteIdentifier(role)}`));
      expect((await facts()).appendOnlyRights).toEqual({ audit_log: ["UPDATE", "TRUNCATE"] });
      await grantAppRole(owner.db, role);
      expect(await facts()).toMatchObject({ appendOnlyRights: {}, unreadable: [], canCreate: false });
    } finally {
      await owner.db.execute(sql`drop table if exists later_things`);
    }
  });

  it("is created once, however many processes ask at the same moment, and an existing role is left as it is", async () => {
    // A role of this test's own (roles belong to the whole server), dropped at the end.
    const name = `orderline_test_${randomBytes(4).toString("hex")}`;
    try {
      const answers = await Promise.all([ensureAppRole(owner.db, { name, password: "first" }), ensureAppRole(owner.db, { name, password: "second" })]);
      expect(answers.toSorted()).toEqual(["created", "exists"]);
      const [made] = await queryRows<{ rolcanlogin: boolean; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; rolreplication: boolean; rolbypassrls: boolean }>(
        owner.db,
        sql`select rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls from pg_roles where rolname = ${name}`,
      );
      expect(made).toEqual({ rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false });
      expect(await ensureAppRole(owner.db, { name })).toBe("exists");
    } finally {
      await owner.db.execute(sql.raw(`DROP ROLE IF EXISTS ${quoteIdentifier(name)}`));
    }
  });
});

// Over the app's own login (CI), where nothing lets the session turn back into the owner.
describe.runIf(appRoleOfTests()?.via === "login")("the app's login", () => {
  let app: DatabaseHandle;
  beforeAll(async () => {
    app = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("is the app's role, and refuses the same statements, and SET ROLE to anyone else", async () => {
    const [who] = await queryRows<{ user: string; session: string; superuser: string }>(app.db, sql`select current_user::text as user, session_user::text as session, current_setting('is_superuser') as superuser`);
    expect(who).toEqual({ user: role, session: role, superuser: "off" });
    const before = await databaseChecksum(app.db);
    for (const [statements, answer] of refused) expect(await attempt(app.db, statements, { setRole: false }), statements.join("; ")).toMatch(answer);
    const [owner] = await queryRows<{ name: string }>(app.db, sql`select tableowner as name from pg_tables where tablename = 'audit_log'`);
    expect(await attempt(app.db, [`SET ROLE ${quoteIdentifier(owner!.name)}`], { setRole: false })).toMatch(/permission denied to set role/);
    expect(await attempt(app.db, ["RESET ROLE", "UPDATE audit_log SET action = 'rewritten'"], { setRole: false })).toMatch(/permission denied for table audit_log/);
    expect(await databaseChecksum(app.db)).toEqual(before);
  });
});
