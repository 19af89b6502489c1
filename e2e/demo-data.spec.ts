import { expect, test } from "@playwright/test";
import { demoLogins, demoPassword } from "./helpers";

// The suite's server runs with demo data (SEED_DEMO_DATA=true): the sign-in page lists the demo logins, and every
// staff page says the data is not real. Without demo data neither shows (lib/demo-data.test.ts).

test("with demo data on, the sign-in page lists the demo logins and every staff page carries the banner", async ({ page }) => {
  await page.goto("/signin");
  const hint = page.getByRole("region", { name: "Demo logins" });
  await expect(hint).toContainText(`Password ${demoPassword} for each`);
  await expect(hint.getByRole("listitem").filter({ hasText: demoLogins.supervisor.email })).toHaveText(`${demoLogins.supervisor.email} (Supervisor)`);

  await page.getByLabel("Email").fill(demoLogins.supervisor.email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Supervisor overview" })).toBeVisible();
  const banner = page.getByRole("note").filter({ hasText: "Demo data" });
  await expect(banner).toHaveText("Demo data — do not use for real customers");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(banner).toBeVisible();
});

test("/api/health names the database driver and the instance that answered", async ({ request }) => {
  const first = await request.get("/api/health");
  expect(first.status()).toBe(200);
  const report = (await first.json()) as { instance: string; database: { driver: string } };
  expect(report.database.driver).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  expect(report.instance).toMatch(/^.+-\d+-[0-9a-f]{6}$/);
  // The same process answers with the same id.
  expect(((await (await request.get("/api/health")).json()) as { instance: string }).instance).toBe(report.instance);
});
