import { expect, test } from "@playwright/test";
import { signatureHeader } from "../lib/integrations/signature";
import { signInAs } from "./helpers";

test("the API reference is public and lists both endpoints", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("public");
  const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/orders", "/api/v1/tracking-events"]));
});

test("an admin's new carrier key comes with a signing secret; a signed event reaches the server, a forged one and an order are refused", async ({ page }) => {
  const keyName = `Carrier ${Date.now()}`;
  await signInAs(page, "admin");
  await page.goto("/settings");
  await page.getByLabel("New key name").fill(keyName);
  await page.getByRole("radio", { name: "Carrier events", exact: true }).check();
  await page.getByRole("checkbox", { name: "UPS", exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel(`API key ${keyName}`).inputValue();
  const secret = await page.getByLabel(`Signing secret ${keyName}`).inputValue();
  expect(secret).toMatch(/^whsec_/);
  const row = page.getByRole("row", { name: new RegExp(keyName) });
  await expect(row).toContainText("Carrier events");
  await expect(row).toContainText("Only orders shipped with UPS");

  // An order number no one has: a correctly signed event gets past authentication and is answered 422.
  const body = JSON.stringify({ eventId: `e2e-${Date.now()}`, orderNumber: "OL-999999999", type: "in_transit", occurredAt: new Date().toISOString() });
  const post = (signature: string) =>
    page.request.post("/api/v1/tracking-events", {
      data: body,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "orderline-signature": signature },
    });
  const t = Math.floor(Date.now() / 1000);
  const signed = await post(signatureHeader(secret, body, t));
  expect(signed.status()).toBe(422);
  expect(((await signed.json()) as { error: string }).error).toContain("OL-999999999");
  expect((await post(signatureHeader("whsec_forged", body, t))).status()).toBe(401);

  // A carrier's key may not send orders.
  const order = await page.request.post("/api/v1/orders", { data: { externalId: `e2e-${Date.now()}` }, headers: { authorization: `Bearer ${key}` } });
  expect(order.status()).toBe(403);
  expect(((await order.json()) as { error: string }).error).toMatch(/^This key may not post orders/);
});
