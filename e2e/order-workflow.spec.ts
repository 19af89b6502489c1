import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

async function firstOrderWithStatus(page: import("@playwright/test").Page, status: string): Promise<string> {
  await page.goto(`/orders?status=${status}`);
  const number = (await page.locator("tbody tr td a").first().textContent())?.trim();
  if (!number) throw new Error(`no ${status} order in the demo data`);
  return number;
}

test("a stale edit in a second browser is refused with who changed the order, and nothing is overwritten", async ({ browser }) => {
  const repContext = await browser.newContext();
  const supervisorContext = await browser.newContext();
  const rep = await repContext.newPage();
  const supervisor = await supervisorContext.newPage();
  await signInAs(rep, "rep");
  await signInAs(supervisor, "supervisor");

  const number = await firstOrderWithStatus(rep, "received");
  await rep.goto(`/orders/${number}`);
  await supervisor.goto(`/orders/${number}`);
  // Each sees the other on the page (the rep's next presence beat is at most 10 s away).
  await expect(supervisor.getByTestId("order-presence")).toHaveText("Also viewing: Riley Rep (rep)");
  await expect(rep.getByTestId("order-presence")).toHaveText("Also viewing: Sasha Supervisor (supervisor)", { timeout: 15_000 });

  // The rep confirms with the verification checklist.
  await rep.getByRole("button", { name: "Confirm order…" }).click();
  const dialog = rep.getByRole("dialog", { name: "Confirm the order" });
  await dialog.getByRole("button", { name: "Confirm order" }).click();
  await expect(dialog.getByText("Check this before confirming.").first()).toBeVisible();
  for (const box of await dialog.getByRole("checkbox").all()) await box.check();
  await dialog.getByRole("button", { name: "Confirm order" }).click();
  await expect(rep.getByText("Order confirmed", { exact: true })).toBeVisible();
  await expect(rep.locator("h1 + *")).toHaveText("Confirmed");

  // The supervisor's page still shows "received"; their hold is refused, and the page refreshes to the truth.
  await supervisor.getByRole("button", { name: "Put on hold…" }).click();
  await supervisor.getByRole("dialog").getByRole("button", { name: "Put on hold" }).click();
  await expect(supervisor.getByText(/This order was changed by Riley Rep at/).first()).toBeVisible();
  await expect(supervisor.locator("h1 + *")).toHaveText("Confirmed");
  await expect(supervisor.getByTestId("order-history")).toContainText("Status Received → Confirmed");
  await expect(supervisor.getByTestId("order-history")).not.toContainText("On hold");

  await repContext.close();
  await supervisorContext.close();
});

test("a rep adds an internal note and cancels an order with a reason; only allowed moves are offered", async ({ page }) => {
  await signInAs(page, "rep");
  const number = await firstOrderWithStatus(page, "processing");
  await page.goto(`/orders/${number}`);
  // Shipping asks for the tracking (or why there is none): a dialog, never a one-click status change.
  await expect(page.getByRole("button", { name: "Ship…" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark shipped" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark delivered" })).toHaveCount(0);

  await page.getByLabel("Internal note").fill("Customer called: please leave at the back door.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("order-history")).toContainText("please leave at the back door");

  await page.getByRole("button", { name: "Cancel order…" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill("Customer changed their mind");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel order" }).click();
  await expect(page.locator("h1 + *")).toHaveText("Cancelled");
  await expect(page.getByTestId("order-history")).toContainText("Customer changed their mind");
  await expect(page.getByText("No status change is possible from cancelled.")).toBeVisible();
});
