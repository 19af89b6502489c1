import { describe, expect, it } from "vitest";
import { DEVELOPMENT_SECRET } from "@/lib/auth/secret";
import type { RoleFacts } from "@/db/roles";
import { databaseRoleProblems, demoAccountsProblem, isLocalAddress, productionProblems } from "./production-checks";
import { testConfig } from "./test-config";

const safe = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://orderline@db.internal:5432/orderline",
  AUTH_SECRET: "k3T9w-PqZr0vL2mX8sYb4nHc6jD1fGa7",
  APP_URL: "https://orders.northwind.example",
};
const problems = (env: Record<string, string | undefined>) => productionProblems(testConfig(env));
const settingOf = (problem: string) => problem.split(" ")[0];

describe("production checks", () => {
  it("list every missing setting at once when production starts with nothing set", () => {
    const found = problems({ NODE_ENV: "production" });
    expect(found.map(settingOf)).toEqual(["DATABASE_URL", "AUTH_SECRET", "APP_URL"]);
    expect(found[0]).toContain("ALLOW_EMBEDDED_DB=true");
    expect(found[1]).toContain("openssl rand");
  });

  it("accept a safe production configuration, and ask nothing of development or tests", () => {
    expect(problems(safe)).toEqual([]);
    expect(problems({})).toEqual([]);
    expect(problems({ NODE_ENV: "test" })).toEqual([]);
    expect(problems({ NODE_ENV: "development", APP_URL: "http://localhost:3000", AUTH_SECRET: "short" })).toEqual([]);
  });

  it("allow the embedded database only when asked for explicitly", () => {
    expect(problems({ ...safe, DATABASE_URL: undefined }).map(settingOf)).toEqual(["DATABASE_URL"]);
    expect(problems({ ...safe, DATABASE_URL: undefined, ALLOW_EMBEDDED_DB: "true" })).toEqual([]);
  });

  it("refuse a short session secret or the development default", () => {
    expect(problems({ ...safe, AUTH_SECRET: "x".repeat(31) })).toEqual([expect.stringMatching(/^AUTH_SECRET is too short \(31 characters\): use at least 32/)]);
    expect(problems({ ...safe, AUTH_SECRET: "x".repeat(32) })).toEqual([]);
    expect(problems({ ...safe, AUTH_SECRET: DEVELOPMENT_SECRET })).toEqual([expect.stringMatching(/^AUTH_SECRET is the development default/)]);
  });

  it("refuse an APP_URL on this machine", () => {
    for (const local of ["http://localhost:3000", "http://LOCALHOST", "http://127.0.0.1:3000/", "http://127.1.2.3", "http://[::1]:3000", "http://0.0.0.0", "http://app.localhost"]) {
      expect(problems({ ...safe, APP_URL: local }), local).toEqual([expect.stringMatching(/^APP_URL points at this machine/)]);
    }
    expect(isLocalAddress("https://localhost.example.com")).toBe(false);
    expect(isLocalAddress("http://10.0.0.5")).toBe(false);
  });

  it("require the shared server-action key and a deployment id with several instances, on PostgreSQL", () => {
    expect(problems({ ...safe, MULTI_INSTANCE: "true" }).map(settingOf)).toEqual(["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "NEXT_DEPLOYMENT_ID"]);
    expect(problems({ ...safe, MULTI_INSTANCE: "true", DATABASE_URL: undefined, ALLOW_EMBEDDED_DB: "true" }).map(settingOf)).toEqual([
      "MULTI_INSTANCE=true",
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
      "NEXT_DEPLOYMENT_ID",
    ]);
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(problems({ ...safe, MULTI_INSTANCE: "true", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key, NEXT_DEPLOYMENT_ID: "build-4f2a9c1" })).toEqual([]);
  });

  it("refuse a migration login that is the app's own", () => {
    const owner = "postgres://orderline_owner:secret@db.internal:5432/orderline";
    expect(problems({ ...safe, DATABASE_MIGRATION_URL: owner })).toEqual([]);
    expect(problems({ ...safe, DATABASE_URL: "postgres://orderline_owner:other@db.internal/orderline", DATABASE_MIGRATION_URL: owner })).toEqual([
      expect.stringMatching(/^DATABASE_URL and DATABASE_MIGRATION_URL log in as the same role \(orderline_owner\): .*npm run db:roles/),
    ]);
    expect(problems({ NODE_ENV: "development", DATABASE_URL: owner, DATABASE_MIGRATION_URL: owner })).toEqual([]);
  });

  it("refuse a database login that could rewrite the audit log, or lacks its grants, with the way out", () => {
    const app: RoleFacts = { user: "orderline_app", superuser: false, ownsDatabase: false, ownsSchema: false, ownedObjects: 0, canCreate: false, appendOnlyRights: {}, unreadable: [] };
    expect(databaseRoleProblems(app)).toEqual([]);
    // A superuser owns everything; one sentence says so.
    expect(databaseRoleProblems({ ...app, user: "postgres", superuser: true, ownsDatabase: true, ownsSchema: true, ownedObjects: 90, canCreate: true })).toEqual([
      expect.stringMatching(/^DATABASE_URL logs in as "postgres", a superuser: .*session_replication_role.*npm run db:roles/),
    ]);
    expect(databaseRoleProblems({ ...app, ownsSchema: true, ownedObjects: 3, canCreate: true })).toEqual([
      expect.stringMatching(/^DATABASE_URL logs in as "orderline_app", which owns \(or may act as the owner of\) the public schema, 3 tables, views, sequences or functions in it: /),
    ]);
    const lesser = databaseRoleProblems({ ...app, canCreate: true, appendOnlyRights: { audit_log: ["UPDATE", "TRUNCATE"] }, unreadable: ["a", "b", "c", "d", "e", "f", "g"] });
    expect(lesser).toEqual([
      expect.stringMatching(/may create objects in the public schema/),
      expect.stringMatching(/holds UPDATE, TRUNCATE on audit_log, which the app may only add to/),
      expect.stringMatching(/may not read a, b, c, d, e and 2 more: its rights were not granted/),
    ]);
    for (const problem of lesser) expect(problem).toContain("npm run db:roles");
  });

  it("name the active demo accounts and the ways out", () => {
    const problem = demoAccountsProblem(["admin@orderline.test", "rep@orderline.test"]);
    expect(problem).toMatch(/^Demo accounts are active in this database \(admin@orderline.test, rep@orderline.test\) and SEED_DEMO_DATA is not true/);
    expect(problem).toContain("npm run admin:create");
    expect(problem).not.toContain("\n");
  });
});
