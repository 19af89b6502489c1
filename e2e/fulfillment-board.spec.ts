import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// The demo data has more orders being processed than a column's first page (15). These tests take theirs from the
// second page of "To pack and ship": fulfillment.spec.ts ships the first three, fulfillment-import.spec.ts two more
// of the first page, and order-workflow.spec.ts cancels the newest.

const packColumn = (page: Page) => page.locator("[aria-labelledby='column-pack']");
const numbersIn = (column: Locator) => column.locator("li[data-order]").evaluateAll((items) => items.map((li) => li.getAttribute("data-order")!));

/** Opens the board and loads the second page of "To pack and ship"; returns its total and the second page's numbers. */
async function secondPageOfPack(page: Page) {
  await page.goto("/fulfillment");
  const pack = packColumn(page);
  const count = pack.getByTestId("column-count");
  await expect(count).toHaveText(/^15 of \d+$/);
  const total = Number((await count.textContent())!.split(" of ")[1]);
  expect(total, "the demo data has two pages of orders being processed").toBeGreaterThanOrEqual(20);
  const first = await numbersIn(pack);
  await pack.getByRole("button", { name: /Load more/ }).click();
  const shown = Math.min(30, total);
  await expect(pack.locator("li[data-order]")).toHaveCount(shown);
  // The count says the second page has loaded (the cards alone could still be the first page's plus a few).
  await expect(pack.getByTestId("column-count")).toHaveText(shown < total ? `${shown} of ${total}` : String(total));
  const all = await numbersIn(pack);
  expect(all.length, "the second page's cards are on the board").toBe(shown);
  return { pack, total, first, all, second: all.slice(15) };
}

test("the board pages a column with Load more, keeping the selection, and finds an order by search", async ({ page }) => {
  await signInAs(page, "fulfillment");
  const { pack, total, first, all, second } = await secondPageOfPack(page);
  expect(all.slice(0, 15)).toEqual(first);
  expect(new Set(all).size, "no card twice").toBe(all.length);
  await expect(pack.getByTestId("column-count")).toHaveText(all.length < total ? `${all.length} of ${total}` : String(total));

  // A card selected on the first page stays selected while the next page loads, and cards of both pages select.
  await page.goto("/fulfillment");
  await pack.locator(`li[data-order="${first[0]}"]`).getByRole("checkbox").check();
  await expect(page.getByTestId("selection-count")).toHaveText("1 selected");
  await pack.getByRole("button", { name: /Load more/ }).click();
  await pack.locator(`li[data-order="${second[0]}"]`).getByRole("checkbox").check();
  await expect(pack.locator(`li[data-order="${first[0]}"]`).getByRole("checkbox")).toBeChecked();
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  await pack.getByRole("button", { name: `Select all ${all.length} shown` }).click();
  await expect(page.getByTestId("selection-count")).toHaveText(`${all.length} selected`);
  await page.getByRole("button", { name: "Clear selection" }).click();

  // Part of an order number from the second page: the URL holds it, and every column counts under it.
  const wanted = second[1]!;
  await page.getByRole("searchbox", { name: "Search" }).fill(wanted.slice(3).toLowerCase());
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${wanted.slice(3)}`));
  await expect(pack.locator("li[data-order]")).toHaveCount(1);
  await expect(pack.locator(`li[data-order="${wanted}"]`)).toBeVisible();
  await expect(pack.getByTestId("column-count")).toHaveText("1");
  await expect(page.locator("[aria-labelledby='column-pick']")).toContainText("No orders match these filters.");

  // The customer's name as the card shows it, in capitals.
  const customer = (await pack.locator(`li[data-order="${wanted}"] p`).first().textContent())!.trim();
  await page.getByRole("searchbox", { name: "Search" }).fill(customer.toUpperCase());
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(pack.locator(`li[data-order="${wanted}"]`)).toBeVisible();

  // A filter no order passes: every column says so, and "Clear filters" brings the board back.
  await page.goto("/fulfillment?age=365");
  await expect(page.getByLabel("Placed", { exact: true })).toHaveValue("365");
  await expect(pack).toContainText("No orders match these filters.");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(pack.getByTestId("column-count")).toHaveText(/^15 of \d+$/);
  await expect(page.getByLabel("Placed", { exact: true })).toHaveValue("");
});

test("a refused bulk ship keeps the dialog, the typed tracking and the refused order; the good one ships and is reported", async ({ page }) => {
  await signInAs(page, "fulfillment");
  const { pack, total, second } = await secondPageOfPack(page);
  const [good, bad] = [second[2]!, second[3]!];
  await pack.locator(`li[data-order="${good}"]`).getByRole("checkbox").check();
  await pack.locator(`li[data-order="${bad}"]`).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ship selected…" }).click();

  const dialog = page.getByRole("dialog", { name: "Ship 2 orders" });
  await dialog.getByLabel(`Tracking number for ${good}`).fill("1Z999AA10123456784");
  await dialog.getByLabel(`Carrier for ${bad}`).selectOption("fedex");
  // Only spaces: the form's check refuses the whole batch, nothing ships, and nothing typed is lost.
  await dialog.getByLabel(`Tracking number for ${bad}`).fill("   ");
  await dialog.getByRole("button", { name: "Ship" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Nothing was shipped" })).toBeVisible();
  await expect(dialog.locator(`li[data-ship-row="${bad}"]`).getByRole("alert")).toHaveText("Enter the tracking number.");
  await expect(dialog.getByLabel(`Tracking number for ${bad}`)).toBeFocused();
  await expect(dialog.getByLabel(`Tracking number for ${good}`)).toHaveValue("1Z999AA10123456784");
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");

  // A number that is not FedEx's: the shipping itself refuses that order alone.
  await dialog.getByLabel(`Tracking number for ${bad}`).fill("12345");
  await dialog.getByRole("button", { name: "Ship" }).click();

  // Still open: the good order is reported and gone from the rows; the bad one keeps its carrier, its number and
  // the reason beside it, and has the focus.
  const open = page.getByRole("dialog", { name: "Ship 1 order" });
  await expect(open.getByTestId("ship-outcome")).toContainText(`1 shipped: ${good}`);
  await expect(open.locator(`li[data-ship-row="${good}"]`)).toHaveCount(0);
  const tracking = open.getByLabel(`Tracking number for ${bad}`);
  await expect(tracking).toHaveValue("12345");
  await expect(tracking).toHaveAttribute("aria-invalid", "true");
  await expect(tracking).toBeFocused();
  await expect(tracking).toHaveAccessibleDescription(/This is not a FedEx tracking number/);
  await expect(open.getByLabel(`Carrier for ${bad}`)).toHaveValue("fedex");
  await expect(open.locator(`li[data-ship-row="${bad}"]`).getByRole("alert")).toContainText("This is not a FedEx tracking number");
  await expect(page.getByTestId("selection-count")).toHaveText("1 selected");
  // Behind the dialog the column is drawn again, the loaded second page too: the shipped order has left it.
  await expect(pack.locator(`li[data-order="${good}"]`)).toHaveCount(0);
  await expect(pack.locator(`li[data-order="${bad}"]`)).toBeVisible();
  const left = total - 1;
  await expect(pack.getByTestId("column-count")).toHaveText(left > 30 ? `30 of ${left}` : String(left));

  // Fixed, it ships; only now does the dialog close, with the results of both tries.
  await tracking.fill("123456789012");
  await open.getByRole("button", { name: "Ship" }).click();
  await expect(open).toBeHidden();
  await expect(page.locator("[data-slot=toast]").filter({ hasText: "2 orders shipped" })).toContainText(`${good}, ${bad}`);
  const results = page.getByTestId("bulk-results");
  await expect(results).toContainText("2 of 2 done");
  await expect(results).toContainText(`${good}: Shipped`);
  await expect(results).toContainText(`${bad}: Shipped`);
  await expect(page.getByTestId("selection-count")).toHaveText("Select orders to move them on.");
  const shipped = page.locator("[aria-labelledby='column-shipped']");
  await page.goto(`/fulfillment?q=${bad.slice(3)}`);
  await expect(shipped.locator(`li[data-order="${bad}"]`)).toBeVisible();
  await expect(shipped.locator(`li[data-order="${bad}"]`)).toContainText("FedEx");
});
