import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// A rep escalates an order; a supervisor finds it in the escalation queue, acknowledges it, comments and resolves it
// with an outcome; the order's history tells all of it.

async function anOrderInProcessing(page: Page): Promise<string> {
  await page.goto("/orders?status=processing");
  const number = (await page.locator("tbody tr td:first-child a").first().textContent())?.trim();
  if (!number) throw new Error("no order in processing in the demo data");
  return number;
}

test("a rep escalates an order; a supervisor acknowledges, comments and resolves it; the order's history shows each step", async ({ page }) => {
  // New on every run, so a retry finds its own escalation.
  const reason = `Customer threatens a chargeback ${Date.now() % 1_000_000}`;

  await signInAs(page, "rep");
  const number = await anOrderInProcessing(page);
  await page.goto(`/orders/${number}`);
  await page.getByRole("button", { name: "Escalate order…" }).click();
  const dialog = page.getByRole("dialog", { name: "Escalate to a supervisor" });
  // An empty reason is refused beside the field, and nothing is raised.
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog.getByText("Say why this needs a supervisor (a few words).")).toBeVisible();
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByLabel("Severity").selectOption("critical");
  await dialog.getByLabel("Note (optional)").fill("Called three times; wants a supervisor today.");
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog).toBeHidden();
  const entry = page.getByTestId("order-escalation").filter({ hasText: reason });
  await expect(entry).toContainText("Open");
  await expect(entry).toContainText("Raised by Riley Rep");

  await page.context().clearCookies();
  await signInAs(page, "supervisor");
  await page.goto("/supervisor");
  await page.getByRole("link", { name: /Open escalations/ }).click();
  await expect(page).toHaveURL(/\/escalations$/);
  await page.getByLabel("Severity").selectOption("critical");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/severity=critical/);
  const row = page.getByTestId("escalation-row").filter({ hasText: reason });
  await expect(row).toContainText(number);
  await expect(row).toContainText("Riley Rep");
  await expect(row.locator("[data-band]")).toHaveCount(1);
  await row.getByRole("link", { name: reason }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(reason);
  await expect(page.getByTestId("escalation-note")).toHaveText("Called three times; wants a supervisor today.");
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.locator("[data-status]")).toHaveText("Acknowledged");
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);

  await page.getByLabel("Add a comment").fill("Called the customer back; carrier trace opened.");
  await page.getByRole("button", { name: "Comment" }).click();
  await expect(page.getByTestId("escalation-comments")).toContainText("Called the customer back; carrier trace opened.");

  // The outcome is required.
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("Write the outcome: what was done and what the customer was told.").first()).toBeVisible();
  await page.getByLabel("Outcome").fill("Refunded shipping; the customer accepted.");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.locator("[data-status]")).toHaveText("Resolved");
  await expect(page.getByTestId("escalation-outcome")).toContainText("Refunded shipping; the customer accepted.");
  await expect(page.getByTestId("escalation-history")).toContainText("Acknowledged");

  await page.getByRole("link", { name: number }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${number}#escalations$`));
  const history = page.getByTestId("order-history");
  await expect(history).toContainText("Escalated: critical severity");
  await expect(history).toContainText(reason);
  await expect(history).toContainText("Escalation acknowledged");
  await expect(history).toContainText("Comment on the escalation");
  await expect(history).toContainText("Escalation resolved");
  await expect(history).toContainText("Outcome: Refunded shipping; the customer accepted.");
  await expect(page.getByTestId("order-escalation").filter({ hasText: reason })).toContainText("Resolved");
});
