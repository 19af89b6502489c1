import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// Records on the order page (supervisors): a legal hold, the audit trail, the customer's data export, and erasure
// withheld while the hold applies. The hold is released at the end so the test can run again on the same data.

test("a supervisor holds a customer, sees erasure withheld with the reason, sees it in the order's audit trail and exports the data", async ({ page }) => {
  await signInAs(page, "supervisor");
  await page.goto("/orders?status=delivered");
  const number = (await page.locator("tbody tr td a").first().textContent())?.trim();
  if (!number) throw new Error("no delivered order in the demo data");
  await page.goto(`/orders/${number}`);
  const records = page.getByTestId("records-card");
  await expect(records).toBeVisible();
  // A run stopped half-way may have left its hold: release it first (audited like any release).
  if (await records.getByRole("button", { name: "Release customer hold" }).isVisible()) {
    await records.getByRole("button", { name: "Release customer hold" }).click();
    await expect(records).toContainText("Customer: no legal hold");
  }

  await records.getByRole("button", { name: "Place customer hold…" }).click();
  const holdDialog = page.getByRole("dialog", { name: "Place a legal hold on the customer" });
  await holdDialog.getByLabel("Reason").fill("Chargeback dispute E2E");
  await holdDialog.getByRole("button", { name: "Place hold" }).click();
  await expect(holdDialog).toBeHidden();
  await expect(records).toContainText("on legal hold — Chargeback dispute E2E");

  // Erasure is withheld while the hold applies: the button is disabled with the reason beside it (the server refuses
  // it too: lib/retention/customer-records.test.ts).
  const erase = records.getByRole("button", { name: "Erase customer data…" });
  await expect(erase).toBeDisabled();
  await expect(records.getByTestId("erase-refusal")).toHaveText(
    "Erasure is not possible now: This customer is on legal hold (Chargeback dispute E2E); release the hold before erasing.",
  );
  await expect(erase).toHaveAccessibleDescription(/on legal hold \(Chargeback dispute E2E\)/);
  // The export downloads as JSON with the customer in it.
  const downloadPromise = page.waitForEvent("download");
  await records.getByRole("link", { name: "Export customer data (JSON)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^customer-.*\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as { customer: { email: string }; orders: { number: string }[] };
  expect(exported.customer.email).toContain("@");
  await expect(page.getByText(exported.customer.email, { exact: true }).first()).toBeVisible();
  expect(exported.orders.map((o) => o.number)).toContain(number);

  // The audit trail shows the hold and the export, with where they were done from.
  await records.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const trail = page.getByTestId("audit-trail");
  await expect(trail).toContainText("customer.legal_hold.placed");
  await expect(trail).toContainText("reason: — → Chargeback dispute E2E");
  await expect(trail).toContainText("customer.exported");
  await expect(trail).toContainText("Sasha Supervisor");

  // Released again (audited too).
  await page.goto(`/orders/${number}`);
  await page.getByTestId("records-card").getByRole("button", { name: "Release customer hold" }).click();
  await expect(page.getByTestId("records-card")).toContainText("Customer: no legal hold");
  await expect(page.getByTestId("records-card").getByRole("button", { name: "Erase customer data…" })).toBeEnabled();
});

test("a rep sees no records tools and cannot open the audit trail", async ({ page }) => {
  await signInAs(page, "rep");
  await page.goto("/orders?status=delivered");
  const number = (await page.locator("tbody tr td a").first().textContent())?.trim();
  await page.goto(`/orders/${number}`);
  await expect(page.getByRole("heading", { name: number! })).toBeVisible();
  await expect(page.getByTestId("records-card")).toHaveCount(0);
  const response = await page.goto(`/orders/${number}/audit`);
  expect(response?.status()).toBe(403);
  expect((await page.request.get(`/api/customers/00000000-0000-4000-8000-000000000000/export`)).status()).toBe(403);
});
