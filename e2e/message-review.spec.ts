import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { demoLogins, signInAs } from "./helpers";

// Communication-log review (SOP 002 §6): a supervisor filters the log, reviews a message, exports the filtered log;
// full-text search finds a message by a word of its body. The demo seed always has bounced SMS (db/seed/notices.ts).

test("a supervisor filters to bounced SMS, reviews one, and exports the filtered log", async ({ page }) => {
  await signInAs(page, "supervisor");
  await page.goto("/messages");
  await page.getByLabel("Channel", { exact: true }).selectOption("sms");
  await page.getByLabel("Delivery status", { exact: true }).selectOption("bounced");
  await page.getByLabel("Review", { exact: true }).selectOption("no");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/channel=sms/);
  await expect(page).toHaveURL(/status=bounced/);
  await expect(page.getByTestId("active-filter-count")).toHaveText("3 filters active");
  const unreviewedUrl = page.url();

  // Open the newest unreviewed bounced SMS.
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("Bounced");
  const link = rows.first().getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/messages\/[0-9a-f-]{36}$/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByText("SMS as sent", { exact: true })).toBeVisible();
  await expect(page.getByTestId("message-body")).toBeVisible();
  const history = page.locator("[data-slot=card]").filter({ has: page.getByText("Delivery history", { exact: true }) });
  await expect(history.getByText("Bounced", { exact: true })).toBeVisible();
  await expect(page.getByText("Not yet reviewed.")).toBeVisible();

  // Review it: a score and a comment.
  const review = page.getByRole("form", { name: "Review this message" });
  await review.getByLabel("2 — poor").check();
  await review.getByLabel("Comment", { exact: true }).fill("Should have followed up by email after the bounce.");
  await review.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByText("Marked reviewed", { exact: true })).toBeVisible();
  const current = page.getByTestId("current-review");
  await expect(current).toContainText("2/5");
  await expect(current).toContainText(`Reviewed by ${demoLogins.supervisor.name}`);
  await expect(current).toContainText("Should have followed up by email after the bounce.");
  await expect(review.getByRole("button", { name: "Update review" })).toBeVisible();

  // "Not yet reviewed" no longer lists it; "Reviewed, low score" does, with its score.
  await page.goto(unreviewedUrl);
  await expect(page.getByTestId("active-filter-count")).toHaveText("3 filters active");
  await expect(page.locator(`a[href="${href}"]`)).toHaveCount(0);
  await page.getByLabel("Review", { exact: true }).selectOption("low");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/reviewed=low/);
  const reviewedRow = page.locator("tbody tr").filter({ has: page.locator(`a[href="${href}"]`) });
  await expect(reviewedRow).toHaveCount(1);
  await expect(reviewedRow.getByTestId("review-score")).toHaveText("Review score 2/5");

  // Export the bounced SMS (any review state): a CSV download with a header row and every row.
  await page.getByLabel("Review", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).not.toHaveURL(/reviewed=/);
  await expect(page.getByTestId("active-filter-count")).toHaveText("2 filters active");
  const downloadStarted = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toMatch(/^messages-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const records = csv.slice(1).split("\r\n").filter(Boolean);
  expect(records[0]).toMatch(/^Message id,Written \(.+\),Channel,Template,Status,/);
  expect(records.length).toBeGreaterThan(1);
  expect(records.slice(1).every((r) => r.includes(",SMS,") && r.includes(",Bounced,"))).toBe(true);
  expect(records.some((r) => r.startsWith(href.replace("/messages/", "")))).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: "Exported" })).toHaveText(`Exported ${records.length - 1} ${records.length === 2 ? "row" : "rows"} to ${download.suggestedFilename()}.`);

  // The quality summary counts the review.
  await page.getByRole("link", { name: "Quality review" }).click();
  await expect(page.getByRole("heading", { name: "Quality review" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^System/ })).toBeVisible();
});

test("full-text search finds a message by a word of its body", async ({ page }) => {
  await signInAs(page, "supervisor");
  // An SMS has no subject: whatever the search matches is in its body.
  await page.goto("/messages?channel=sms&status=delivered");
  const link = page.locator("tbody tr").first().getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  await link.click();
  const body = (await page.getByTestId("message-body").textContent()) ?? "";
  // The order number is the word that names this message's order ("OL-100123").
  const word = /OL-\d+/.exec(body)?.[0];
  expect(word, `an order number in "${body}"`).toBeTruthy();

  await page.goto("/messages");
  const search = page.getByLabel("Search the text", { exact: true });
  await search.fill(word!);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.locator(`a[href="${href}"]`)).toHaveCount(1);
  await expect(page.getByTestId("active-filter-count")).toHaveText("1 filter active");

  // A word in no message: the empty state, and Clear filters brings the whole log back.
  await search.fill("xylophonequartz");
  await search.press("Enter");
  await expect(page.getByText("No messages match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/messages$/);
  await expect(page.getByLabel("Search the text", { exact: true })).toHaveValue("");
  await expect(page.locator("tbody tr").first()).toBeVisible();
});
