import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// Open breaches have two units: the overview (and the KPI page) count clocks, the queue counts orders — an order can
// have several clocks past due. Each screen names its unit and leads to the other.

const figure = (text: string | null, unit: RegExp) => {
  const match = (text ?? "").trim().match(unit);
  expect(match, `"${text}" names its unit`).not.toBeNull();
  return Number(match![1]!.replaceAll(",", ""));
};

test("a supervisor reads breached clocks and the orders they are on, and follows the orders to the queue's breached view", async ({ page }) => {
  await signInAs(page, "supervisor");
  // Clocks fall due by the minute in the demo data: read the overview and the queue again if one fell due in between.
  await expect(async () => {
    await page.goto("/supervisor");
    const clocks = figure(await page.getByTestId("overview-breached-clocks").textContent(), /^([\d,]+) breached clocks?$/);
    const orders = figure(await page.getByTestId("overview-breached-orders").textContent(), /^([\d,]+) orders?$/);
    expect(orders).toBeGreaterThan(0);
    expect(clocks).toBeGreaterThanOrEqual(orders);
    await expect(page.getByTestId("overview-breaches")).toContainText(/on [\d,]+ orders? \(the queue's Breached\)/);

    await page.getByTestId("overview-breached-orders").click();
    await expect(page).toHaveURL(/\/queue\?band=breached$/);
    await expect(page.getByRole("navigation", { name: "Orders by risk band" }).getByRole("link", { name: /Breached/ })).toHaveAttribute("aria-current", "true");
    expect(Number((await page.getByTestId("count-breached").textContent())!.replaceAll(",", ""))).toBe(orders);
    await expect(page.getByRole("navigation", { name: "Orders by risk band" }).getByRole("link", { name: /Breached/ })).toContainText(/orders?$/);
    await expect(page.getByTestId("queue-breached-clocks")).toContainText(`on these ${orders.toLocaleString("en-US")} order`);
    await expect(page.getByTestId("queue-breached-clocks").getByRole("link", { name: /breached clocks?$/ })).toHaveText(
      `${clocks.toLocaleString("en-US")} breached ${clocks === 1 ? "clock" : "clocks"}`,
    );
  }).toPass();
  const rows = page.getByTestId("queue-table").locator("tbody tr");
  for (const band of await rows.locator("[data-band]").allTextContents()) expect(band).toBe("Breached");

  // From the queue, the clocks lead to the KPI page's list of open breached clocks.
  await page.getByTestId("queue-breached-clocks").getByRole("link", { name: /breached clocks?$/ }).click();
  await expect(page).toHaveURL(/\/kpis\/sla-compliance\?view=open$/);
  await expect(page.getByRole("link", { name: "Open breached clocks now" })).toHaveAttribute("aria-current", "true");
});

test("a rep's queue counts orders and links to no supervisor screen", async ({ page }) => {
  await signInAs(page, "rep");
  await page.goto("/queue");
  await expect(page.getByRole("navigation", { name: "Orders by risk band" }).getByRole("link", { name: /Breached/ })).toContainText(/orders?$/);
  await expect(page.getByTestId("queue-breached-clocks")).toHaveCount(0);
  await expect(page.locator('a[href^="/kpis"], a[href="/supervisor"]')).toHaveCount(0);
});
