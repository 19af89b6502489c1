import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

const order = (externalId: string) => ({
  externalId,
  customer: { name: "Ines Ortega", email: `ines.${externalId}@example.com`, preferredChannel: "email" },
  items: [{ sku: "LAMP-1", name: "Desk lamp", quantity: 2, unitPriceCents: 3450 }],
  shippingAddress: { name: "Ines Ortega", line1: "12 Elm St", city: "Portland", region: "OR", postalCode: "97201", country: "US" },
});

test("an admin creates an order-intake API key; a shop sends an order with it, twice, and one order exists; revoked keys are refused", async ({ page }) => {
  const keyName = `Storefront ${Date.now()}`;
  await signInAs(page, "admin");
  await page.goto("/settings");
  await page.getByLabel("New key name").fill(keyName);
  // A key must be given its purpose.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Choose what the key is for")).toBeVisible();
  await page.getByRole("radio", { name: "Order intake", exact: true }).check();
  // Carriers bind carrier events only: an order-intake key cannot have them.
  await expect(page.getByRole("checkbox", { name: "UPS", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel(`API key ${keyName}`).inputValue();
  expect(key).toMatch(/^ol_/);
  await expect(page.getByRole("row", { name: new RegExp(keyName) })).toContainText("Order intake");

  const externalId = `e2e-${Date.now()}`;
  const post = (body: unknown, token = key) => page.request.post("/api/v1/orders", { data: body, headers: { authorization: `Bearer ${token}` } });
  const first = await post(order(externalId));
  expect(first.status()).toBe(201);
  const { order: created } = (await first.json()) as { order: { number: string; status: string } };
  expect(created).toMatchObject({ status: "received" });
  const again = await post(order(externalId));
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { order: { number: string } }).order.number).toBe(created.number);

  const bad = await post({ ...order(`${externalId}-bad`), items: [] });
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain("items");
  expect((await post(order(`${externalId}-x`), "ol_wrong")).status()).toBe(401);

  await page.getByRole("row", { name: new RegExp(keyName) }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: new RegExp(keyName) })).toContainText("Revoked");
  expect((await post(order(`${externalId}-after`))).status()).toBe(401);

  // A rep finds the order, with its confirmation clock open.
  await page.context().clearCookies();
  await signInAs(page, "rep");
  await page.goto(`/orders/${created.number}`);
  await expect(page.getByText("Shop reference " + externalId, { exact: false })).toBeVisible();
  await expect(page.getByTestId("open-clocks")).toContainText("Confirmation due");
});
