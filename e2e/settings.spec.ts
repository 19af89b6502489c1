import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("a supervisor changes an SLA policy; an admin edits the calendar but not the policies", async ({ page }) => {
  await signInAs(page, "supervisor");
  await page.goto("/settings");
  const minutes = page.locator('input[name="inquiry_ack.minutes"]');
  await expect(minutes).toBeVisible();
  // Zero minutes is stopped by the browser before it reaches the server (which refuses it too: unit-tested).
  await minutes.fill("0");
  expect(await minutes.evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
  await minutes.fill("720");
  await page.getByRole("button", { name: "Save SLA policies" }).click();
  // The toast, not the rows' "Saved: …" lines, which are there before the save completes.
  // Exact: Radix also announces "Notification SLA policies saved…" in a live region for a moment.
  await expect(page.getByText("SLA policies saved", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.locator('input[name="inquiry_ack.minutes"]')).toHaveValue("720");
  await expect(page.locator('input[name="week.mon"]')).toHaveCount(0);

  await page.context().clearCookies();
  await signInAs(page, "admin");
  await page.goto("/settings");
  await expect(page.locator('input[name="inquiry_ack.minutes"]')).toHaveCount(0);
  await expect(page.locator('input[name="week.mon"]')).toBeVisible();
  await expect(page.getByText(/12 h/).first()).toBeVisible();
});

test("a supervisor switches the delay notice to automatic and back; each save persists", async ({ page }) => {
  await signInAs(page, "supervisor");
  await page.goto("/settings");
  const delay = page.getByLabel("Delay", { exact: true });
  const save = page.getByRole("button", { name: "Save customer notices" });
  // Leaves the shared demo data as it found it: the second save restores the design.md default.
  for (const [option, value] of [
    ["Send automatically", "automatic"],
    ["Suggest to a rep", "suggest"],
  ] as const) {
    await delay.selectOption({ label: option });
    await save.click();
    await expect(page.getByText("Customer notices saved").first()).toBeVisible();
    await page.reload();
    await expect(delay).toHaveValue(value);
  }
});
