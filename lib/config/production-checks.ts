import type { RoleFacts } from "@/db/roles";
import { DEVELOPMENT_SECRET } from "@/lib/auth/secret";
import type { AppConfig } from "./app-config";
import { loginOf } from "./database-login";

// What production refuses to start with (lib/startup.ts prints every problem at once, one line each, and exits 1).
// Development and tests start with no settings at all; these rules apply only when NODE_ENV=production.

export const MIN_AUTH_SECRET_LENGTH = 32;

const secretHint = "e.g. AUTH_SECRET=$(openssl rand -base64 33)";

/** Every problem the settings alone show (the database is checked later, lib/demo-data.ts), one sentence each. */
export function productionProblems(config: AppConfig): string[] {
  if (config.NODE_ENV !== "production") return [];
  const problems: string[] = [];

  if (!config.DATABASE_URL && !config.ALLOW_EMBEDDED_DB) {
    problems.push(
      "DATABASE_URL is not set: production runs on PostgreSQL (DATABASE_URL=postgres://user:password@host:5432/orderline). " +
        "To run on the embedded single-process database in PGLITE_DIR instead, set ALLOW_EMBEDDED_DB=true.",
    );
  }

  if (config.DATABASE_URL && config.DATABASE_MIGRATION_URL && loginOf(config.DATABASE_URL).user === loginOf(config.DATABASE_MIGRATION_URL).user) {
    problems.push(
      `DATABASE_URL and DATABASE_MIGRATION_URL log in as the same role${loginOf(config.DATABASE_URL).user ? ` (${loginOf(config.DATABASE_URL).user})` : ""}: the app would own the tables and could switch off the audit log's protection. ${roleHint}`,
    );
  }

  const secret = config.AUTH_SECRET;
  if (!secret) problems.push(`AUTH_SECRET is not set: it signs the session cookies. Set a long random value, ${secretHint}.`);
  else if (secret === DEVELOPMENT_SECRET) problems.push(`AUTH_SECRET is the development default, which anyone can read in the source. Set your own, ${secretHint}.`);
  else if (secret.length < MIN_AUTH_SECRET_LENGTH) {
    problems.push(`AUTH_SECRET is too short (${secret.length} characters): use at least ${MIN_AUTH_SECRET_LENGTH} random characters, ${secretHint}.`);
  }

  if (!config.APP_URL) {
    problems.push("APP_URL is not set: links in customer notices start with it. Set the address customers reach Orderline at, e.g. APP_URL=https://orders.example.com.");
  } else if (isLocalAddress(config.APP_URL)) {
    problems.push(`APP_URL points at this machine (${new URL(config.APP_URL).host}): customers could not open the links in their notices. Set the public address, e.g. APP_URL=https://orders.example.com.`);
  }

  if (config.MULTI_INSTANCE) {
    if (!config.DATABASE_URL) problems.push("MULTI_INSTANCE=true needs DATABASE_URL: the embedded database belongs to one process and cannot be shared by several instances.");
    if (!config.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
      problems.push(
        "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set and MULTI_INSTANCE=true: each build would make its own key and instances would refuse each other's forms. " +
          "Set one value, e.g. $(openssl rand -base64 32), for `npm run build` and on every instance.",
      );
    }
    if (!config.NEXT_DEPLOYMENT_ID) {
      problems.push(
        "NEXT_DEPLOYMENT_ID is not set and MULTI_INSTANCE=true: during a rolling deploy a page from one build would call another. " +
          "Set one id per build (e.g. the git commit) for `npm run build` and on every instance of that build.",
      );
    }
  }
  return problems;
}

const roleHint =
  "Give the app a login of its own: set DATABASE_MIGRATION_URL to the tables' owner and DATABASE_URL to the app's role, then run `npm run db:roles` (README, Production).";

/**
 * What production refuses in the role DATABASE_URL logs in as (db/roles.ts reads the facts; lib/startup.ts and
 * `npm run worker` ask on PostgreSQL): one that could rewrite the audit log — a superuser (session_replication_role,
 * ALTER TABLE … DISABLE TRIGGER), the owner of the database, the schema or its tables (drop or alter the trigger),
 * one allowed DDL, or UPDATE/DELETE/TRUNCATE on an append-only table — and one missing its grants.
 */
export function databaseRoleProblems(facts: RoleFacts): string[] {
  const who = `DATABASE_URL logs in as ${JSON.stringify(facts.user)}`;
  if (facts.superuser) {
    return [`${who}, a superuser: it could switch off the audit log's trigger (ALTER TABLE … DISABLE TRIGGER, session_replication_role) and rewrite the log. ${roleHint}`];
  }
  const owned = [facts.ownsDatabase && "the database", facts.ownsSchema && "the public schema", facts.ownedObjects > 0 && `${facts.ownedObjects} tables, views, sequences or functions in it`].filter(Boolean);
  if (owned.length > 0) return [`${who}, which owns (or may act as the owner of) ${owned.join(", ")}: it could drop or alter the audit log's trigger. ${roleHint}`];

  const problems: string[] = [];
  if (facts.canCreate) {
    problems.push(`${who}, which may create objects in the public schema; the app's role gets no DDL. Run \`npm run db:roles\` (it revokes that), and REVOKE CREATE ON SCHEMA public FROM PUBLIC as the schema's owner.`);
  }
  for (const [table, rights] of Object.entries(facts.appendOnlyRights)) {
    problems.push(`${who}, which holds ${rights.join(", ")} on ${table}, which the app may only add to. Run \`npm run db:roles\` to reset the role's rights.`);
  }
  if (facts.unreadable.length > 0) {
    const listed = facts.unreadable.slice(0, 5).join(", ") + (facts.unreadable.length > 5 ? ` and ${facts.unreadable.length - 5} more` : "");
    problems.push(`${who}, which may not read ${listed}: its rights were not granted after the migrations. Run \`npm run db:roles\` (or \`npm run db:migrate\` with DATABASE_MIGRATION_URL and DATABASE_URL both set).`);
  }
  return problems;
}

/** The problem when the demo accounts (public password) are active in a production database without SEED_DEMO_DATA=true. */
export function demoAccountsProblem(activeDemoEmails: readonly string[]): string {
  return (
    `Demo accounts are active in this database (${activeDemoEmails.join(", ")}) and SEED_DEMO_DATA is not true: their password is public. ` +
    "For a demo installation set SEED_DEMO_DATA=true. Otherwise use an empty database and `npm run admin:create`, or start once with " +
    "SEED_DEMO_DATA=true, create your own admin and deactivate the demo accounts under Settings → Users."
  );
}

/** localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0: addresses that mean "this machine" to whoever opens them. */
export function isLocalAddress(address: string): boolean {
  const host = new URL(address).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "::1" || host === "0.0.0.0" || host === "::";
}
