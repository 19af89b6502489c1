import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("fulfillment bulk-ships three orders with tracking numbers; a rep sees it on the order's history", async ({ page }) => {
  await signInAs(page, "fulfillment");
  await page.goto("/fulfillment");
  const pack = page.getByRole("region", { name: /To pack and ship/ }).or(page.locator("[aria-labelledby='column-pack']"));
  const cards = pack.locator("li[data-order]");
  await expect(cards.nth(2)).toBeVisible();
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) {
    numbers.push((await cards.nth(i).getAttribute("data-order"))!);
    await cards.nth(i).getByRole("checkbox").check();
  }
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await page.getByRole("button", { name: "Ship selected…" }).click();

  const dialog = page.getByRole("dialog", { name: "Ship 3 orders" });
  // One bad number first: that order is refused alone, with the reason.
  await dialog.getByLabel(`Tracking number for ${numbers[0]}`).fill("1Z999AA10123456780");
  await dialog.getByLabel(`Carrier for ${numbers[1]}`).selectOption("fedex");
  await dialog.getByLabel(`Tracking number for ${numbers[1]}`).fill("12345");
  await dialog.getByLabel(`Carrier for ${numbers[2]}`).selectOption("dhl");
  await dialog.getByLabel(`Tracking number for ${numbers[2]}`).fill("1234567890");
  await dialog.getByRole("button", { name: "Ship" }).click();
  const results = page.getByTestId("bulk-results");
  await expect(results).toContainText("2 of 3 done");
  await expect(results).toContainText(`${numbers[1]}: This is not a FedEx tracking number`);

  // Ship the refused one again with a good number.
  await page.locator(`li[data-order="${numbers[1]}"]`).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ship selected…" }).click();
  await page.getByRole("dialog").getByLabel(`Carrier for ${numbers[1]}`).selectOption("fedex");
  await page.getByRole("dialog").getByLabel(`Tracking number for ${numbers[1]}`).fill("123456789012");
  await page.getByRole("dialog").getByRole("button", { name: "Ship" }).click();
  await expect(results).toContainText("1 of 1 done");
  await expect(page.locator("[aria-labelledby='column-shipped']")).toContainText(numbers[1]!);

  // Fulfillment flags a delay on one of them, with a revised date.
  await page.goto(`/orders/${numbers[2]}`);
  await page.getByRole("button", { name: "Flag a delay…" }).click();
  const flag = page.getByRole("dialog", { name: "Flag a delay" });
  await flag.getByLabel("Cause").selectOption("weather");
  await flag.getByLabel("Explanation").fill("Snowstorm closed the regional hub");
  await flag.getByLabel("Revised delivery date").fill("2027-01-15");
  await flag.getByRole("button", { name: "Flag delay" }).click();
  await expect(page.getByText("Delayed", { exact: true })).toBeVisible();

  // A rep opens it and sees who shipped it with which tracking, the delay, and the delay notice now due.
  await page.context().clearCookies();
  await signInAs(page, "rep");
  await page.goto(`/orders/${numbers[2]}`);
  await expect(page.locator("h1 + *")).toHaveText("Shipped");
  await expect(page.getByText("DHL · 1234567890")).toBeVisible();
  const history = page.getByTestId("order-history");
  await expect(history).toContainText("Status Processing → Shipped");
  await expect(history).toContainText("Frankie Fulfil");
  await expect(history).toContainText("Tracking set");
  await expect(history).toContainText("Exception opened: Weather");
  await expect(history).toContainText("Snowstorm closed the regional hub");
  await expect(page.getByTestId("open-clocks")).toContainText("Delay notice due");
  await expect(page.getByText(/Revised: .*Jan 15, 2027/)).toBeVisible();
});
