// Who each database URL logs in as (lib/config/settings.ts): DATABASE_URL is the app's role, DATABASE_MIGRATION_URL
// the tables' owner (db/roles.ts, db/migrate.ts).

/** The user and password a postgres:// URL logs in with (percent-decoded); no user when the URL names none. */
export function loginOf(url: string): { user?: string; password?: string } {
  const parsed = new URL(url);
  return {
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
}

/**
 * The app's role when migrations log in as someone else: DATABASE_URL's user, when DATABASE_MIGRATION_URL is set and
 * names a different one. Undefined otherwise (the app then is the owner, or there is no app login to grant).
 */
export function appRoleOf(settings: { DATABASE_URL?: string; DATABASE_MIGRATION_URL?: string }): string | undefined {
  if (!settings.DATABASE_URL || !settings.DATABASE_MIGRATION_URL) return undefined;
  const app = loginOf(settings.DATABASE_URL).user;
  return app && app !== loginOf(settings.DATABASE_MIGRATION_URL).user ? app : undefined;
}
