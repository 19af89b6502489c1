// What the global setup hands to each test file.
// appRole: the app's role the test databases are opened as (db/roles.ts), so the suite does the app's work with the
// app's rights: on PGlite by SET ROLE (one session, no logins); on PostgreSQL by logging in with appServerUrl, when
// the run is given DATABASE_MIGRATION_URL (the owner) beside DATABASE_URL (the app's login), as CI does.
export type TestDbConfig =
  | { kind: "pglite"; snapshotPath: string; appRole: string }
  | { kind: "postgres"; serverUrl: string; templateName: string; prefix: string; appRole?: string; appServerUrl?: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbConfig;
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
