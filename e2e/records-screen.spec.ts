import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// The records screen (/records): admins hold the records duties (legal holds, export, erasure) without the order
// workspace. Each test makes a customer of its own through the order intake API, so it can run again on the same data.

/** A new customer with two orders, sent by a shop through an API key the admin creates; returns the order numbers. */
async function customerWithTwoOrders(page: Page, email: string, name: string): Promise<string[]> {
  const keyName = `Records shop ${Date.now()}`;
  await page.goto("/settings");
  await page.getByLabel("New key name").fill(keyName);
  await page.getByRole("radio", { name: "Order intake", exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel(`API key ${keyName}`).inputValue();
  const numbers: string[] = [];
  for (const n of [1, 2]) {
    const response = await page.request.post("/api/v1/orders", {
      headers: { authorization: `Bearer ${key}` },
      data: {
        externalId: `${email}-${n}`,
        customer: { name, email, preferredChannel: "email" },
        items: [{ sku: "LAMP-1", name: "Desk lamp", quantity: 1, unitPriceCents: 3450 }],
        shippingAddress: { name, line1: "12 Elm St", city: "Portland", region: "OR", postalCode: "97201", country: "US" },
      },
    });
    expect(response.status()).toBe(201);
    numbers.push(((await response.json()) as { order: { number: string } }).order.number);
  }
  return numbers;
}

test("an admin finds a customer on Records, holds them, sees erasure withheld with the reason, releases, exports and erases", async ({ page }) => {
  const stamp = Date.now();
  const email = `records.${stamp}@example.com`;
  await signInAs(page, "admin");
  const [first, second] = await customerWithTwoOrders(page, email, "Rhea Records");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Records" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Records" })).toBeVisible();
  const box = page.getByLabel("Email or order number");

  // Bad input is answered in words; a search that finds nothing says so.
  await box.fill("ab");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(box).toHaveAccessibleDescription("Type at least 3 characters of the email address, or a whole order number.");
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await box.fill(`nobody.${stamp}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`No customer matches “nobody.${stamp}”.`)).toBeVisible();

  // The beginning of the email finds the customer.
  await box.fill(`Records.${stamp}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`/records\\?q=Records\\.${stamp}$`));
  const row = page.getByRole("row", { name: /Rhea Records/ });
  await expect(row).toContainText(email);
  await row.getByRole("link", { name: "Rhea Records" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Rhea Records" })).toBeVisible();
  const customer = page.getByTestId("customer-records");
  await expect(customer).toContainText(email);
  await expect(customer).toContainText("Held (not erased)");
  await expect(page.getByRole("heading", { name: "Orders (2)" })).toBeVisible();
  await expect(page.getByTestId(`records-order-${first}`)).toContainText("Received");
  await expect(page.getByTestId(`records-order-${second}`)).toContainText("no legal hold");
  // No way into the order workspace, which would refuse an admin.
  await expect(page.getByRole("link", { name: first! })).toHaveCount(0);
  const erase = customer.getByRole("button", { name: "Erase customer data…" });
  await expect(erase).toBeEnabled();

  // A customer hold: erasure is withheld, with the reason beside the button.
  await customer.getByRole("button", { name: "Place customer hold…" }).click();
  const holdDialog = page.getByRole("dialog", { name: "Place a legal hold on the customer" });
  await holdDialog.getByLabel("Reason").fill("Subpoena E2E");
  await holdDialog.getByRole("button", { name: "Place hold" }).click();
  await expect(holdDialog).toBeHidden();
  await expect(customer).toContainText("Customer: on legal hold — Subpoena E2E (placed by Alex Admin");
  await expect(erase).toBeDisabled();
  await expect(erase).toHaveAccessibleDescription("Erasure is not possible now: This customer is on legal hold (Subpoena E2E); release the hold before erasing.");
  await expect(customer.getByTestId("erase-refusal")).toBeVisible();

  await customer.getByRole("button", { name: "Release customer hold" }).click();
  await expect(customer).toContainText("Customer: no legal hold");
  await expect(erase).toBeEnabled();

  // A hold on one of their orders withholds erasure too.
  const firstRow = page.getByTestId(`records-order-${first}`);
  await firstRow.getByRole("button", { name: `Place order hold… on ${first}` }).click();
  const orderDialog = page.getByRole("dialog", { name: `Place a legal hold on order ${first}` });
  await orderDialog.getByLabel("Reason").fill("Carrier claim E2E");
  await orderDialog.getByRole("button", { name: "Place hold" }).click();
  await expect(firstRow).toContainText("on legal hold — Carrier claim E2E");
  await expect(erase).toBeDisabled();
  await expect(customer.getByTestId("erase-refusal")).toHaveText(`Erasure is not possible now: Order ${first} is on legal hold; release it before erasing the customer.`);
  await firstRow.getByRole("button", { name: `Release order hold on ${first}` }).click();
  await expect(firstRow).toContainText("no legal hold");
  await expect(erase).toBeEnabled();

  // The export downloads as JSON with the customer and both orders.
  const downloadPromise = page.waitForEvent("download");
  await customer.getByRole("link", { name: "Export customer data (JSON)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^customer-.*\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as { customer: { email: string }; orders: { number: string }[] };
  expect(exported.customer.email).toBe(email);
  expect(exported.orders.map((o) => o.number).sort()).toEqual([first, second].sort());

  // Erasure asks for the email typed out; a wrong one is refused in the dialog.
  await erase.click();
  const eraseDialog = page.getByRole("dialog", { name: "Erase this customer's data" });
  await eraseDialog.getByLabel(`Type ${email} to confirm`).fill(`someone.${stamp}@example.com`);
  await eraseDialog.getByRole("button", { name: "Erase customer data" }).click();
  await expect(eraseDialog.getByRole("alert")).toHaveText("Type the customer's email address exactly to confirm the erasure.");
  await eraseDialog.getByLabel(`Type ${email} to confirm`).fill(email);
  await eraseDialog.getByRole("button", { name: "Erase customer data" }).click();
  await expect(eraseDialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Erased customer" })).toBeVisible();
  await expect(customer).toContainText("Customer data erased");
  await expect(customer).not.toContainText(email);

  // Erased, the customer is found by an order number only.
  await page.goto(`/records?q=${encodeURIComponent(second!.toLowerCase())}`);
  const erasedRow = page.getByRole("row", { name: new RegExp(`placed ${second}`) });
  await expect(erasedRow).toContainText("Erased");
});

test("a supervisor's records screen links to the order pages", async ({ page }) => {
  await signInAs(page, "admin");
  const stamp = Date.now();
  const [first] = await customerWithTwoOrders(page, `records.sup.${stamp}@example.com`, "Sol Supervised");
  await page.context().clearCookies();
  await signInAs(page, "supervisor");
  await page.goto(`/records?q=${first}`);
  await page.getByRole("row", { name: /Sol Supervised/ }).getByRole("link", { name: "Sol Supervised" }).click();
  await page.getByRole("link", { name: first! }).click();
  await expect(page.getByRole("heading", { level: 1, name: first! })).toBeVisible();
});
