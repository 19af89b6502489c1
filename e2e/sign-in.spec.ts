import { expect, test } from "@playwright/test";
import { demoLogins, demoPassword } from "./helpers";

const homes = {
  rep: { path: "/queue", heading: "Queue", nav: ["Queue", "Requests", "Inquiries", "Orders", "Messages"] },
  fulfillment: { path: "/fulfillment", heading: "Fulfillment board", nav: ["Fulfillment", "Orders"] },
  supervisor: { path: "/supervisor", heading: "Supervisor overview", nav: ["Overview", "KPIs", "Escalations", "Queue", "Requests", "Inquiries", "Fulfillment", "Orders", "Messages", "Settings", "Records"] },
  admin: { path: "/settings", heading: "Settings", nav: ["Settings", "Records"] },
} as const;

for (const [role, home] of Object.entries(homes) as [keyof typeof homes, (typeof homes)[keyof typeof homes]][]) {
  test(`${role} signs in, lands on their home and sees only their navigation`, async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin$/);
    await page.getByLabel("Email").fill(demoLogins[role].email);
    await page.getByLabel("Password").fill(demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    await expect(page.getByTestId("current-user")).toHaveText(demoLogins[role].name);
    const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(nav).toHaveText([...home.nav]);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto(home.path);
    await expect(page).toHaveURL(/\/signin$/);
  });
}

test("bad credentials show an error and keep the email", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(demoLogins.rep.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(demoLogins.rep.email);
  await expect(page).toHaveURL(/\/signin$/);
});

test("a malformed email is pointed out before any check of the password", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
});
