import { expect, test } from "@playwright/test";

// Sign-in limits through the real form. An account of its own (a fresh email) each run; the address is the
// browser's socket, 127.0.0.1, as for the whole suite (its per-address limit is raised for that: e2e/server-env.ts).
// The per-address limit and the proxy-hop rule are proved in client-address.spec.ts.

test("after five failures an account is refused with the wait, and the words do not reveal whether it exists", async ({ page }) => {
  const email = `nobody.${Date.now().toString(36)}@orderline.test`;
  await page.goto("/signin");
  const attempt = async (password: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    // Each try waits for the action's answer: the message reads the same after every failure.
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/signin"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    // React resets the form once the action's answer is rendered: typing before that lost the next password (the
    // form then answered "Check the highlighted fields"). The cleared password field says the reset has happened.
    await expect(page.getByLabel("Password")).toHaveValue("");
  };
  for (let i = 0; i < 5; i += 1) {
    await attempt(`wrong-password-${i}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  await attempt("wrong-password-5");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Too many sign-in attempts. Try again in 15 minutes.");
});
