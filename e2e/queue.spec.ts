import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("a rep sees the breached order on top, filters, assigns it and opens it by keyboard", async ({ page }) => {
  await signInAs(page, "rep");
  await page.goto("/queue");
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();

  // Breached first: the top row is breached and the header counts them.
  const rows = page.getByTestId("queue-table").locator("tbody tr");
  await expect(rows.first().locator("[data-band]")).toHaveText("Breached");
  expect(Number(await page.getByTestId("count-breached").textContent())).toBeGreaterThan(0);

  // Filter to breached, unassigned orders; the filters land in the URL.
  await page.getByLabel("Risk", { exact: true }).selectOption("breached");
  await page.getByLabel("Assignee", { exact: true }).selectOption("unassigned");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/band=breached/);
  await expect(page).toHaveURL(/assignee=unassigned/);
  await expect(rows.first()).toBeVisible();
  for (const band of await rows.locator("[data-band]").allTextContents()) expect(band).toBe("Breached");

  // Keyboard: j/k move the selection, a assigns the selected order to me.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("k");
  await expect(rows.first()).toHaveAttribute("aria-selected", "true");
  const number = (await rows.first().getAttribute("data-order"))!;
  await page.keyboard.press("a");
  await expect(page.getByText(`${number} is yours`, { exact: true })).toBeVisible();
  // It leaves the "unassigned" view at the next refresh and appears under "Mine", with a Release button.
  await expect(page.locator(`tr[data-order="${number}"]`)).toHaveCount(0);
  await page.getByLabel("Assignee", { exact: true }).selectOption("mine");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/assignee=mine/);
  const mine = page.locator(`tr[data-order="${number}"]`);
  await expect(mine.getByRole("button", { name: "Release" })).toBeVisible();

  // Select it and open it with Enter.
  await mine.locator("td").nth(2).click();
  await expect(mine).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orders/${number}$`));
  await expect(page.getByRole("heading", { level: 1, name: number })).toBeVisible();
  await expect(page.getByTestId("open-clocks").locator("[data-band]").first()).toHaveText("Breached");
  await expect(page.getByText("Assignee Riley Rep")).toBeVisible();
});

test("? shows the keyboard shortcuts and / focuses the search", async ({ page }) => {
  await signInAs(page, "rep");
  await page.goto("/queue");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
});

test.describe("on a 1280 × 800 screen", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the queue fits beside the sidebar: no sideways scrolling, Time left and Assignee in view", async ({ page }) => {
    await signInAs(page, "rep");
    await page.goto("/queue");
    const table = page.getByTestId("queue-table");
    const firstRow = table.locator("tbody tr").first();
    await expect(firstRow).toBeVisible();

    // Neither the page nor the table's own scroll container is wider than what it shows.
    const overflow = await table.evaluate((element) => {
      const container = element.parentElement!;
      const doc = document.documentElement;
      return { page: doc.scrollWidth - doc.clientWidth, table: container.scrollWidth - container.clientWidth };
    });
    expect(overflow).toEqual({ page: 0, table: 0 });

    for (const name of ["Time left", "Assignee"]) {
      await expect(table.getByRole("columnheader", { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    const cells = firstRow.getByRole("cell");
    await expect(cells).toHaveCount(6);
    await expect(cells.nth(4)).toContainText(/(left|overdue)$/);
    await expect(cells.nth(4)).toBeInViewport({ ratio: 1 });
    await expect(cells.nth(5)).toBeInViewport({ ratio: 1 });
    // Wholly inside the window's width, not cut at its right edge.
    const box = (await cells.nth(5).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
  });
});
