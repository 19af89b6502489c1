import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

async function firstOrderWithStatus(page: Page, status: string): Promise<string> {
  await page.goto(`/orders?status=${status}`);
  const number = (await page.locator("tbody tr td a").first().textContent())?.trim();
  if (!number) throw new Error(`no ${status} order in the demo data`);
  return number;
}

test("a rep corrects a confirmed order's address and items with a cause; the history says what changed", async ({ page }) => {
  await signInAs(page, "rep");
  const number = await firstOrderWithStatus(page, "confirmed");
  await page.goto(`/orders/${number}`);
  // Values new on every run, so a retry on the same order still changes something.
  const suite = `Suite ${Date.now() % 100_000}`;

  await page.getByRole("button", { name: "Correct address…" }).click();
  const addressDialog = page.getByRole("dialog", { name: "Correct the shipping address" });
  await addressDialog.getByLabel("Address line 2 (optional)").fill(suite);
  await addressDialog.getByRole("button", { name: "Save address" }).click();
  await expect(addressDialog.getByText("Pick what caused the correction.")).toBeVisible();
  await expect(addressDialog.getByLabel("Address line 2 (optional)")).toHaveValue(suite);
  await addressDialog.getByLabel("Cause").selectOption("our_error");
  await addressDialog.getByRole("button", { name: "Save address" }).click();
  await expect(addressDialog).toBeHidden();
  await expect(page.getByTestId("order-history")).toContainText("Shipping address corrected (cause: our error)");
  await expect(page.getByTestId("order-history")).toContainText(`→ ${suite}`);

  await page.getByRole("button", { name: "Correct items…" }).click();
  const itemsDialog = page.getByRole("dialog", { name: "Correct the items" });
  const first = itemsDialog.getByRole("group", { name: "Item 1" });
  const sku = await first.getByLabel("SKU").inputValue();
  const quantity = String(Number(await first.getByLabel("Quantity").inputValue()) + 1);
  await first.getByLabel("Quantity").fill(quantity);
  await itemsDialog.getByLabel("Cause").selectOption("customer_request");
  await itemsDialog.getByRole("button", { name: "Save items" }).click();
  await expect(itemsDialog).toBeHidden();
  await expect(page.getByTestId("order-history")).toContainText("Items corrected (cause: customer request)");
  await expect(page.getByRole("region", { name: "Items" }).getByRole("row", { name: new RegExp(sku) })).toContainText(quantity);
});

test("a shipped order offers no address correction and names the alternative", async ({ page }) => {
  await signInAs(page, "rep");
  const number = await firstOrderWithStatus(page, "shipped");
  await page.goto(`/orders/${number}`);
  await expect(page.getByText("Already shipped — contact the carrier to redirect the parcel.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Correct address…" })).toHaveCount(0);
});
