import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { openDatabase, type Database, type DatabaseHandle } from "../client";
import * as schema from "../schema";

/**
 * A second "app instance" on a test database, for tests of what several instances share: its own connection pool on
 * PostgreSQL. PGlite serves one process only, so there it is a second handle over the same client — what two callers
 * in one process share.
 */
export async function openAnotherInstance(handle: DatabaseHandle): Promise<{ db: Database; close(): Promise<void> }> {
  if (handle.kind === "pglite") {
    const db = drizzlePglite(handle.pglite!, { schema, casing: "snake_case" }) as unknown as Database;
    return { db, close: async () => {} };
  }
  const other = await openDatabase({ url: handle.url!, maxConnections: 5 });
  return { db: other.db, close: () => other.close() };
}
