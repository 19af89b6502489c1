import { expect, test } from "@playwright/test";

// Sign-in limits through the real form. The client address is the one the reverse proxy reports; the test plays
// a client of its own, so the suite's other sign-ins from 127.0.0.1 are not counted against.

test("after five failures an account is refused with the wait, and the words do not reveal whether it exists", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200) + 20}` });
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
  };
  for (let i = 0; i < 5; i += 1) {
    await attempt(`wrong-password-${i}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  await attempt("wrong-password-5");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Too many sign-in attempts. Try again in 15 minutes.");
});
