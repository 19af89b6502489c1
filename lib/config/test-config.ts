import { parseConfig, type AppConfig } from "./app-config";

/** Settings from a test's own environment object; a bad value fails the test with the problems. */
export function testConfig(env: Record<string, string | undefined> = {}): AppConfig {
  const result = parseConfig(env);
  if (!result.ok) throw new Error(`test configuration: ${result.problems.join("; ")}`);
  return result.config;
}
