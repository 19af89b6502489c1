import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// Orders are taken from the end of a list so the specs that take the first ones (corrections, workflow, the
// fulfillment board) never meet the same order.
async function lastOrderWithStatus(page: Page, status: string): Promise<string> {
  await page.goto(`/orders?status=${status}`);
  const number = (await page.locator("tbody tr").last().locator("td a").first().textContent())?.trim();
  if (!number) throw new Error(`no ${status} order in the demo data`);
  return number;
}

test("a rep tells the customer about a delay from the order page: preview, send, the clock is met, the email is in the local outbox", async ({ page }) => {
  await signInAs(page, "rep");
  const number = await lastOrderWithStatus(page, "confirmed");
  await page.goto(`/orders/${number}`);

  // The delay first: flagging it opens the one-hour delay-notice clock (the delay stage is "suggest", so nothing is sent yet).
  await page.getByRole("button", { name: "Flag a delay…" }).click();
  const flag = page.getByRole("dialog", { name: "Flag a delay" });
  await flag.getByLabel("Cause").selectOption("carrier");
  await flag.getByLabel("Explanation").fill("The carrier's hub is closed by a snowstorm");
  await flag.getByLabel("Revised delivery date").fill("2027-02-12");
  await flag.getByRole("button", { name: "Flag delay" }).click();
  await expect(page.getByText("Delayed", { exact: true })).toBeVisible();
  await expect(page.getByTestId("open-clocks")).toContainText("Delay notice due");

  await page.getByRole("button", { name: "Notify customer…" }).click();
  const composer = page.getByRole("dialog", { name: "Notify the customer" });
  await composer.getByLabel("Template").selectOption("delay");
  await composer.getByLabel("Channel").selectOption("email");

  // The cause is the rep's to write: empty, the notice cannot be sent and the gap is named.
  const cause = composer.getByLabel(/^Cause/);
  await cause.fill("");
  await expect(composer.getByTestId("notice-missing")).toContainText("Cause");
  await expect(cause).toHaveAttribute("aria-invalid", "true");
  await expect(composer.getByRole("button", { name: "Send notice" })).toBeDisabled();

  await cause.fill("a snowstorm closed the carrier's regional hub");
  await composer.getByLabel(/^Revised delivery date/).fill("2027-02-12");
  await expect(composer.getByTestId("notice-missing")).toHaveCount(0);
  const email = composer.frameLocator('iframe[title="Email preview"]');
  await expect(email.locator("body")).toContainText("a snowstorm closed the carrier's regional hub");
  await composer.getByRole("tab", { name: "SMS" }).click();
  await expect(composer.getByTestId("preview-sms-count")).toHaveText(/^\d+ characters · \d+ segments? \((GSM-7|UCS-2)\)$/);
  await composer.getByRole("tab", { name: "Email" }).click();

  await composer.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Notice sent", { exact: true })).toBeVisible();
  await expect(composer).toBeHidden();
  await expect(page.getByTestId("open-clocks").getByText("Delay notice due")).toHaveCount(0);
  const sent = page.getByTestId("order-messages").getByRole("row").filter({ hasText: "Delay" }).filter({ hasText: "Riley Rep" });
  await expect(sent).toHaveCount(1);

  // The in-app worker delivers to the local outbox within a second or so.
  await page.goto("/messages");
  await page.getByLabel("Delivered by").selectOption({ label: "Local outbox" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/provider=local-outbox/);
  const delivered = page.getByRole("row").filter({ hasText: number }).filter({ hasText: "Delay" });
  await expect(async () => {
    await page.reload();
    await expect(delivered).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(delivered).toContainText("Riley Rep");
  await delivered.getByRole("link").first().click();
  await expect(page.frameLocator("iframe").first().locator("body")).toContainText("a snowstorm closed the carrier's regional hub");
});

test("shipping an order from the fulfillment board sends the shipping notice by itself", async ({ page }) => {
  await signInAs(page, "fulfillment");
  await page.goto("/fulfillment");
  const card = page.locator("[aria-labelledby='column-pack'] li[data-order]").last();
  const number = (await card.getAttribute("data-order"))!;
  await card.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ship selected…" }).click();
  const ship = page.getByRole("dialog", { name: "Ship 1 order" });
  await ship.getByLabel(`Carrier for ${number}`).selectOption("ups");
  await ship.getByLabel(`Tracking number for ${number}`).fill("1Z999AA10123456799");
  await ship.getByRole("button", { name: "Ship" }).click();
  await expect(page.getByTestId("bulk-results")).toContainText("1 of 1 done");

  // Fulfillment sees on the order what the customer was told, and that no person sent it.
  await page.goto(`/orders/${number}`);
  const notice = page.getByTestId("order-messages").getByRole("row").filter({ hasText: "Shipped" }).filter({ hasText: "System" });
  await expect(notice).toHaveCount(1);
  await expect(page.getByTestId("open-clocks").getByText("Shipping notice due")).toHaveCount(0);
});
