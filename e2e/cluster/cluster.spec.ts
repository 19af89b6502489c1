import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "../helpers";
import { closeDb, createRep, instances, milestoneMessages, processingOrderForEmail, providerDeliveries, trySignIn, type OrderRef } from "./cluster-fixtures";

// Issue 14's proof, through nginx in front of three app instances and one worker (bench/cluster.ts starts them):
// what one instance did, the others see; limits hold across instances; a notice reaches the customer once.
// The session cookie is for 127.0.0.1 whatever the port, so a page can be pinned to one instance by its own port.

// A 1×1 PNG: a real image by its bytes.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test.afterAll(closeDb);

test.beforeAll(() => {
  expect(instances, "CLUSTER_INSTANCES names the three instances").toHaveLength(3);
});

async function shipWithDhl(page: Page, origin: string, order: OrderRef): Promise<void> {
  await page.goto(`${origin}/orders/${order.number}`);
  await page.getByRole("button", { name: "Ship…" }).click();
  const ship = page.getByRole("dialog", { name: "Ship the order" });
  await ship.getByLabel("Carrier").selectOption("dhl");
  // DHL numbers are 10 digits: one of our own, so no two tries share one.
  await ship.getByLabel("Tracking number", { exact: true }).fill(String(Date.now()).slice(-10));
  await ship.getByRole("button", { name: "Ship" }).click();
  await expect(ship).toBeHidden();
  await expect(page.locator("h1 + *")).toHaveText("Shipped");
}

test("fulfillment ships an order through the balancer; the worker delivers its shipped notice to the provider exactly once", async ({ page, baseURL }) => {
  await signInAs(page, "fulfillment");
  const order = await processingOrderForEmail(0);
  await shipWithDhl(page, baseURL!, order);

  // The automatic notice committed with the shipment; the worker (another process) hands it to the provider.
  await expect.poll(async () => (await milestoneMessages(order.id, "shipped")).map((m) => m.status), { timeout: 30_000 }).toEqual(["sent"]);
  const [message] = await milestoneMessages(order.id, "shipped");
  expect(message!.channel).toBe("email");
  expect(message!.sent_events, "one 'sent' in the message's delivery history").toBe(1);
  expect(await providerDeliveries(message!), "emails the provider received for this notice").toBe(1);
});

test("proof of delivery with a photo recorded on one instance: the other instances and the balancer serve the photo", async ({ page, baseURL }) => {
  const [first, second, third] = instances as [string, string, string];
  await signInAs(page, "fulfillment");
  const order = await processingOrderForEmail(1);
  await shipWithDhl(page, baseURL!, order);

  // Recorded on the first instance only: the page and its server action both come from its own port.
  await page.goto(`${first}/orders/${order.number}`);
  await page.getByRole("button", { name: `Record proof of delivery for ${order.number}` }).click();
  const pod = page.getByRole("dialog", { name: "Record proof of delivery" });
  await pod.getByLabel("Received by").fill("Ada Lovelace");
  await expect(pod.getByLabel("Received at")).not.toHaveValue("");
  await pod.getByLabel("Photo (optional)").setInputFiles({ name: "doorstep.png", mimeType: "image/png", buffer: tinyPng });
  const [recorded] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/orders/${order.number}`),
    pod.getByRole("button", { name: "Record proof" }).click(),
  ]);
  expect(new URL(recorded.url()).origin).toBe(new URL(first).origin);
  await expect(pod).toBeHidden();

  // The second instance shows the proof and its photo, as a person opening the order there would see it.
  await page.goto(`${second}/orders/${order.number}`);
  const proof = page.getByTestId("proof-of-delivery");
  await expect(proof).toContainText("Ada Lovelace");
  const photo = proof.getByRole("img", { name: "Delivery photo, received by Ada Lovelace" });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { message: `the photo loads on ${second}` }).toBe(1);

  // Every instance, and the balancer, serve the same bytes, privately.
  const src = (await photo.getAttribute("src"))!;
  for (const origin of [second, third, baseURL!]) {
    const response = await page.request.get(`${origin}${src}`);
    expect(response.status(), `the photo from ${origin}`).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(response.headers()["cache-control"]).toContain("private");
    expect(Buffer.from(await response.body()).equals(tinyPng), `the photo's bytes from ${origin}`).toBe(true);
  }
});

test("the sixth wrong password for an account is refused whichever instance answers, and so is the right one after it", async ({ page, baseURL }) => {
  const password = "cluster-limit-password-1";
  const email = await createRep(password);
  const [first, second, third] = instances as [string, string, string];

  // Five wrong passwords spread over the three instances: each counts against the one shared limit.
  for (const [i, origin] of [first, second, third, first, second].entries()) {
    expect(await trySignIn(page, origin, email, `wrong-${i}`), `wrong password ${i + 1} on ${origin}`).toBe("Email or password is incorrect.");
  }
  // The sixth, through the balancer (whichever instance it reaches) and on the third instance itself: refused unchecked.
  const refused = "Too many sign-in attempts. Try again in 15 minutes.";
  expect(await trySignIn(page, baseURL!, email, "wrong-5"), "the sixth wrong password, through the balancer").toBe(refused);
  expect(await trySignIn(page, third, email, "wrong-6"), `a seventh, on ${third}`).toBe(refused);
  expect(await trySignIn(page, first, email, password), "the right password, once the account is locked").toBe(refused);
});
