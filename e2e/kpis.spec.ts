import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// The demo seed's 90 days include confirmations sent late (about 7 %), so any two weeks have breached ones.

/** A local date in the demo's business zone, `daysAgo` days before today. */
function dayInBusinessZone(daysAgo: number): string {
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "America/New_York" });
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().slice(0, 10);
}

test("a supervisor reads the KPIs, changes the range and drills from SLA compliance into a breached order", async ({ page }) => {
  await signInAs(page, "supervisor");
  await page.goto("/kpis");
  await expect(page.getByRole("heading", { level: 1, name: "KPIs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByText(/Figures as of/)).toBeVisible();
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Refreshed in/ })).toBeVisible();
  for (const kpi of ["Order accuracy rate", "On-time delivery rate", "Customer satisfaction (CSAT)", "Delay resolution time", "SLA compliance", "Notification coverage", "First response time"]) {
    await expect(page.getByRole("heading", { level: 2, name: kpi })).toBeVisible();
  }

  // A preset, then custom dates: both land in the URL and in the heading.
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByText(/\(7 days\)/)).toBeVisible();

  const from = dayInBusinessZone(20);
  const to = dayInBusinessZone(6);
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("To", { exact: true }).fill(to);
  await page.getByRole("button", { name: "Apply dates" }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}`));
  await expect(page.getByText(/\(15 days\)/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Day", exact: true })).toHaveAttribute("aria-current", "true");

  // Each KPI's definition shows on hover and on keyboard focus.
  await page.getByRole("button", { name: 'What "On-time delivery rate" means' }).hover();
  await expect(page.getByRole("tooltip")).toContainText("on or before their promised date");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: 'What "Order accuracy rate" means' }).focus();
  await expect(page.getByRole("tooltip")).toContainText("no accuracy error");

  // SLA compliance — Confirmation leads to the breached confirmation clocks of the range.
  await page.getByRole("link", { name: /^SLA compliance — Confirmation: [\d.]+ %/ }).click();
  await expect(page).toHaveURL(/\/kpis\/sla-compliance\?.*kind=confirmation/);
  await expect(page).toHaveURL(/only=1/);
  await expect(page.getByRole("heading", { level: 1, name: "SLA compliance — Confirmation" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Breached only" })).toHaveAttribute("aria-current", "true");
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const clock of await rows.locator("td:nth-child(2)").allTextContents()) expect(clock).toBe("Confirmation");
  await expect(rows.filter({ hasNotText: "breached" })).toHaveCount(0);

  // Open the first breached order.
  const orderLink = rows.first().getByRole("link", { name: /^OL-\d+$/ });
  const number = (await orderLink.textContent())!;
  await orderLink.click();
  await expect(page).toHaveURL(new RegExp(`/orders/${number}$`));
  await expect(page.getByRole("heading", { level: 1, name: number })).toBeVisible();
});

test("links that show only a number have a name that says what it counts", async ({ page }) => {
  await signInAs(page, "supervisor");
  await page.goto("/kpis");
  const sla = page.locator("[aria-labelledby=\"kpi-sla-compliance\"]");
  await expect(sla.getByRole("heading", { level: 2, name: "SLA compliance" })).toBeVisible();

  // The per-rep table: each rep's link says whose figure it is and what it is, not only the rep's name.
  await sla.getByText(/^By rep/).click();
  const riley = sla.getByRole("link", { name: /^Riley Rep: SLA compliance \d+\.\d %, [\d,]+ counted\. Show their records$/ });
  await expect(riley).toBeVisible();
  await expect(riley).toHaveText("Riley Rep");

  // Open breaches, overall and per clock kind: a bare count on screen, a sentence for a screen reader.
  await expect(sla.getByRole("link", { name: /^SLA compliance: [\d,]+ breached clocks? still open\. Show the clocks$/ })).toBeVisible();
  const perKind = sla.getByRole("link", { name: /^SLA compliance — [A-Za-z -]+: [\d,]+ breached [a-z -]+ clocks? still open\. Show the clocks$/ }).first();
  await expect(perKind).toHaveText(/^[\d,]+$/);

  // No link anywhere on the page is named by a number alone.
  const closed = page.locator("details:not([open]) > summary");
  while ((await closed.count()) > 0) await closed.first().click();
  expect(await page.getByRole("main").ariaSnapshot()).not.toMatch(/- link "[\d.,\s%—-]*"/);
});
