import { expect, type Page } from "@playwright/test";
import postgres from "postgres";
import { hashPassword } from "../../lib/auth/password";

// What the cluster pass needs beyond the browser: each instance's own address (to pin a step to one instance), the
// cluster's database (to pick orders and count messages) and the fake providers' record of what they delivered.

/** http://127.0.0.1:<port> of each app instance, in order; the balancer is the baseURL. */
export const instances = (process.env.CLUSTER_INSTANCES ?? "").split(",").filter(Boolean);
const controlUrl = process.env.CLUSTER_CONTROL_URL ?? "";

let client: postgres.Sql | null = null;
export function db(): postgres.Sql {
  client ??= postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  return client;
}
export async function closeDb(): Promise<void> {
  await client?.end({ timeout: 5 });
  client = null;
}

export type OrderRef = { id: string; number: string };

/**
 * A processing order whose customer takes notices by email and that has had no shipped notice yet (an earlier try
 * of the same test shipped its own): the n-th such, so two tests never share one.
 */
export async function processingOrderForEmail(n: number): Promise<OrderRef> {
  const [order] = await db()<OrderRef[]>`
    select o.id, o.number from orders o join customers c on c.id = o.customer_id
    where o.status = 'processing' and c.preferred_channel = 'email' and c.email is not null and o.anonymised_at is null
      and not exists (select 1 from messages m where m.order_id = o.id and m.template = 'shipped')
    order by o.number offset ${n} limit 1`;
  expect(order, "the seed has processing orders for customers who take email").toBeTruthy();
  return order!;
}

export type MessageRow = { id: string; status: string; channel: string; idempotency_key: string; sent_events: number };

/** The automatic notice of a milestone (lib/notifications/milestones.ts milestoneKey), with its "sent" events. */
export async function milestoneMessages(orderId: string, stage: string): Promise<MessageRow[]> {
  return db()<MessageRow[]>`
    select m.id, m.status::text, m.channel::text, m.idempotency_key,
           (select count(*)::int from message_events e where e.message_id = m.id and e.status = 'sent') as sent_events
    from messages m where m.idempotency_key like ${`milestone:${orderId}:${stage}%`}`;
}

/** How many times the providers delivered this message (a replayed request counts for SMS: Twilio would resend). */
export async function providerDeliveries(message: MessageRow): Promise<number> {
  const url = `${controlUrl}/deliveries?messageId=${message.id}&idempotencyKey=${encodeURIComponent(message.idempotency_key)}`;
  const counts = (await (await fetch(url)).json()) as { email: number; sms: number };
  return message.channel === "email" ? counts.email : counts.sms;
}

/** A rep account of its own for this test, with this password. */
export async function createRep(password: string): Promise<string> {
  const email = `cluster.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 6)}@orderline.test`;
  await db()`insert into users (email, name, role, password_hash) values (${email}, 'Casey Cluster', 'rep', ${await hashPassword(password)})`;
  return email;
}

/** One try through the sign-in form at `origin` (an instance or the balancer); returns the alert's text. */
export async function trySignIn(page: Page, origin: string, email: string, password: string): Promise<string> {
  await page.goto(`${origin}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  expect(new URL(response.url()).origin, "the form posted to the instance it came from").toBe(new URL(origin).origin);
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toBeVisible();
  return (await alert.textContent())?.trim() ?? "";
}
