import { expect, type Page } from "@playwright/test";
import type { Role } from "../db/schema/enums";

// The demo accounts (db/seed): one per role, all with the demo password.
export const demoPassword = "orderline-demo";
export const demoLogins: Record<Role, { email: string; name: string }> = {
  rep: { email: "rep@orderline.test", name: "Riley Rep" },
  fulfillment: { email: "fulfillment@orderline.test", name: "Frankie Fulfil" },
  supervisor: { email: "supervisor@orderline.test", name: "Sasha Supervisor" },
  admin: { email: "admin@orderline.test", name: "Alex Admin" },
};

/** Signs in through Auth.js's own endpoint (no form filling): the fast path for tests that are not about sign-in. */
export async function signInAs(page: Page, role: Role): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: demoLogins[role].email, password: demoPassword },
    maxRedirects: 0,
  });
  expect(response.status(), "sign-in answered with a redirect").toBe(302);
  expect(response.headers()["location"] ?? "", "sign-in did not fail").not.toContain("error");
}
