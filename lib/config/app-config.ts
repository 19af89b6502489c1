import { maskedSettings } from "./setting-types";
import { settingsSchema, type AppConfig, type SettingName } from "./settings";

// The one place that reads process.env for Orderline's settings (lib/config/settings.ts lists them). Start-up
// (lib/startup.ts) validates once and refuses to start on a bad value; everything else calls appConfig().

export type { AppConfig, SettingName } from "./settings";

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

type Environment = Record<string, string | undefined>;

/** Parses an environment (process.env, or a test's own object): the typed settings, or one sentence per bad value. */
export function parseConfig(env: Environment): ConfigResult {
  const parsed = settingsSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`) };
}

/** Thrown by appConfig() when a setting has a value it cannot use; start-up prints each problem on its own line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

const settingNames = Object.keys(settingsSchema.shape) as SettingName[];
let cached: { fingerprint: string; config: AppConfig } | null = null;

/**
 * The settings of this process, from process.env. Parsed again only when one of the variables changed (tests set
 * process.env between cases), so calling it per request costs a string join.
 */
export function appConfig(): AppConfig {
  const env = process.env;
  const fingerprint = settingNames.map((name) => env[name] ?? "\u0000").join("\u0001");
  if (cached?.fingerprint === fingerprint) return cached.config;
  const result = parseConfig(env);
  if (!result.ok) throw new ConfigError(result.problems);
  cached = { fingerprint, config: result.config };
  return result.config;
}

/** Whether demo data belongs in this database: SEED_DEMO_DATA, else on everywhere but production. */
export function seedDemoData(config: AppConfig): boolean {
  return config.SEED_DEMO_DATA ?? config.NODE_ENV !== "production";
}

/** The settings as one log line may show them: unset as null, secrets as "[redacted]" when set, a URL's password as ***. */
export function describeConfig(config: AppConfig): Record<SettingName, unknown> {
  const out = {} as Record<SettingName, unknown>;
  for (const name of settingNames) {
    const value = config[name];
    const masking = maskedSettings.get(settingsSchema.shape[name]);
    if (value === undefined) out[name] = null;
    // Only the loops' intervals are null: "off".
    else if (value === null) out[name] = "off";
    else if (masking?.mask === "secret") out[name] = "[redacted]";
    else if (masking?.mask === "url-password") out[name] = withoutPassword(String(value));
    else if (value === Number.POSITIVE_INFINITY) out[name] = "off";
    else out[name] = value;
  }
  return out;
}

function withoutPassword(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "[unreadable]";
  }
}
