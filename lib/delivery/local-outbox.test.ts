import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, slaClocks } from "@/db/schema";
import { makeCustomer, makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { testConfig } from "@/lib/config/test-config";
import { recordNotice } from "@/lib/notifications/record-notice";
import { applyClockEvent } from "@/lib/sla/clocks";
import { workerDepsFor } from "./delivery-setup";
import { shouldRunInAppWorker } from "./in-app-worker";
import { deliveryConfigFromEnv, localOutboxChannels } from "./providers";
import { testClock } from "./testing/outbox-fixtures";
import { runWorkerOnce } from "./worker";

// No provider keys: development delivers to the local outbox, through the same worker and the same rows.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("delivery configuration", () => {
  it("uses the local outbox for both channels when no keys are set", () => {
    const config = deliveryConfigFromEnv(testConfig());
    expect(config).toEqual({ email: { kind: "local-outbox" }, sms: { kind: "local-outbox" }, webhookSecret: null });
    expect(localOutboxChannels(config)).toEqual(["email", "sms"]);
  });

  it("uses Resend and Twilio when their keys are set", () => {
    const config = deliveryConfigFromEnv(
      testConfig({
        RESEND_API_KEY: "re_live",
        RESEND_RATE_LIMIT_PER_SECOND: "5",
        TWILIO_ACCOUNT_SID: "AC1",
        TWILIO_AUTH_TOKEN: "t",
        TWILIO_FROM: "+15555550000",
        RESEND_WEBHOOK_SECRET: "whsec_x",
      }),
    );
    expect(config.email).toEqual({ kind: "resend", apiKey: "re_live", baseUrl: null, from: "Orderline <orders@orderline.test>", ratePerSecond: 5 });
    expect(config.sms).toMatchObject({ kind: "twilio", baseUrl: "https://api.twilio.com", ratePerSecond: 10 });
    expect(config.webhookSecret).toBe("whsec_x");
    expect(localOutboxChannels(config)).toEqual([]);
  });

  it("never starts the in-app worker under vitest, during a build, or when switched off", () => {
    expect(shouldRunInAppWorker(testConfig(), { VITEST: "true" })).toBe(false);
    expect(shouldRunInAppWorker(testConfig(), { NEXT_PHASE: "phase-production-build" })).toBe(false);
    expect(shouldRunInAppWorker(testConfig({ OUTBOX_WORKER: "off" }), {})).toBe(false);
    expect(shouldRunInAppWorker(testConfig({ NODE_ENV: "production" }), {})).toBe(true);
  });
});

describe("local outbox", () => {
  it("marks a notice recorded by recordNotice as sent, with the rendered message kept in the row", async () => {
    const order = await makeOrder(handle.db);
    const clock = testClock(new Date().toISOString());
    const notice = await recordNotice(handle.db, {
      orderId: order.id,
      customerId: order.customerId,
      template: "shipped",
      channel: "email",
      subject: "Your order is on its way",
      bodyText: "Hi Ada, your order has shipped.",
      bodyHtml: "<p>Hi Ada, your order has shipped.</p>",
      actor: { type: "system" },
      at: clock.now(),
    });
    expect(await runWorkerOnce(handle.db, workerDepsFor(deliveryConfigFromEnv(testConfig()), clock))).toMatchObject({ sent: 1 });
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, notice.id));
    expect(row).toMatchObject({ status: "sent", provider: "local-outbox", subject: "Your order is on its way", bodyHtml: "<p>Hi Ada, your order has shipped.</p>" });
    expect(row!.providerMessageId).toMatch(/^local-[0-9a-f-]{36}$/);
  });
});

describe("reaching the customer after a failed message", () => {
  it("a call that reached the customer meets the open contact task; one with no answer does not", async () => {
    const customer = await makeCustomer(handle.db, { phone: "+15555550199" });
    const order = await makeOrder(handle.db, { customerId: customer.id });
    const [failed] = await handle.db
      .insert(messages)
      .values({ orderId: order.id, customerId: customer.id, channel: "email", bodyText: "x", status: "failed", senderType: "system", idempotencyKey: `t-${order.id}` })
      .returning();
    await applyClockEvent(handle.db, { orderId: order.id, event: { type: "message_undeliverable", messageId: failed!.id }, at: new Date() });
    const contactClock = () => handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "contact_failure")));

    const call = (callOutcome: "no_answer" | "reached") =>
      recordNotice(handle.db, { orderId: order.id, customerId: customer.id, template: null, channel: "phone", bodyText: "Called about the bounced email", callOutcome, actor: { type: "system" } });
    await call("no_answer");
    expect((await contactClock())[0]!.state).toBe("open");
    await call("reached");
    expect((await contactClock())[0]!.state).toBe("met");
  });
});
