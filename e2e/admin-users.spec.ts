import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// An admin manages a rep's account while the rep works in another browser: the temporary password signs them in,
// and deactivation ends their session on their very next navigation.

test("an admin creates a rep with a temporary password, the rep signs in, the admin deactivates them and the rep is out at once", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const repContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const rep = await repContext.newPage();
  const stamp = Date.now().toString(36);
  const name = `Rory Rep ${stamp}`;
  const email = `rory.${stamp}@orderline.test`;

  await signInAs(admin, "admin");
  await admin.goto("/settings");
  const users = admin.getByRole("region", { name: "Users" });
  await users.getByLabel("Name", { exact: true }).fill(name);
  await users.getByLabel("Email", { exact: true }).fill(email);
  await users.getByLabel("Role", { exact: true }).selectOption({ label: "Customer service" });
  await users.getByRole("button", { name: "Add user" }).click();
  const shown = users.getByTestId("temporary-password");
  await expect(shown).toHaveValue(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  const temporaryPassword = await shown.inputValue();
  const row = users.getByTestId("user-row").filter({ hasText: email });
  await expect(row).toContainText("Customer service");
  await expect(row).toContainText("Active");
  await users.getByRole("button", { name: "I have passed it on" }).click();
  await expect(shown).toHaveCount(0);

  // The admin's own row offers no way to lock themselves out.
  const own = users.getByTestId("user-row").filter({ hasText: "(you)" });
  await expect(own.getByRole("button", { name: /^Deactivate/ })).toBeDisabled();
  await expect(own.getByRole("button", { name: /^Change the role/ })).toBeDisabled();

  // The rep signs in with the temporary password in their own browser.
  await rep.goto("/signin");
  await rep.getByLabel("Email").fill(email);
  await rep.getByLabel("Password").fill(temporaryPassword);
  await rep.getByRole("button", { name: "Sign in" }).click();
  await expect(rep).toHaveURL(/\/queue$/);
  await expect(rep.getByTestId("current-user")).toHaveText(name);

  // The admin deactivates them.
  await row.getByRole("button", { name: `Deactivate ${name}` }).click();
  const confirm = admin.getByRole("dialog", { name: `Deactivate ${name}?` });
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Deactivated");

  // The rep's next click lands on sign-in, their cookie no longer opens an API route, and signing in again is refused.
  await rep.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(rep).toHaveURL(/\/signin$/);
  expect((await rep.request.get("/api/queue")).status()).toBe(401);
  await rep.getByLabel("Email").fill(email);
  await rep.getByLabel("Password").fill(temporaryPassword);
  await rep.getByRole("button", { name: "Sign in" }).click();
  await expect(rep.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");

  await adminContext.close();
  await repContext.close();
});

test("an admin is told clearly when a new user's email is taken or the password is weak", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/settings");
  const users = page.getByRole("region", { name: "Users" });
  await users.getByLabel("Name", { exact: true }).fill("Second Riley");
  await users.getByLabel("Email", { exact: true }).fill("REP@orderline.test");
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(users.getByRole("alert")).toContainText("A user with the email rep@orderline.test already exists.");

  await users.getByLabel("Email", { exact: true }).fill(`weak.${Date.now().toString(36)}@orderline.test`);
  await users.getByLabel("Initial password (optional)").fill("password1234");
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("#new-user-password-error")).toHaveText("This password is among the first that guessers try; choose a less common one.");
});
