import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("nobody signed in is sent to sign-in from every screen", async ({ page }) => {
  for (const path of ["/queue", "/requests", "/inquiries", "/orders", "/orders/OL-100001", "/fulfillment", "/messages", "/supervisor", "/kpis", "/records", "/settings"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/signin$/);
  }
});

test("a rep is refused the supervisor and admin pages by URL, not only by a hidden link", async ({ page }) => {
  await signInAs(page, "rep");
  for (const path of ["/supervisor", "/settings", "/fulfillment"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "This page is not part of your role" })).toBeVisible();
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveCount(0);
});

test("fulfillment is refused the queue and supervisor pages; admin is refused the orders and has Settings and Records", async ({ page }) => {
  await signInAs(page, "fulfillment");
  for (const path of ["/queue", "/requests", "/inquiries", "/messages", "/supervisor", "/settings", "/records"]) expect((await page.goto(path))?.status(), path).toBe(403);
  await page.context().clearCookies();
  await signInAs(page, "admin");
  for (const path of ["/orders", "/queue", "/requests", "/inquiries", "/supervisor", "/fulfillment", "/kpis"]) expect((await page.goto(path))?.status(), path).toBe(403);
  expect((await page.goto("/settings"))?.status()).toBe(200);
  // The admin's records duties (legal hold, export, erasure) have a screen of their own, not the order workspace.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Settings", "Records"]);
  expect((await page.goto("/records"))?.status()).toBe(200);
});

test("a rep is refused the KPI pages with a 403, though they show a loading state while they load", async ({ page }) => {
  await signInAs(page, "rep");
  for (const path of ["/kpis", "/kpis/sla-compliance", "/kpis/csat?range=7d", "/records"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "This page is not part of your role" })).toBeVisible();
  }
  // A supervisor asking for a KPI that does not exist gets a 404, not a 200.
  await page.context().clearCookies();
  await signInAs(page, "supervisor");
  expect((await page.goto("/kpis/no-such-kpi"))?.status()).toBe(404);
});

test("the queue's refresh API answers 401 without a session and 403 to a role without the queue", async ({ page }) => {
  expect((await page.request.get("/api/queue")).status()).toBe(401);
  await signInAs(page, "fulfillment");
  expect((await page.request.get("/api/queue")).status()).toBe(403);
  await page.context().clearCookies();
  await signInAs(page, "rep");
  const response = await page.request.get("/api/queue?band=breached");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { rows: { band: string }[] };
  expect(body.rows.length).toBeGreaterThan(0);
  expect(new Set(body.rows.map((r) => r.band))).toEqual(new Set(["breached"]));
});
