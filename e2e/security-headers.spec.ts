import { expect, request as apiRequest, test, type Page } from "@playwright/test";
import type { Role } from "../db/schema/enums";
import { demoLogins, demoPassword, signInAs } from "./helpers";

// The security headers in a real browser: every page carries a nonce-based Content-Security-Policy that the app
// passes without a single violation (the email previews in sandboxed srcdoc frames included), the other headers
// are on pages, API answers and static files, and the session cookie is httpOnly, SameSite=Lax, and Secure with the
// __Secure- prefix when the site is reached over https.

type Watch = { violations: string[]; check(): Promise<void> };

/** Collects CSP violations from the console (every frame) and from securitypolicyviolation events (the page). */
async function watchCsp(page: Page): Promise<Watch> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return {
    violations,
    async check() {
      const inPage = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      expect([...violations, ...inPage], `CSP violations on ${page.url()}`).toEqual([]);
    },
  };
}

/** Opens a page, waits until it is hydrated and idle, and checks its headers and that nothing was blocked. */
async function visit(page: Page, watch: Watch, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const headers = response!.headers();
  expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'/);
  expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  expect(headers, path).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin", "x-frame-options": "DENY" });
  await page.waitForLoadState("networkidle");
  await watch.check();
}

async function signedIn(page: Page, role: Role) {
  await page.context().clearCookies();
  await signInAs(page, role);
}

test("pages pass their Content-Security-Policy with no violation, for every role", async ({ page }) => {
  test.setTimeout(180_000);
  const watch = await watchCsp(page);

  await visit(page, watch, "/signin");
  await visit(page, watch, "/no-such-page");

  await signedIn(page, "rep");
  for (const path of ["/queue", "/orders", "/requests", "/inquiries", "/messages", "/orders/new"]) await visit(page, watch, path);
  // One message as sent (its HTML, when the message has any, in a sandboxed srcdoc frame).
  await visit(page, watch, "/messages?channel=email");
  const messageHref = await page.locator("tbody tr a[href^='/messages/']").first().getAttribute("href");
  await visit(page, watch, messageHref!);

  // The order page with the notice composer's live email preview.
  await visit(page, watch, "/orders?status=confirmed");
  const number = (await page.locator("tbody tr").last().locator("td a").first().textContent())!.trim();
  await visit(page, watch, `/orders/${number}`);
  const trackingPath = await page.getByRole("link", { name: "Customer tracking page" }).getAttribute("href");
  await page.getByRole("button", { name: "Notify customer…" }).click();
  const composer = page.getByRole("dialog", { name: "Notify the customer" });
  await composer.getByLabel("Channel").selectOption("email");
  await expect(composer.frameLocator('iframe[title="Email preview"]').locator("body")).toContainText(/\S/);
  await page.waitForLoadState("networkidle");
  await watch.check();
  await page.keyboard.press("Escape");

  await signedIn(page, "fulfillment");
  await visit(page, watch, "/fulfillment");

  await signedIn(page, "supervisor");
  for (const path of ["/supervisor", "/settings"]) await visit(page, watch, path);

  await signedIn(page, "admin");
  await visit(page, watch, "/settings");

  // The customer's tracking page, signed out.
  await page.context().clearCookies();
  await visit(page, watch, trackingPath!);
});

test("each page gets a fresh nonce, Next.js's own scripts carry it, and an injected inline handler is blocked", async ({ page }) => {
  const first = (await page.goto("/signin"))!.headers()["content-security-policy"] ?? "";
  const second = (await page.goto("/signin"))!.headers()["content-security-policy"] ?? "";
  const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)![1];
  expect(nonceOf(first)).not.toEqual(nonceOf(second));

  // The inline scripts in the HTML (React's payload, next-themes) are the ones a policy without the nonce would block.
  const scripts = await page.evaluate(() => [...document.querySelectorAll("script:not([src])")].map((s) => (s as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((nonce) => nonce === nonceOf(second))).toBe(true);

  // What an HTML injection would try: an inline event handler. The policy refuses it and reports it.
  const blocked = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (event) => resolve(event.violatedDirective), { once: true });
        const div = document.createElement("div");
        div.innerHTML = '<img src="data:," onload="window.__injected = true">';
        document.body.append(div);
      }),
  );
  expect(blocked).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("API answers and static files carry the headers too; HSTS under next start (production)", async ({ page }) => {
  const health = await page.request.get("/api/health");
  expect(health.headers()).toMatchObject({
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "strict-transport-security": "max-age=31536000",
  });
  expect(health.headers()["content-security-policy"]).toContain("default-src 'none'");

  await page.goto("/signin");
  const asset = await page.evaluate(() => (document.querySelector("script[src]") as HTMLScriptElement).src);
  const staticFile = await page.request.get(asset);
  expect(staticFile.ok()).toBe(true);
  expect(staticFile.headers()).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
});

test("the session cookie is httpOnly and SameSite=Lax; over https it is Secure with the __Secure- prefix", async ({ page, baseURL }) => {
  await signInAs(page, "rep");
  const session = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });

  // Behind a TLS-terminating proxy (X-Forwarded-Proto: https), Auth.js switches to secure cookies.
  const https = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  try {
    const csrf = await https.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Host-authjs.csrf-token="))!;
    expect(csrfCookie.value).toMatch(/HttpOnly/i);
    expect(csrfCookie.value).toMatch(/Secure/i);
    const signIn = await https.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: demoLogins.rep.email, password: demoPassword },
      headers: { cookie: csrfCookie.value.split(";")[0]! },
      maxRedirects: 0,
    });
    expect(signIn.status()).toBe(302);
    const cookie = signIn.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Secure-authjs.session-token="));
    expect(cookie?.value).toMatch(/; HttpOnly/i);
    expect(cookie?.value).toMatch(/; Secure/i);
    expect(cookie?.value).toMatch(/; SameSite=Lax/i);
  } finally {
    await https.dispose();
  }
});
