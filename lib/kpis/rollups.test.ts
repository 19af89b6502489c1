import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { openAnotherInstance } from "@/db/testing/another-instance";
import { createTestDatabase } from "@/db/testing/test-database";
import { parseConfig } from "@/lib/config/app-config";
import { testConfig } from "@/lib/config/test-config";
import { DEFAULT_REFRESH_INTERVAL_MS, kpiRefreshIntervalMs, readRollupFreshness, refreshKpiRollups, refreshKpiRollupsIfStale } from "./rollups";

let handle: DatabaseHandle;
let other: { db: Database; close(): Promise<void> };
beforeAll(async () => {
  handle = await createTestDatabase();
  other = await openAnotherInstance(handle);
});
afterAll(async () => {
  await other?.close();
  await handle?.close();
});

describe("refreshing the KPI rollups", () => {
  it("records when it ran, and the periodic refresher skips rollups that are still fresh", async () => {
    const result = await refreshKpiRollups(handle.db);
    expect(result.refreshed).toBe(true);
    const { refreshedAt } = await readRollupFreshness(handle.db);
    expect(refreshedAt.getTime()).toBe(result.refreshed ? result.refreshedAt.getTime() : NaN);

    expect(await refreshKpiRollupsIfStale(handle.db, 60_000, new Date(refreshedAt.getTime() + 30_000))).toBeNull();
    const stale = await refreshKpiRollupsIfStale(handle.db, 60_000, new Date(refreshedAt.getTime() + 90_000));
    expect(stale?.refreshed).toBe(true);
    expect((await readRollupFreshness(handle.db)).refreshedAt.getTime()).toBeGreaterThan(refreshedAt.getTime());
  });

  it("refreshes once when two instances find the rollups stale at the same moment", async () => {
    // Stale at this moment by any age over a millisecond; a refresh from now on stamps a later time, so is fresh.
    const now = new Date();
    const results = await Promise.all([refreshKpiRollupsIfStale(handle.db, 1, now), refreshKpiRollupsIfStale(other.db, 1, now)]);
    expect(results.filter((r) => r?.refreshed)).toHaveLength(1);
    // The other found the lock taken, or (having waited its turn) the rollups fresh.
    expect(results.filter((r) => !r?.refreshed)).toEqual([expect.toBeOneOf([null, { refreshed: false, reason: "busy" }])]);
  });

  it("takes its interval from KPI_REFRESH_MS, 'off' to disable", () => {
    expect(kpiRefreshIntervalMs(testConfig({}))).toBe(DEFAULT_REFRESH_INTERVAL_MS);
    expect(kpiRefreshIntervalMs(testConfig({ KPI_REFRESH_MS: "120000" }))).toBe(120_000);
    expect(kpiRefreshIntervalMs(testConfig({ KPI_REFRESH_MS: "off" }))).toBeNull();
    expect(parseConfig({ KPI_REFRESH_MS: "5" })).toEqual({ ok: false, problems: ['KPI_REFRESH_MS must be a whole number of milliseconds, at least 10000, or "off" (got "5")'] });
  });
});
