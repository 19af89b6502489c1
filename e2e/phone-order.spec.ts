import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("a rep enters a phone order with two items; a typo is shown beside its field and nothing typed is lost", async ({ page }) => {
  const unique = Date.now();
  await signInAs(page, "rep");
  await page.goto("/orders");
  await page.getByRole("link", { name: "New phone order" }).click();
  await expect(page.getByRole("heading", { name: "New phone order" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(`Phone Caller ${unique}`);
  await page.getByLabel("Email", { exact: true }).fill(`caller.${unique}@example.com`);
  await page.getByLabel("Phone", { exact: true }).fill("+14155550123");

  const shipping = page.getByRole("group", { name: "Shipping address" });
  await shipping.getByLabel("Recipient name").fill(`Phone Caller ${unique}`);
  await shipping.getByLabel("Address line 1").fill("742 Evergreen Terrace");
  await shipping.getByLabel("City").fill("Springfield");
  await shipping.getByLabel("State or region (optional)").fill("OR");
  await shipping.getByLabel("Postal code").fill("97477");
  await expect(page.getByLabel("Billing address is the same as the shipping address")).toBeChecked();

  const first = page.getByRole("group", { name: "Item 1" });
  await first.getByLabel("SKU").fill("MUG-1");
  await first.getByLabel("Item name").fill("Enamel mug");
  await first.getByLabel("Quantity").fill("2");
  await first.getByLabel("Unit price (USD)").fill("19.99");

  // "Add item" puts the keyboard in the new row's first field.
  await page.getByRole("button", { name: "Add item" }).click();
  await page.keyboard.type("PEN-1");
  const second = page.getByRole("group", { name: "Item 2" });
  await expect(second.getByLabel("SKU")).toHaveValue("PEN-1");
  await second.getByLabel("Item name").fill("Pen");
  await second.getByLabel("Quantity").fill("3");
  await second.getByLabel("Unit price (USD)").fill("0,29");
  await page.getByLabel("Shipping (USD)").fill("4.99");

  await page.getByRole("button", { name: "Enter order" }).click();
  await expect(second.getByText("Unit price must be an amount such as 12.50 (at most two decimals)")).toBeVisible();
  await expect(second.getByLabel("Unit price (USD)")).toHaveAttribute("aria-invalid", "true");
  await expect(first.getByLabel("SKU")).toHaveValue("MUG-1");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`Phone Caller ${unique}`);

  await second.getByLabel("Unit price (USD)").fill("0.29");
  // 2 × 19.99 + 3 × 0.29 + 4.99 shipping
  await expect(page.getByText("Total $45.84", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Enter order" }).click();

  await expect(page).toHaveURL(/\/orders\/OL-\d+$/);
  await expect(page.locator("h1 + *")).toHaveText("Received");
  const items = page.getByRole("region", { name: "Items" });
  await expect(items.getByRole("row", { name: /MUG-1/ })).toContainText("Enamel mug");
  await expect(items.getByRole("row", { name: /PEN-1/ })).toContainText("Pen");
  await expect(page.getByText("Total $45.84", { exact: true })).toBeVisible();
  await expect(page.getByTestId("order-history")).toContainText("Taken by phone");
  await expect(page.getByTestId("order-history")).toContainText("Riley Rep");
});

test("fulfillment sees no phone-order button and is refused the form", async ({ page }) => {
  await signInAs(page, "fulfillment");
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New phone order" })).toHaveCount(0);
  const response = await page.goto("/orders/new");
  expect(response?.status()).toBe(403);
});
