import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// A confirmed order from the end of the list, but not the last one (the notifications spec takes that) and not one
// whose address change the demo data left open (a second open request of a kind is refused).
async function confirmedOrderWithoutOpenAddressRequest(page: Page): Promise<string> {
  await page.goto("/requests?status=open&kind=change_address");
  const taken = new Set((await page.locator("tbody tr td:first-child a").allTextContents()).map((t) => t.trim()));
  await page.goto("/orders?status=confirmed");
  const numbers = (await page.locator("tbody tr td:first-child a").allTextContents()).map((t) => t.trim());
  const number = numbers
    .slice(0, -1)
    .reverse()
    .find((n) => !taken.has(n));
  if (!number) throw new Error("no confirmed order free for an address change in the demo data");
  return number;
}

test("a rep logs a customer's address change from a call, finds it in the requests inbox, approves it; the order and the customer follow", async ({ page }) => {
  await signInAs(page, "rep");
  const number = await confirmedOrderWithoutOpenAddressRequest(page);
  await page.goto(`/orders/${number}`);
  // New on every run, so a retry on the same order still changes something.
  const suite = `Suite ${Date.now() % 100_000}`;

  await page.getByRole("button", { name: "Log a request…" }).click();
  const log = page.getByRole("dialog", { name: "Log a request" });
  await log.getByLabel("The customer asks to").selectOption("change_address");
  await log.getByLabel("Address line 2 (optional)").fill(suite);
  await log.getByLabel("Came in by").selectOption("phone");
  await log.getByRole("button", { name: "Log request" }).click();
  await expect(log).toBeHidden();
  const entry = page.getByTestId("order-request").filter({ hasText: suite });
  await expect(entry).toContainText("Open");
  await expect(entry).toContainText("By phone");

  // The inbox lists it with the badge of its most urgent clock, and leads back to the order.
  await page.goto("/requests?kind=change_address");
  const row = page.getByTestId("requests-table").getByRole("row").filter({ hasText: number });
  await expect(row).toContainText("Change the shipping address");
  await expect(row.locator("[data-band]")).toHaveCount(1);
  await row.getByRole("link", { name: number }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${number}#requests$`));

  // A retry may land on the same order, whose earlier outcome is already in the log.
  const outcomes = page.getByTestId("order-messages").getByRole("row").filter({ hasText: "Request outcome" }).filter({ hasText: "Riley Rep" });
  const before = await outcomes.count();
  await page.getByTestId("order-request").filter({ hasText: suite }).getByRole("button", { name: "Approve…" }).click();
  const approve = page.getByRole("dialog", { name: "Approve the request" });
  await expect(approve.getByLabel(/Notify the customer/)).toBeChecked();
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(approve).toBeHidden();

  await expect(page.getByTestId("order-request").filter({ hasText: suite })).toContainText("Approved by Riley Rep");
  await expect(page.locator("address").filter({ hasText: suite })).toHaveCount(1); // the shipping address, not the billing one
  await expect(outcomes).toHaveCount(before + 1);
  await expect(page.getByTestId("order-history")).toContainText("Request approved: change the shipping address");
});
