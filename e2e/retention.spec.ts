import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { jobLockKeys } from "../lib/jobs/job-lock";
import { signInAs } from "./helpers";

// "Run retention now" on the settings page: it runs and is logged; while another run holds the retention lock (the
// nightly run on any instance or worker) it is refused with a plain message rather than started beside it.

test("an admin runs retention now and sees the run logged", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/settings");
  const section = page.getByTestId("retention-section");
  await section.getByRole("button", { name: "Run retention now" }).click();
  await expect(page.getByText(/^Retention run finished/)).toBeVisible();
  await expect(section.getByRole("list", { name: "Recent retention runs" }).getByRole("listitem").first()).toContainText("admin · finished");
});

test("while another instance's run holds the lock, Run retention now is refused with the reason, then runs once it ends", async ({ page }) => {
  // Another instance holds the lock on PostgreSQL; with the embedded database the app is the only process there is.
  test.skip(!process.env.DATABASE_URL, "needs PostgreSQL (DATABASE_URL): the lock is held from this test's own connection");
  const otherInstance = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const [held] = await otherInstance<{ ok: boolean }[]>`select pg_try_advisory_lock(${jobLockKeys.retention}) as ok`;
    expect(held?.ok).toBe(true);
    await signInAs(page, "admin");
    await page.goto("/settings");
    const section = page.getByTestId("retention-section");
    await section.getByRole("button", { name: "Run retention now" }).click();
    // exact: the toast title, not the screen-reader announcement that repeats it after "Notification".
    await expect(page.getByText("A retention run is already in progress; wait for it to finish.", { exact: true })).toBeVisible();

    await otherInstance`select pg_advisory_unlock(${jobLockKeys.retention})`;
    await section.getByRole("button", { name: "Run retention now" }).click();
    await expect(page.getByText(/^Retention run finished/)).toBeVisible();
  } finally {
    await otherInstance.end();
  }
});
