import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signatureHeader } from "../lib/integrations/signature";
import { signInAs } from "./helpers";

// Requests no page of Orderline sends, against the production server (server.mjs): they pass through Next.js's own
// layers (its server-action check, its path decoding) before any code of ours that vitest can call, and each of them
// used to answer 500 (docs/security.md, "No 500 from any input").

const evil = "https://evil.example";

/** A real server action request, as the sign-in form sends it (wrong password), captured to be sent again. */
async function capturedSignInAction(page: Page): Promise<{ url: string; headers: Record<string, string>; body: Buffer }> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@orderline.test");
  await page.getByLabel("Password").fill("not-the-password");
  const sent = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Sign in" }).click();
  const request = await sent;
  const headers = await request.allHeaders();
  // Transport headers are the client's business; the rest (Next-Action, the router state, the form's boundary) is the action.
  for (const name of ["host", "content-length", "connection", "cookie", "accept-encoding"]) delete headers[name];
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  return { url: request.url(), headers, body: request.postDataBuffer()! };
}

test("a server action posted from another site is refused with 403, from Orderline itself it runs", async ({ page, request }) => {
  const action = await capturedSignInAction(page);
  const send = (headers: Record<string, string>) => request.post(action.url, { headers: { ...action.headers, ...headers }, data: action.body, maxRedirects: 0 });

  const sameSite = await send({});
  expect(sameSite.status()).toBe(200);

  for (const origin of [evil, "null", "not a url", "http://127.0.0.1.evil.example"]) {
    const refused = await send({ origin });
    expect(refused.status(), `Origin: ${origin}`).toBe(403);
    expect(await refused.text()).toContain("came from another site");
  }
  expect((await send({ "sec-fetch-site": "cross-site" })).status()).toBe(403);
  // No proxy is trusted (TRUSTED_PROXY_HOPS=0): a forwarded host the client wrote cannot vouch for another site.
  expect((await send({ origin: evil, "x-forwarded-host": "evil.example" })).status()).toBe(403);

  // The same form posted without JavaScript (no Next-Action header) is refused alike.
  const plain = await request.post("/signin", { headers: { origin: evil }, multipart: { email: "a@b.c", password: "x" }, maxRedirects: 0 });
  expect(plain.status()).toBe(403);
});

test("paths no link makes answer 400, an unknown KPI 404, never 500", async ({ page }) => {
  await signInAs(page, "supervisor");
  for (const path of ["/orders/%00", "/orders/%00/audit", "/orders/a%00b", "/orders/%ff", "/orders/%C0%AF", "/orders/%", "/escalations/%E0%A4", "/track/%ff", "/track/%00", "/api/orders/%00/proof-photo"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
  const unknownKpi = await page.request.get("/kpis/bogus", { maxRedirects: 0 });
  expect(unknownKpi.status()).toBe(404);
  // Ordinary misses are still the not-found page.
  expect((await page.request.get("/orders/OL-000", { maxRedirects: 0 })).status()).toBe(404);
});

/** An admin's new API key and its signing secret, made through Settings as an operator would. */
async function newApiKey(page: Page, purpose: "Order intake" | "Carrier events"): Promise<{ key: string; secret: string }> {
  const keyName = `Hostile ${purpose} ${Date.now()}`;
  await page.goto("/settings");
  await page.getByLabel("New key name").fill(keyName);
  await page.getByRole("radio", { name: purpose, exact: true }).check();
  if (purpose === "Carrier events") await page.getByRole("checkbox", { name: "UPS", exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  return { key: await page.getByLabel(`API key ${keyName}`).inputValue(), secret: await page.getByLabel(`Signing secret ${keyName}`).inputValue() };
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

async function postJson(request: APIRequestContext, path: string, body: string, headers: Record<string, string>) {
  return request.post(path, { data: body, headers: { "content-type": "application/json", ...headers } });
}

test("a body nested 5,000 deep is refused by both /api/v1 endpoints with 400 and a clear message", async ({ page, request }) => {
  await signInAs(page, "admin");
  const shop = await newApiKey(page, "Order intake");
  const carrier = await newApiKey(page, "Carrier events");
  const auth = { authorization: `Bearer ${shop.key}` };
  const deepOrder = `{"externalId":"deep","customer":${nested(5000)}}`;
  const intake = await postJson(request, "/api/v1/orders", deepOrder, auth);
  expect(intake.status()).toBe(400);
  expect(((await intake.json()) as { error: string }).error).toContain("nested too deeply");

  const deepEvent = `{"eventId":"deep","type":"exception","exception":${nested(5000)}}`;
  const signed = { authorization: `Bearer ${carrier.key}`, "orderline-signature": signatureHeader(carrier.secret, deepEvent, Math.floor(Date.now() / 1000)) };
  const event = await postJson(request, "/api/v1/tracking-events", deepEvent, signed);
  expect(event.status()).toBe(400);
  expect(((await event.json()) as { error: string }).error).toContain("nested too deeply");

  // Wide rather than deep: more values than any real body holds is 413.
  const wide = `{"externalId":"wide","items":[${Array.from({ length: 100_001 }, () => "0").join(",")}]}`;
  const tooMany = await postJson(request, "/api/v1/orders", wide, auth);
  expect(tooMany.status()).toBe(413);
  expect(((await tooMany.json()) as { error: string }).error).toContain("too many values");
});

test("the tracking import refuses another site's request and anything but JSON", async ({ page }) => {
  await signInAs(page, "fulfillment");
  const body = JSON.stringify({ mode: "preview", csv: "order,carrier,tracking\n" });
  const foreign = await page.request.post("/api/fulfillment/tracking-import", { data: body, headers: { "content-type": "application/json", origin: evil } });
  expect(foreign.status()).toBe(403);
  const asText = await page.request.post("/api/fulfillment/tracking-import", { data: body, headers: { "content-type": "text/plain" } });
  expect(asText.status()).toBe(415);
  // Past both checks, a file with no rows is the import's own refusal.
  const asJson = await page.request.post("/api/fulfillment/tracking-import", { data: body, headers: { "content-type": "application/json" } });
  expect(asJson.status()).toBe(422);
});
