import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// SOP 003 §3.3 / SOP 004 §2: an order ships with its tracking number, or with the reason it has none; tracking added
// later reaches the customer once; a delivery ends the delay the customer was told about.

/** A processing order from the middle of the list: other specs take the newest, and the board's oldest. */
async function processingOrder(page: Page, index: number): Promise<string> {
  await page.goto("/orders?status=processing");
  const number = (await page.locator("tbody tr").nth(index).locator("td a").first().textContent())?.trim();
  expect(number).toMatch(/^OL-\d+$/);
  return number!;
}

test("fulfillment ships without tracking for a reason, adds the tracking later, and the customer is told each time", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signInAs(page, "fulfillment");
  const number = await processingOrder(page, 3);
  await page.goto(`/orders/${number}`);

  await page.getByRole("button", { name: "Ship…" }).click();
  const ship = page.getByRole("dialog", { name: "Ship the order" });
  // A number that is not the carrier's: refused beside the form, which keeps what was typed.
  await ship.getByLabel("Carrier").selectOption("ups");
  await ship.getByLabel("Tracking number", { exact: true }).fill("12345");
  await ship.getByRole("button", { name: "Ship" }).click();
  await expect(ship.getByRole("alert")).toContainText("This is not a UPS tracking number");
  await expect(ship.getByLabel("Tracking number", { exact: true })).toHaveValue("12345");

  // It goes by a local courier that gives no tracking number.
  await ship.getByLabel("Ships without a tracking number").check();
  await ship.getByLabel("Why there is no tracking number").selectOption("local_courier");
  await ship.getByLabel("Note (optional)").fill("Speedy Bikes");
  await ship.getByRole("button", { name: "Ship" }).click();
  await expect(ship).toBeHidden();
  await expect(page.locator("h1 + *")).toHaveText("Shipped");
  await expect(page.getByTestId("untracked-shipment")).toHaveText("No tracking number: Local courier without tracking — Speedy Bikes");
  const history = page.getByTestId("order-history");
  await expect(history).toContainText("Ships without a tracking number");

  // The courier hands over a tracking number after all.
  await page.getByRole("button", { name: "Add tracking…" }).click();
  const add = page.getByRole("dialog", { name: "Add tracking" });
  await add.getByLabel("Carrier").selectOption("dhl");
  await add.getByLabel("Tracking number", { exact: true }).fill("1234567890");
  await add.getByRole("button", { name: "Save tracking" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByText("DHL · 1234567890")).toBeVisible();
  await expect(history).toContainText("Tracking added");
  await expect(page.getByRole("button", { name: "Correct tracking…" })).toBeVisible();

  // The customer's page: how it travels, then the tracking, and both notices.
  const href = await page.getByRole("link", { name: "Customer tracking page" }).getAttribute("href");
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(href!);
  await expect(customer.getByText("DHL · tracking number")).toBeVisible();
  const notices = customer.getByTestId("tracking-messages");
  // By email or text, as this customer prefers: the subject or the text itself.
  await expect(notices).toContainText(`Your order #${number} is on its way`);
  await expect(notices).toContainText(new RegExp(`New tracking (details )?for your order #${number}`));
  await customer.context().close();
});

test("a delivery ends the open delay: no delay notice owed, and the customer's page leads with the delivery", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signInAs(page, "fulfillment");
  const number = await processingOrder(page, 4);
  await page.goto(`/orders/${number}`);
  await page.getByRole("button", { name: "Ship…" }).click();
  const ship = page.getByRole("dialog", { name: "Ship the order" });
  await ship.getByLabel("Carrier").selectOption("dhl");
  await ship.getByLabel("Tracking number", { exact: true }).fill("1234567891");
  await ship.getByRole("button", { name: "Ship" }).click();
  await expect(ship).toBeHidden();

  await page.getByRole("button", { name: "Flag a delay…" }).click();
  const flag = page.getByRole("dialog", { name: "Flag a delay" });
  await flag.getByLabel("Explanation").fill("Missed the connecting truck");
  await flag.getByLabel("Revised delivery date").fill("2027-02-15");
  await flag.getByRole("button", { name: "Flag delay" }).click();
  await expect(page.getByText("Delayed", { exact: true })).toBeVisible();
  await expect(page.getByTestId("open-clocks")).toContainText("Delay notice due");

  await page.getByRole("button", { name: "Mark delivered", exact: true }).click();
  await expect(page.locator("h1 + *")).toHaveText("Delivered");
  await expect(page.getByText("Delayed", { exact: true })).toHaveCount(0);
  await expect(page.getByText("Delay notice due")).toHaveCount(0);
  await expect(page.getByTestId("order-history")).toContainText("Resolved by the delivery.");

  const href = await page.getByRole("link", { name: "Customer tracking page" }).getAttribute("href");
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(href!);
  await expect(customer.getByTestId("tracking-status")).toHaveText("Delivered");
  await expect(customer.getByTestId("tracking-delivered-at")).toBeVisible();
  await expect(customer.getByTestId("tracking-delay")).toHaveCount(0);
  await customer.context().close();
});
