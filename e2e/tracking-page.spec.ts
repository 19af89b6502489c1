import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// The customer's tracking page: no sign-in, a phone-sized screen, forms that work without JavaScript. Tokens come
// from the demo data through the staff order page's "Customer tracking page" link, as a rep would share it.

const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Order numbers with this status (newest first), read from the staff order list. */
async function orderNumbers(page: Page, status: string): Promise<string[]> {
  await page.goto(`/orders?status=${status}`);
  const numbers = (await page.locator("tbody tr td a").allTextContents()).map((n) => n.trim()).filter(Boolean);
  if (numbers.length === 0) throw new Error(`no ${status} order in the demo data`);
  return numbers;
}

async function trackingPath(page: Page, number: string): Promise<string> {
  await page.goto(`/orders/${number}`);
  const href = await page.getByRole("link", { name: "Customer tracking page" }).getAttribute("href");
  expect(href).toMatch(/^\/track\/[0-9a-f]{64}$/);
  return href!;
}

async function staffPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "rep");
  return { context, page };
}

async function customerPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ ...phone, ...options });
  return { context, page: await context.newPage() };
}

test("a customer on a phone opens the tracking link, asks a question and asks to change the address", async ({ browser }) => {
  const staff = await staffPage(browser);
  const customer = await customerPage(browser);
  const page = customer.page;

  // A confirmed order whose address may still change (a demo order may already have an open address request).
  let path: string | null = null;
  let number = "";
  for (const candidate of (await orderNumbers(staff.page, "confirmed")).slice(0, 6)) {
    const href = await trackingPath(staff.page, candidate);
    await page.goto(href);
    if ((await page.locator("summary", { hasText: "Change the delivery address" }).count()) > 0) {
      path = href;
      number = candidate;
      break;
    }
  }
  expect(path, "a confirmed order that still takes an address change").not.toBeNull();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");
  await expect(page.getByText(new RegExp(`^Hi \\S+ · Order ${number}$`))).toBeVisible();
  await expect(page.getByTestId("tracking-timeline")).toContainText("Order received");
  // Mobile first: nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.getByLabel("Your question").fill("Can you leave the parcel with my neighbour at number 7?");
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByTestId("tracking-banner")).toHaveText("Thanks — we received your question. You can see it below, with when we will answer.");
  await expect(page.getByTestId("tracking-questions")).toContainText("Can you leave the parcel with my neighbour at number 7?");

  await page.locator("summary", { hasText: "Change the delivery address" }).click();
  const form = page.locator("details[open] form");
  await form.getByLabel("Recipient name").fill("Ada Lovelace");
  await form.getByLabel("Street and number").fill("12 Harbour Road");
  await form.getByLabel("City").fill("Portland");
  await form.getByLabel("Postal code").fill("04101");
  await form.getByLabel(/Country code/).fill("US");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("tracking-banner")).toHaveText("Thanks — we received your request and will answer within 24 hours.");
  await expect(page.getByTestId("tracking-requests")).toContainText("Change the delivery address: Waiting for our answer");
  await expect(page.getByTestId("tracking-refusals")).toContainText("Change the delivery address: You have already asked for this");

  // The rep sees the customer's request on the order.
  await staff.page.goto(`/orders/${number}`);
  await expect(staff.page.getByTestId("order-history")).toContainText(/Request[^\n]*address/i);

  // A form posted with someone else's (wrong) token is answered like a wrong link.
  await page.locator("#question input[name=token]").evaluate((input: HTMLInputElement) => (input.value = "0".repeat(64)));
  await page.getByLabel("Your question").fill("Whose order is this?");
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByRole("heading", { name: "This tracking link is not valid." })).toBeVisible();

  await customer.context.close();
  await staff.context.close();
});

test("a wrong or malformed token is the same plain 404, and reveals nothing", async ({ page, request }) => {
  for (const path of [`/track/${"0".repeat(64)}`, "/track/OL-100001", `/track/${"f".repeat(63)}`]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
  }
  await page.goto(`/track/${"0".repeat(64)}`);
  const wrong = await page.locator("main").innerText();
  await page.goto("/track/OL-100001");
  expect(await page.locator("main").innerText()).toBe(wrong);
  await expect(page.getByRole("heading", { name: "This tracking link is not valid." })).toBeVisible();
  await expect(page.getByText("Order received")).toHaveCount(0);
});

test("without JavaScript the customer can still ask a question", async ({ browser }) => {
  const staff = await staffPage(browser);
  const path = await trackingPath(staff.page, (await orderNumbers(staff.page, "processing"))[0]!);
  const customer = await customerPage(browser, { javaScriptEnabled: false });
  await customer.page.goto(path);
  await expect(customer.page.getByRole("heading", { level: 1 })).toHaveText("Being prepared");
  await customer.page.getByLabel("Your question").fill("Will it come before the weekend?");
  await customer.page.getByRole("button", { name: "Send question" }).click();
  await expect(customer.page.getByTestId("tracking-banner")).toHaveText("Thanks — we received your question. You can see it below, with when we will answer.");
  await customer.context.close();
  await staff.context.close();
});

test("the customer's question shows on their page, and our answer appears under it once a rep sends it", async ({ browser }) => {
  const staff = await staffPage(browser);
  const number = (await orderNumbers(staff.page, "processing"))[1]!;
  const path = await trackingPath(staff.page, number);
  // New on every run, so a retry finds its own question. The page works without JavaScript; this one has none.
  const question = `Can the driver ring the bell twice? (${Date.now() % 100_000})`;
  const customer = await customerPage(browser, { javaScriptEnabled: false });
  const page = customer.page;
  await page.goto(path);
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Send question" }).click();

  const mine = page.getByTestId("tracking-questions").getByRole("listitem").filter({ hasText: question });
  // The reply time is the policy in force (settings.spec.ts edits it on the shared demo data).
  await expect(mine).toContainText(/Your question, sent .+ — we answer within \d+ (h|business hours?)/);
  await expect(mine).toContainText("Waiting for our answer");
  await expect(mine.getByTestId("tracking-answer")).toHaveCount(0);
  // Newest first: it tops the list.
  await expect(page.getByTestId("tracking-questions").getByRole("listitem").first()).toContainText(question);

  // The rep finds the question on the order and answers it on the tracking page (every order has one; not every
  // demo customer has an email address).
  await staff.page.goto(`/orders/${number}`);
  await staff.page.getByTestId("order-inquiry").filter({ hasText: question }).getByRole("link", { name: question }).click();
  await expect(staff.page).toHaveURL(/\/inquiries\/[0-9a-f-]{36}$/);
  const answer = "Yes — we have added “ring twice” to the delivery note.";
  await staff.page.getByLabel("Answer", { exact: true }).fill(answer);
  await staff.page.getByLabel("Send by").selectOption("portal");
  await staff.page.getByRole("button", { name: "Send answer" }).click();
  await expect(staff.page.locator("[data-inquiry-status]").first()).toHaveText("Answered");

  await page.reload();
  await expect(mine).toContainText("Answered");
  await expect(mine).not.toContainText("we answer within");
  await expect(mine.getByTestId("tracking-answer")).toContainText(answer);
  await expect(mine.getByTestId("tracking-answer")).toContainText(/Message on this page · \w{3} \d+, \d{4}/);

  await customer.context.close();
  await staff.context.close();
});

test("after delivery the customer rates it, the rating appears on the order, and a new rating replaces it", async ({ browser }) => {
  const staff = await staffPage(browser);
  const number = (await orderNumbers(staff.page, "delivered"))[0]!;
  const path = await trackingPath(staff.page, number);
  const customer = await customerPage(browser);
  const page = customer.page;

  await page.goto(`${path}#feedback`);
  await expect(page.getByRole("heading", { name: "Rate your delivery" })).toBeVisible();
  await page.getByLabel("2 — Poor").check();
  await page.getByLabel("Comment (optional)").fill("Arrived a day late.");
  await page.getByRole("button", { name: /rating/ }).click();
  await expect(page.getByTestId("tracking-banner")).toHaveText("Thanks for rating your delivery.");

  await page.getByLabel("4 — Good").check();
  await page.getByLabel("Comment (optional)").fill("Late, but the driver was lovely.");
  await page.getByRole("button", { name: "Update rating" }).click();
  await expect(page.getByTestId("tracking-feedback")).toContainText("You rated it 4 of 5");

  await staff.page.goto(`/orders/${number}`);
  const card = staff.page.getByTestId("customer-rating");
  await expect(card).toContainText("4 of 5");
  await expect(card).toContainText("Late, but the driver was lovely.");
  await expect(staff.page.getByTestId("order-history")).toContainText("Customer rated the delivery");

  await customer.context.close();
  await staff.context.close();
});
