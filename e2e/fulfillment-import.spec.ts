import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

const header = "order number,carrier,tracking number";
const csvFile = (lines: string[]) => ({ name: "tracking.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...lines].join("\r\n") + "\r\n") });

/**
 * Two orders being processed that no other spec picks: fulfillment.spec.ts ships the board's first three, and
 * order-workflow.spec.ts cancels the newest (the first of the order list), so take them from the end of the board.
 */
async function twoProcessingOrders(page: Page): Promise<[string, string]> {
  await page.goto("/orders?status=processing");
  const newest = (await page.locator("tbody tr td a").allTextContents())[0]?.trim();
  await page.goto("/fulfillment");
  const cards = page.locator("[aria-labelledby='column-pack'] li[data-order]");
  await expect(cards.first()).toBeVisible();
  const numbers = await cards.evaluateAll((items) => items.map((li) => li.getAttribute("data-order")!));
  const free = numbers.slice(3).reverse().filter((n) => n !== newest);
  expect(free.length, "the demo data has enough orders being processed").toBeGreaterThanOrEqual(2);
  return [free[0]!, free[1]!];
}

test("fulfillment imports tracking from a CSV: a bad row blocks the file, the corrected file ships both orders", async ({ page }) => {
  await signInAs(page, "fulfillment");
  const [a, b] = await twoProcessingOrders(page);

  await page.getByRole("button", { name: "Import tracking (CSV)" }).click();
  const dialog = page.getByRole("dialog", { name: "Import tracking numbers" });
  const file = dialog.getByLabel(/CSV file/);
  const apply = dialog.getByRole("button", { name: /^Apply/ });

  // A UPS number given as FedEx: that row is marked, and nothing can be applied.
  await file.setInputFiles(csvFile([`${a},UPS,1Z999AA10123456784`, `${b},FedEx,1Z999AA10123456784`]));
  await expect(dialog.getByTestId("import-summary")).toContainText("1 ready, 1 with errors");
  await expect(dialog.locator("tr[data-line='3'][data-error]")).toContainText("This is not a FedEx tracking number");
  await expect(dialog.locator("tr[data-line='2']")).toContainText("Ship");
  await expect(apply).toBeDisabled();
  // Why, beside the button, which promises nothing that would not happen.
  await expect(apply).toHaveText("Apply");
  await expect(apply).toHaveAccessibleDescription("Fix the row with errors in the file and choose it again — nothing is applied while any row has an error.");

  await file.setInputFiles(csvFile([`${a},UPS,1Z999AA10123456784`, `${b},fed ex,1234 5678 9012`]));
  await expect(dialog.getByTestId("import-summary")).toContainText("2 ready, 0 with errors");
  await expect(apply).toBeEnabled();
  await expect(apply).toHaveText("Apply 2 changes");
  await expect(dialog.getByTestId("apply-blocked")).toHaveCount(0);

  // Hold the answer back until the progress has been seen: two rows apply faster than an assertion can look.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/fulfillment/tracking-import", async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  await apply.click();
  await expect(dialog.getByTestId("import-progress")).toContainText(/Applying \d+ of 2/);
  await expect(dialog.getByRole("progressbar")).toBeVisible();
  release();

  await expect(page.locator("[data-slot=toast]").filter({ hasText: "Tracking imported" })).toContainText("2 orders shipped");
  await expect(dialog).toBeHidden();
  const pack = page.locator("[aria-labelledby='column-pack']");
  await expect(pack.locator(`li[data-order="${a}"]`)).toHaveCount(0);
  await expect(pack.locator(`li[data-order="${b}"]`)).toHaveCount(0);

  await page.goto(`/orders/${b}`);
  await expect(page.locator("h1 + *")).toHaveText("Shipped");
  await expect(page.locator("p", { hasText: "Carrier: FedEx" })).toContainText("123456789012");
});
