import { log } from "@/lib/log";
import { appConfig, ConfigError, describeConfig, type AppConfig } from "./app-config";

// How a process (the app's start-up, `npm run worker`, the scripts) reports its settings: the effective values in
// one log line with secrets masked, or every problem on a line of its own before it exits.

/** One line: every setting with its default applied, secrets as "[redacted]" (lib/config/app-config.ts). */
export function logConfiguration(config: AppConfig, fields: Record<string, unknown> = {}): void {
  log.info("configuration", { ...fields, config: describeConfig(config) });
}

/** Logs each problem as an error line of its own, then exits 1. */
export function refuseToStart(problems: readonly string[], what = "Orderline"): never {
  for (const problem of problems) log.error(problem, { startup: "refused" });
  log.error(`${what} refuses to start: ${problems.length} configuration ${problems.length === 1 ? "problem" : "problems"} above`, { problems: problems.length });
  process.exit(1);
}

/** The settings, or every bad value reported and the process ended. */
export function configOrRefuse(what?: string): AppConfig {
  try {
    return appConfig();
  } catch (error) {
    if (error instanceof ConfigError) refuseToStart(error.problems, what);
    throw error;
  }
}
