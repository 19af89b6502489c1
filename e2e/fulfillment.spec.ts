import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// A 1×1 PNG: a real image by its bytes, small enough to upload in no time.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test("fulfillment bulk-ships three orders with tracking numbers and records a proof of delivery; a rep sees it on the order's history", async ({ page }) => {
  await signInAs(page, "fulfillment");
  await page.goto("/fulfillment");
  const pack = page.getByRole("region", { name: /To pack and ship/ }).or(page.locator("[aria-labelledby='column-pack']"));
  const cards = pack.locator("li[data-order]");
  await expect(cards.nth(2)).toBeVisible();
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) {
    numbers.push((await cards.nth(i).getAttribute("data-order"))!);
    await cards.nth(i).getByRole("checkbox").check();
  }
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await page.getByRole("button", { name: "Ship selected…" }).click();

  const dialog = page.getByRole("dialog", { name: "Ship 3 orders" });
  // One bad number first: that order is refused alone, with the reason.
  await dialog.getByLabel(`Tracking number for ${numbers[0]}`).fill("1Z999AA10123456780");
  await dialog.getByLabel(`Carrier for ${numbers[1]}`).selectOption("fedex");
  await dialog.getByLabel(`Tracking number for ${numbers[1]}`).fill("12345");
  await dialog.getByLabel(`Carrier for ${numbers[2]}`).selectOption("dhl");
  await dialog.getByLabel(`Tracking number for ${numbers[2]}`).fill("1234567890");
  await dialog.getByRole("button", { name: "Ship" }).click();
  // The dialog stays open on the refused one, with the reason beside it; the other two shipped.
  const retry = page.getByRole("dialog", { name: "Ship 1 order" });
  await expect(retry.getByTestId("ship-outcome")).toContainText(`2 shipped: ${numbers[0]}, ${numbers[2]}`);
  await expect(retry.locator(`li[data-ship-row="${numbers[1]}"]`).getByRole("alert")).toContainText("This is not a FedEx tracking number");

  // Ship the refused one again with a good number.
  await retry.getByLabel(`Tracking number for ${numbers[1]}`).fill("123456789012");
  await retry.getByRole("button", { name: "Ship" }).click();
  const results = page.getByTestId("bulk-results");
  await expect(results).toContainText("3 of 3 done");
  await expect(page.locator("[aria-labelledby='column-shipped']")).toContainText(numbers[1]!);

  // Fulfillment flags a delay on one of them, with a revised date.
  await page.goto(`/orders/${numbers[2]}`);
  await page.getByRole("button", { name: "Flag a delay…" }).click();
  const flag = page.getByRole("dialog", { name: "Flag a delay" });
  await flag.getByLabel("Cause").selectOption("weather");
  await flag.getByLabel("Explanation").fill("Snowstorm closed the regional hub");
  await flag.getByLabel("Revised delivery date").fill("2027-01-15");
  await flag.getByRole("button", { name: "Flag delay" }).click();
  await expect(page.getByText("Delayed", { exact: true })).toBeVisible();

  // Fulfillment records proof of delivery on another, with a photo: the order moves on to delivered.
  await page.goto(`/orders/${numbers[0]}`);
  await page.getByRole("button", { name: `Record proof of delivery for ${numbers[0]}` }).click();
  const pod = page.getByRole("dialog", { name: "Record proof of delivery" });
  await pod.getByLabel("Received by").fill("Ada Lovelace");
  await expect(pod.getByLabel("Received at")).not.toHaveValue("");
  await pod.getByLabel("Photo (optional)").setInputFiles({ name: "doorstep.png", mimeType: "image/png", buffer: tinyPng });
  await pod.getByRole("button", { name: "Record proof" }).click();
  await expect(pod).toBeHidden();
  const proof = page.getByTestId("proof-of-delivery");
  await expect(proof).toContainText("Ada Lovelace");
  await expect(proof.getByRole("img", { name: "Delivery photo, received by Ada Lovelace" })).toBeVisible();
  await expect(page.locator("h1 + *")).toHaveText("Delivered");

  // A rep opens it and sees who shipped it with which tracking, the delay, and the delay notice now due.
  await page.context().clearCookies();
  await signInAs(page, "rep");
  await page.goto(`/orders/${numbers[2]}`);
  await expect(page.locator("h1 + *")).toHaveText("Shipped");
  await expect(page.getByText("DHL · 1234567890")).toBeVisible();
  const history = page.getByTestId("order-history");
  await expect(history).toContainText("Status Processing → Shipped");
  await expect(history).toContainText("Frankie Fulfil");
  await expect(history).toContainText("Tracking set");
  await expect(history).toContainText("Exception opened: Weather");
  await expect(history).toContainText("Snowstorm closed the regional hub");
  await expect(page.getByTestId("open-clocks")).toContainText("Delay notice due");
  await expect(page.getByText(/Revised: .*Jan 15, 2027/)).toBeVisible();

  // The rep sees the proof of delivery and its photo, but may not record one.
  await page.goto(`/orders/${numbers[0]}`);
  await expect(history).toContainText("Proof of delivery recorded");
  await expect(history).toContainText("Received by Ada Lovelace at");
  await expect(page.getByTestId("proof-of-delivery")).toContainText("Frankie Fulfil");
  await expect(page.getByRole("button", { name: /proof of delivery/i })).toHaveCount(0);
  const src = await page.getByTestId("proof-of-delivery").getByRole("img").getAttribute("src");
  const photo = await page.request.get(src!);
  expect(photo.status()).toBe(200);
  expect(photo.headers()["content-type"]).toBe("image/png");
  expect(photo.headers()["x-content-type-options"]).toBe("nosniff");
  // Kept by the signed-in browser only, never by a shared cache (a proxy or CDN in front of the instances).
  expect(photo.headers()["cache-control"]).toMatch(/^private\b/);
  expect(Buffer.from(await photo.body()).equals(tinyPng)).toBe(true);
});

test("fulfillment ships with another carrier, then records proof of delivery from the board; a bad photo is refused with the reason", async ({ page }) => {
  await signInAs(page, "fulfillment");
  await page.goto("/fulfillment");
  const card = page.locator("[aria-labelledby='column-pack'] li[data-order]").first();
  const number = (await card.getAttribute("data-order"))!;
  await card.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ship selected…" }).click();
  const ship = page.getByRole("dialog", { name: "Ship 1 order" });
  await ship.getByLabel(`Carrier for ${number}`).selectOption("other");
  await ship.getByLabel(`Tracking number for ${number}`).fill("PC123456");
  await ship.getByLabel(`Carrier name for ${number}`).fill("Parcel Co");
  await ship.getByLabel(`Tracking link template for ${number}`).fill("https://track.example.com/{tracking}");
  await ship.getByRole("button", { name: "Ship" }).click();
  await expect(page.getByTestId("bulk-results")).toContainText("1 of 1 done");

  const shipped = page.locator(`[aria-labelledby='column-shipped'] li[data-order="${number}"]`);
  await shipped.getByRole("button", { name: `Record proof of delivery for ${number}` }).click();
  const pod = page.getByRole("dialog", { name: "Record proof of delivery" });
  await pod.getByLabel("Received by").fill("Grace Hopper");
  // Too big: refused in the browser before any upload. Not an image (a PDF called .png): refused by the server.
  await pod.getByLabel("Photo (optional)").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(8 * 1024 * 1024 + 1) });
  await expect(pod.getByText("The photo is larger than 8 MB.")).toBeVisible();
  await pod.getByLabel("Photo (optional)").setInputFiles({ name: "scan.png", mimeType: "image/png", buffer: Buffer.from("%PDF-1.7 not an image") });
  await pod.getByRole("button", { name: "Record proof" }).click();
  await expect(pod.getByRole("alert")).toHaveText("The photo must be a JPEG, PNG, WebP or HEIC image.");
  await pod.getByLabel("Photo (optional)").setInputFiles([]);
  await pod.getByRole("button", { name: "Record proof" }).click();
  await expect(pod).toBeHidden();
  // Delivered orders leave the board.
  await expect(page.locator(`li[data-order="${number}"]`)).toHaveCount(0);

  await page.goto(`/orders/${number}`);
  await expect(page.getByText("Carrier: Parcel Co · PC123456")).toBeVisible();
  await expect(page.getByRole("link", { name: "PC123456" })).toHaveAttribute("href", "https://track.example.com/PC123456");
  await expect(page.getByTestId("proof-of-delivery")).toContainText("Grace Hopper");
  await expect(page.getByRole("button", { name: `Replace proof of delivery for ${number}` })).toBeVisible();
});
