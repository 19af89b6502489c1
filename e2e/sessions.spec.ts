import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { demoLogins, signInAs } from "./helpers";

// Sessions end on the server (docs/security.md "Sessions"): a copy of the cookie taken before signing out, or before
// "sign out everywhere", is refused by the API and sends its browser to sign-in.

/** A second browser holding a copy of this one's cookies, as someone who copied the cookie would. */
async function copyOf(browser: Browser, context: BrowserContext): Promise<BrowserContext> {
  return browser.newContext({ storageState: await context.storageState() });
}

test("signing out ends the session: a cookie copied before gets 401 from /api/queue and its page goes to sign-in", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "rep");
  await page.goto("/queue");
  await expect(page.getByTestId("current-user")).toHaveText(demoLogins.rep.name);

  const copied = await copyOf(browser, context);
  expect((await copied.request.get("/api/queue")).status(), "the copy works before sign-out").toBe(200);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin$/);

  expect((await copied.request.get("/api/queue")).status(), "the copy after sign-out").toBe(401);
  const copiedPage = await copied.newPage();
  await copiedPage.goto("/queue");
  await expect(copiedPage).toHaveURL(/\/signin$/);

  await copied.close();
  await context.close();
});

test("sign out everywhere from the user menu ends this browser's session and every other one", async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const page = await laptop.newPage();
  const other = await phone.newPage();
  await signInAs(page, "supervisor");
  await signInAs(other, "supervisor");
  expect((await phone.request.get("/api/queue")).status()).toBe(200);

  await page.goto("/queue");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin$/);

  expect((await phone.request.get("/api/queue")).status(), "the other browser").toBe(401);
  await other.goto("/queue");
  await expect(other).toHaveURL(/\/signin$/);

  await laptop.close();
  await phone.close();
});

test("an admin signs a user out everywhere from the users screen", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const repContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const rep = await repContext.newPage();
  await signInAs(rep, "rep");
  await rep.goto("/queue");
  await expect(rep.getByTestId("current-user")).toHaveText(demoLogins.rep.name);

  await signInAs(admin, "admin");
  await admin.goto("/settings");
  const users = admin.getByRole("region", { name: "Users" });
  const row = users.getByTestId("user-row").filter({ has: admin.getByRole("cell", { name: demoLogins.rep.email, exact: true }) });
  await expect(row.getByTestId("user-sessions")).toContainText(/\d+ sessions?/);
  // Your own sessions end from the user menu, not from here.
  await expect(users.getByTestId("user-row").filter({ hasText: "(you)" }).getByRole("button", { name: /out everywhere$/ })).toBeDisabled();

  await row.getByRole("button", { name: `Sign ${demoLogins.rep.name} out everywhere` }).click();
  const dialog = admin.getByRole("dialog", { name: `Sign ${demoLogins.rep.name} out everywhere?` });
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("user-sessions")).toHaveText("Not signed in");
  await expect(row).toContainText("Active");

  expect((await rep.request.get("/api/queue")).status(), "the rep's cookie").toBe(401);
  await rep.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(rep).toHaveURL(/\/signin$/);
  // Their account is untouched: they sign in again.
  await signInAs(rep, "rep");
  expect((await rep.request.get("/api/queue")).status()).toBe(200);

  await adminContext.close();
  await repContext.close();
});
