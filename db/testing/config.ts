// What the global setup hands to each test file.
export type TestDbConfig =
  | { kind: "pglite"; snapshotPath: string }
  | { kind: "postgres"; serverUrl: string; templateName: string; prefix: string };

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
