import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// A delivered order from the middle of the list (other specs take the first and last ones) whose customer has an
// email address, and that address as the order page shows it.
async function orderWithCustomerEmail(page: Page, { withPhone = false } = {}): Promise<{ number: string; email: string }> {
  await page.goto("/orders?status=delivered");
  const numbers = (await page.locator("tbody tr td:first-child a").allTextContents()).map((t) => t.trim());
  const middle = Math.floor(numbers.length / 2);
  for (const number of [...numbers.slice(middle), ...numbers.slice(0, middle)].slice(0, 10)) {
    await page.goto(`/orders/${number}`);
    const email = page.getByText(/^[^\s@]+@example\.(com|net)$/).first();
    // An answer recorded by phone needs a phone number on file ("No phone" otherwise).
    const phoneMissing = withPhone && (await page.getByText("No phone", { exact: true }).count()) > 0;
    if ((await email.count()) > 0 && !phoneMissing) return { number, email: (await email.textContent())!.trim() };
  }
  throw new Error("no delivered order with a customer email in the demo data");
}

test("a rep logs a customer's question, pauses it while waiting on them, resumes and answers it; the order lists it", async ({ page }) => {
  await signInAs(page, "rep");
  const { number, email } = await orderWithCustomerEmail(page);
  // New on every run, so a retry finds its own inquiry.
  const question = `Can the parcel be collected from the depot instead? (${Date.now() % 100_000})`;

  await page.goto("/inquiries");
  await page.getByRole("button", { name: "Log an inquiry…" }).click();
  const log = page.getByRole("dialog", { name: "Log an inquiry" });
  await log.getByLabel("Customer email").fill(email);
  await log.getByLabel("Order number (optional)").fill(number);
  await log.getByLabel("Came in by").selectOption("phone");
  await log.getByLabel("The question").fill(question);
  await log.getByRole("button", { name: "Log inquiry" }).click();

  // The new inquiry's page: its question, open, its 24-hour clock running.
  await expect(page).toHaveURL(/\/inquiries\/[0-9a-f-]{36}$/);
  const inquiryUrl = page.url();
  await expect(page.getByTestId("inquiry-question")).toHaveText(question);
  const status = page.locator("[data-inquiry-status]").first();
  await expect(status).toHaveText("Open");
  await expect(page.getByTestId("inquiry-clock").locator("[data-band]")).toHaveAttribute("data-band", "on_track");

  // The inbox lists it with its order, and leads back to it.
  await page.goto("/inquiries");
  const row = page.getByTestId("inquiry-row").filter({ hasText: question });
  await expect(row).toContainText(number);
  await expect(row.locator("[data-band]")).toHaveAttribute("data-band", "on_track");
  await row.getByRole("link", { name: question }).click();
  await expect(page).toHaveURL(inquiryUrl);

  // Waiting on the customer: the clock pauses, and the inbox shows it paused.
  await page.getByLabel("What we need from the customer (optional)").fill("A photo of the parcel label");
  await page.getByRole("button", { name: "Waiting on customer" }).click();
  await expect(status).toHaveText("Waiting on customer");
  await expect(page.getByTestId("inquiry-clock").locator('[data-clock-state="paused"]')).toContainText("Paused");
  await page.goto("/inquiries?status=waiting_customer");
  await expect(row.locator('[data-clock-state="paused"]')).toContainText("waiting on customer");
  await expect(row.locator("[data-band]")).toHaveCount(0);

  // The customer replied: the clock runs again.
  await page.goto(inquiryUrl);
  await page.getByRole("button", { name: "Customer replied" }).click();
  await expect(status).toHaveText("Open");
  await expect(page.getByTestId("inquiry-clock").locator("[data-band]")).toHaveAttribute("data-band", "on_track");

  // The answer goes out by email, meets the clock and is listed with the inquiry.
  await page.getByLabel("Answer", { exact: true }).fill("Yes: the carrier holds it at the depot for 5 days; bring a photo ID.");
  await page.getByLabel("Send by").selectOption("email");
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(status).toHaveText("Answered");
  await expect(page.getByTestId("inquiry-clock")).toContainText("Answered on time");
  await expect(page.getByTestId("inquiry-messages").getByRole("row").filter({ hasText: `Re: your question about order #${number}` })).toHaveCount(1);
  await expect(page.getByTestId("inquiry-history")).toContainText("The customer replied");

  // The order page lists the inquiry as answered, and its history tells each step.
  await page.goto(`/orders/${number}`);
  const entry = page.getByTestId("order-inquiry").filter({ hasText: question });
  await expect(entry.locator("[data-inquiry-status]")).toHaveText("Answered");
  const history = page.getByTestId("order-history");
  await expect(history).toContainText("Inquiry waiting on the customer");
  await expect(history).toContainText("Customer replied to the inquiry");
  await expect(history).toContainText("Inquiry answered");
  await entry.getByRole("link", { name: question }).click();
  await expect(page).toHaveURL(inquiryUrl);
});

test("resolving waits for an answer; an answer given on a call is recorded by phone first", async ({ page }) => {
  await signInAs(page, "rep");
  const { number } = await orderWithCustomerEmail(page, { withPhone: true });
  const question = `Is the receipt in the box? (${Date.now() % 100_000})`;
  await page.goto(`/orders/${number}`);
  await page.getByRole("button", { name: "Log an inquiry…" }).click();
  const log = page.getByRole("dialog", { name: "Log an inquiry" });
  // The order page fills in the order and its customer's email.
  await expect(log.getByLabel("Order number (optional)")).toHaveValue(number);
  await log.getByLabel("The question").fill(question);
  await log.getByRole("button", { name: "Log inquiry" }).click();
  await expect(page).toHaveURL(/\/inquiries\/[0-9a-f-]{36}$/);

  await expect(page.getByRole("button", { name: "Resolve" })).toBeDisabled();
  await page.getByLabel("Answer", { exact: true }).fill("Told them the receipt is emailed, not in the box.");
  await page.getByLabel("Send by").selectOption("phone");
  await page.getByRole("button", { name: "Send answer" }).click();
  const status = page.locator("[data-inquiry-status]").first();
  await expect(status).toHaveText("Answered");
  await page.getByLabel("Resolution (optional)").fill("Customer satisfied");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(status).toHaveText("Resolved");
  await expect(page.getByRole("button", { name: "Send answer" })).toHaveCount(0);
  await expect(page.getByTestId("inquiry-history")).toContainText("Customer satisfied");
});
