import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { demoAccounts, demoPassword, type DemoAccount } from "@/db/seed/people";
import { appConfig, type AppConfig } from "@/lib/config/app-config";
import { log } from "@/lib/log";

// Demo data is on when SEED_DEMO_DATA=true or the demo accounts (documented logins, public password) are active in
// the database. Then every staff page says so (components/app-shell/demo-data-banner.tsx) and the sign-in page lists
// the demo logins; production refuses to start with them active unless SEED_DEMO_DATA=true (lib/startup.ts).

const demoEmails = demoAccounts.map((account) => account.email.toLowerCase());

/** The emails of the active demo accounts; none before the migrations have made the users table. */
export async function activeDemoAccounts(db: Db): Promise<string[]> {
  const [table] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('public.users') is not null as present`);
  if (!table?.present) return [];
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.active, true), inArray(sql<string>`lower(${users.email})`, demoEmails)))
    .orderBy(users.email);
  return rows.map((row) => row.email);
}

// A page render asks on every request; the answer changes only when someone seeds or deactivates a demo account.
const CACHE_MS = 30_000;
const cache = globalThis as typeof globalThis & { __orderlineDemoAccounts?: { present: boolean; at: number } };

/** Whether pages should say the data is demo data. A database that cannot be asked counts as no demo accounts. */
export async function demoDataOn(db: Db, config: AppConfig = appConfig(), now: number = Date.now()): Promise<boolean> {
  if (config.SEED_DEMO_DATA === true) return true;
  const cached = cache.__orderlineDemoAccounts;
  if (cached && now - cached.at < CACHE_MS) return cached.present;
  try {
    const present = (await activeDemoAccounts(db)).length > 0;
    cache.__orderlineDemoAccounts = { present, at: now };
    return present;
  } catch (error) {
    log.warn("demo data check failed", { error });
    return false;
  }
}

/** Forgets the cached answer (tests, and after the start-up seed). */
export function forgetDemoDataCheck(): void {
  cache.__orderlineDemoAccounts = undefined;
}

/** The documented demo logins, for the sign-in page's hint. */
export function demoLogins(): { accounts: readonly Pick<DemoAccount, "email" | "role">[]; password: string } {
  return { accounts: demoAccounts.map(({ email, role }) => ({ email, role })), password: demoPassword };
}
