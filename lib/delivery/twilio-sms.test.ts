import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, slaClocks } from "@/db/schema";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { localOutboxProvider } from "./local-outbox";
import { RateLimiter } from "./rate-limiter";
import { startFakeTwilio, type FakeTwilio } from "./testing/fake-twilio";
import { queueMessages, testClock } from "./testing/outbox-fixtures";
import { twilioSmsProvider } from "./twilio-sms";
import { runWorkerOnce, type WorkerDeps } from "./worker";

// SMS through the Twilio-shaped adapter against a local fake Twilio, on a real database.

const account = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "secret-token" };
let handle: DatabaseHandle;
let fake: FakeTwilio;
const clock = testClock();

beforeAll(async () => {
  [handle, fake] = await Promise.all([createTestDatabase(), startFakeTwilio(account)]);
});
afterAll(async () => {
  await Promise.all([handle.close(), fake.close()]);
});

function deps(): WorkerDeps {
  return {
    email: { provider: localOutboxProvider("email"), limiter: new RateLimiter("email:local-outbox", Number.POSITIVE_INFINITY, clock) },
    sms: { provider: twilioSmsProvider({ ...account, from: "+15555550000", baseUrl: fake.url }), limiter: new RateLimiter("sms:twilio", 10, clock) },
    clock,
    random: () => 0.5,
  };
}

describe("SMS through the Twilio adapter", () => {
  it("posts each SMS with its idempotency token and records the message SID", async () => {
    const order = await makeOrder(handle.db);
    const queued = await queueMessages(handle.db, 2, { customerId: order.customerId, orderId: order.id, channel: "sms", sendAfter: clock.now(), to: (i) => `+1555555010${i}` });
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ batches: 2, sent: 2 });

    const rows = await handle.db.select().from(messages).where(inArray(messages.id, queued.map((m) => m.id)));
    for (const row of rows) {
      const sms = fake.delivered.find((d) => d.idempotencyToken === row.idempotencyKey)!;
      expect(sms).toMatchObject({ to: row.toAddress, from: "+15555550000", body: row.bodyText });
      expect(row).toMatchObject({ status: "sent", provider: "twilio", providerMessageId: sms.sid, attempts: 1 });
    }
    // One request per SMS, spaced by the limiter (10 per second).
    expect(clock.slept).toContain(100);
  });

  it("waits out a 429 and retries a 500 without sending twice", async () => {
    const order = await makeOrder(handle.db);
    const [message] = await queueMessages(handle.db, 1, { customerId: order.customerId, orderId: order.id, channel: "sms", sendAfter: clock.now() });
    fake.failNext({ status: 429, retryAfterSeconds: 2 }, { status: 500 });
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ retrying: 1 });
    let [row] = await handle.db.select().from(messages).where(eq(messages.id, message!.id));
    expect(row).toMatchObject({ status: "queued", attempts: 1, lastError: "500 20500: Scripted failure" });

    clock.advance(60_000);
    await runWorkerOnce(handle.db, deps());
    [row] = await handle.db.select().from(messages).where(eq(messages.id, message!.id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(fake.delivered.filter((d) => d.idempotencyToken === message!.idempotencyKey)).toHaveLength(1);
  });

  it("fails an invalid number at once with the provider's reason and opens a contact task", async () => {
    const order = await makeOrder(handle.db);
    const [message] = await queueMessages(handle.db, 1, { customerId: order.customerId, orderId: order.id, channel: "sms", sendAfter: clock.now(), to: () => "12345" });
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ failed: 1 });
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, message!.id));
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "400 21211: The 'To' number 12345 is not a valid phone number." });
    const clocks = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "contact_failure")));
    expect(clocks).toMatchObject([{ state: "open", subjectId: message!.id }]);
  });
});
