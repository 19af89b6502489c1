import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("a rep filters and pages the order list, then opens an order", async ({ page }) => {
  await signInAs(page, "rep");
  await page.goto("/queue");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

  // Filter to delivered orders: every row says so, and the filter is in the URL.
  await page.getByLabel("Status").selectOption("delivered");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=delivered/);
  const statusCells = page.locator("tbody tr td:nth-child(3)");
  await expect(statusCells.first()).toHaveText("Delivered");
  for (const text of await statusCells.allTextContents()) expect(text).toBe("Delivered");

  // Page forward and back, keeping the filter.
  const firstOnPageOne = await page.locator("tbody tr td a").first().textContent();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/status=delivered&page=2/);
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  await expect(page.locator("tbody tr td a").first()).not.toHaveText(firstOnPageOne ?? "");
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();

  // Open the first order and see its details.
  const link = page.locator("tbody tr td a").first();
  const number = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/orders/${number}$`));
  await expect(page.getByRole("heading", { level: 1, name: number })).toBeVisible();
  await expect(page.getByText("Delivered", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Items" })).toBeVisible();
  await expect(page.locator("section", { has: page.getByRole("heading", { name: "Items" }) }).locator("tbody tr").first()).toBeVisible();
  await expect(page.getByText("Shipping address", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Prefers/)).toBeVisible();
  await expect(page.getByTestId("order-history").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("order-history")).toContainText("Delivered");
});

test("a search that matches nothing says so", async ({ page }) => {
  await signInAs(page, "rep");
  await page.goto("/orders?q=no-such-customer-anywhere");
  await expect(page.getByText("No orders match these filters.")).toBeVisible();
});

test("an unknown order number is a plain 404", async ({ page }) => {
  await signInAs(page, "rep");
  const response = await page.goto("/orders/OL-999999999");
  expect(response?.status()).toBe(404);
});
