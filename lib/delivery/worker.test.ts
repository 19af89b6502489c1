import { and, asc, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messageEvents, messages, orders, slaClocks, type Message } from "@/db/schema";
import { makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { batchIdempotencyKey, claimBatch } from "./claim";
import { localOutboxProvider } from "./local-outbox";
import { RateLimiter } from "./rate-limiter";
import { resendEmailProvider } from "./resend-email";
import { startFakeResend, type FakeResend } from "./testing/fake-resend";
import { queueMessages, testClock, type TestClock } from "./testing/outbox-fixtures";
import { recordResults } from "./record-results";
import { runWorkerOnce, type WorkerDeps } from "./worker";

// The outbox worker against the real resend SDK and a local fake Resend over HTTP, on a real database.

let handle: DatabaseHandle;
let fake: FakeResend;
let clock: TestClock;
let order: { id: string; customerId: string };

beforeEach(async () => {
  [handle, fake] = await Promise.all([createTestDatabase(), startFakeResend()]);
  clock = testClock();
  order = await makeOrder(handle.db);
});
afterEach(async () => {
  await Promise.all([handle.close(), fake.close()]);
});

function deps(overrides: Partial<WorkerDeps> & { ratePerSecond?: number } = {}): WorkerDeps {
  const { ratePerSecond = Number.POSITIVE_INFINITY, ...rest } = overrides;
  return {
    email: { provider: resendEmailProvider({ apiKey: "re_test_key", baseUrl: fake.url, from: "Orderline <orders@orderline.test>" }), limiter: new RateLimiter("email:resend", ratePerSecond, clock) },
    sms: { provider: localOutboxProvider("sms"), limiter: new RateLimiter("sms:local-outbox", Number.POSITIVE_INFINITY, clock) },
    clock,
    random: () => 0.5,
    ...rest,
  };
}

const queue = (count: number, extra: Partial<Parameters<typeof queueMessages>[2]> = {}) =>
  queueMessages(handle.db, count, { customerId: order.customerId, orderId: order.id, sendAfter: clock.now(), ...extra });

async function rows(ids: string[]): Promise<Message[]> {
  return handle.db.select().from(messages).where(inArray(messages.id, ids)).orderBy(asc(messages.id));
}

/** Every message of ours that reached the fake's "inboxes", with how often. */
function deliveredCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const email of fake.delivered) counts.set(email.messageId!, (counts.get(email.messageId!) ?? 0) + 1);
  return counts;
}

describe("outbox worker with Resend", () => {
  it("sends due emails in one batch call and records each provider id", async () => {
    const queued = await queue(3);
    const counts = await runWorkerOnce(handle.db, deps());
    expect(counts).toMatchObject({ batches: 1, sent: 3, failed: 0 });

    expect(fake.requests.map((r) => r.path)).toEqual(["/emails/batch"]);
    const sent = await rows(queued.map((m) => m.id));
    expect(fake.requests[0]!.idempotencyKey).toBe(batchIdempotencyKey(sent[0]!.batchKey!));
    for (const row of sent) {
      const email = fake.delivered.find((d) => d.messageId === row.id)!;
      expect(row).toMatchObject({ status: "sent", provider: "resend", providerMessageId: email.id, attempts: 1, lockedUntil: null, sentAt: clock.now() });
      expect(email).toMatchObject({ to: row.toAddress, subject: row.subject, text: row.bodyText, html: row.bodyHtml });
    }
    const events = await handle.db.select().from(messageEvents).where(inArray(messageEvents.messageId, queued.map((m) => m.id)));
    expect(events.map((e) => e.detail)).toEqual(["Accepted by resend", "Accepted by resend", "Accepted by resend"]);
  });

  it("sends a lone email through POST /emails under the message's own idempotency key", async () => {
    const [message] = await queue(1);
    await runWorkerOnce(handle.db, deps());
    expect(fake.requests).toMatchObject([{ path: "/emails", idempotencyKey: message!.idempotencyKey, status: 200 }]);
    expect((await rows([message!.id]))[0]!.status).toBe("sent");
  });

  it("sends an email with attachments on its own, with the attachment", async () => {
    const pdf = Buffer.from("%PDF-1.7 receipt").toString("base64");
    const plain = await queue(2);
    const [withReceipt] = await queue(1, { template: "order_complete", data: { attachments: [{ filename: "receipt-OL-1.pdf", content: pdf }] } });
    await runWorkerOnce(handle.db, deps());

    expect(fake.requests.map((r) => r.path).sort()).toEqual(["/emails", "/emails/batch"]);
    const single = fake.delivered.find((d) => d.messageId === withReceipt!.id)!;
    expect(single.endpoint).toBe("emails");
    expect(single.attachments).toEqual([{ filename: "receipt-OL-1.pdf", content: pdf }]);
    expect(fake.delivered.filter((d) => plain.some((p) => p.id === d.messageId)).map((d) => d.endpoint)).toEqual(["batch", "batch"]);
  });

  it("on 429 waits for retry-after and sends the same batch again: nothing dropped, no try counted", async () => {
    const queued = await queue(150);
    fake.failNext({ status: 429, retryAfterSeconds: 2 }, { status: 429, retryAfterSeconds: 3 });
    const counts = await runWorkerOnce(handle.db, deps({ ratePerSecond: 2 }));

    expect(counts).toMatchObject({ batches: 2, sent: 150, failed: 0, retrying: 0 });
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200, 200]);
    // The retried request is the same request: same key, and the fake saw the same batch.
    expect(fake.requests[0]!.idempotencyKey).toBe(fake.requests[2]!.idempotencyKey);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5000);
    expect(clock.slept).toContain(500); // 2 requests per second: the second batch waited its turn
    expect(deliveredCounts().size).toBe(150);
    expect([...deliveredCounts().values()].every((n) => n === 1)).toBe(true);
    expect((await rows(queued.map((m) => m.id))).every((m) => m.status === "sent" && m.attempts === 1)).toBe(true);
  });

  it("puts a batch back in the queue when the provider asks to wait longer than the lease", async () => {
    const queued = await queue(2);
    fake.failNext({ status: 429, retryAfterSeconds: 600, name: "daily_quota_exceeded" });
    const start = clock.now().getTime();
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ batches: 1, deferred: 2 });
    const waiting = await rows(queued.map((m) => m.id));
    expect(waiting.map((m) => [m.status, m.attempts, m.sendAfter.getTime() - start])).toEqual([
      ["queued", 0, 600_000],
      ["queued", 0, 600_000],
    ]);

    clock.advance(600_000);
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ sent: 2 });
    // The same batch under the same key: the deferred request is retried, not re-made.
    expect(fake.requests.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [429, batchIdempotencyKey(waiting[0]!.batchKey!)],
      [200, batchIdempotencyKey(waiting[0]!.batchKey!)],
    ]);
  });

  it("stops claiming while the provider has asked for a long pause, and resumes after it", async () => {
    await queue(1);
    const shared = deps();
    await shared.email.limiter.pauseFor(handle.db, 600_000);
    expect(await runWorkerOnce(handle.db, shared)).toMatchObject({ batches: 0 });
    clock.advance(600_000);
    expect(await runWorkerOnce(handle.db, shared)).toMatchObject({ sent: 1 });
  });

  it("drops a slow worker's results once another worker has re-claimed its batch", async () => {
    const queued = await queue(2);
    const slow = await claimBatch(handle.db, { channel: "email", limit: 100, leaseMs: 60_000, now: clock.now() });
    clock.advance(60_001);
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ sent: 2 });
    const late = await recordResults(handle.db, {
      batch: slow!,
      outcomes: new Map(queued.map((m) => [m.id, { ok: false as const, error: "timeout", retryable: false }])),
      provider: "resend",
      now: clock.now(),
    });
    expect(late).toMatchObject({ failed: 0, stale: 2 });
    expect((await rows(queued.map((m) => m.id))).every((m) => m.status === "sent")).toBe(true);
  });

  it("retries a 500 with exponential back-off, then succeeds", async () => {
    const queued = await queue(2);
    const ids = queued.map((m) => m.id);
    fake.failNext({ status: 500 }, { status: 503 });
    const t0 = clock.now().getTime();

    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ retrying: 2 });
    let now = await rows(ids);
    // random 0.5 → three quarters of 30 s · 2^1
    expect(now.map((m) => [m.status, m.attempts, m.sendAfter.getTime() - t0])).toEqual([
      ["queued", 1, 45_000],
      ["queued", 1, 45_000],
    ]);
    expect(now[0]!.lastError).toBe("500 internal_server_error: Scripted failure");
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ batches: 0 }); // not due yet

    clock.advance(45_000);
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ retrying: 2 });
    now = await rows(ids);
    expect(now[0]!.sendAfter.getTime() - clock.now().getTime()).toBe(90_000); // 30 s · 2^2, three quarters

    clock.advance(90_000);
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ sent: 2 });
    now = await rows(ids);
    expect(now.map((m) => [m.status, m.attempts, m.lastError])).toEqual([
      ["sent", 3, null],
      ["sent", 3, null],
    ]);
    expect(deliveredCounts().size).toBe(2);
    const history = await handle.db.select().from(messageEvents).where(eq(messageEvents.messageId, ids[0]!)).orderBy(asc(messageEvents.id));
    expect(history.map((e) => e.status)).toEqual(["queued", "queued", "sent"]);
    expect(history[2]!.detail).toBe("Accepted by resend on try 3");
  });

  it("gives up after the last try: failed with the provider's reason, and the order goes back to a rep", async () => {
    const [message] = await queue(1);
    fake.failNext(...Array.from({ length: 8 }, () => ({ status: 502 as const, message: "Bad gateway upstream" })));
    for (let i = 0; i < 8; i++) {
      await runWorkerOnce(handle.db, deps());
      clock.advance(3_600_000);
    }
    const [row] = await rows([message!.id]);
    expect(row).toMatchObject({ status: "failed", attempts: 8, lockedUntil: null });
    expect(row!.lastError).toBe("502 internal_server_error: Bad gateway upstream (gave up after 8 tries)");
    expect(fake.delivered).toHaveLength(0);

    const clocks = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.orderId, order.id), eq(slaClocks.kind, "contact_failure")));
    expect(clocks).toMatchObject([{ state: "open", subjectId: message!.id }]);
    const [head] = await handle.db.select({ kind: orders.nextClockKind }).from(orders).where(eq(orders.id, order.id));
    expect(head!.kind).toBe("contact_failure");
  });

  it("fails a refused address at once and still sends the rest of the batch", async () => {
    const queued = await queue(3, { to: (i) => (i === 1 ? "not-an-address" : `ok${i}@example.com`) });
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ sent: 2, failed: 1 });
    const byAddress = new Map((await rows(queued.map((m) => m.id))).map((m) => [m.toAddress, m]));
    expect(byAddress.get("not-an-address")).toMatchObject({ status: "failed", attempts: 1 });
    expect(byAddress.get("not-an-address")!.lastError).toContain("Invalid `to` field");
    expect(byAddress.get("ok0@example.com")!.status).toBe("sent");
    const clocks = await handle.db.select().from(slaClocks).where(and(eq(slaClocks.kind, "contact_failure"), eq(slaClocks.state, "open")));
    expect(clocks.map((c) => c.subjectId)).toEqual([byAddress.get("not-an-address")!.id]);
  });

  it("leaves messages waiting for quiet hours to end", async () => {
    const later = new Date(clock.now().getTime() + 8 * 3_600_000);
    const [waiting] = await queue(1, { channel: "sms", sendAfter: later, to: () => "+15555550123" });
    expect(await claimBatch(handle.db, { channel: "sms", limit: 100, leaseMs: 60_000, now: clock.now() })).toBeNull();
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ batches: 0 });
    expect((await rows([waiting!.id]))[0]!.status).toBe("queued");

    clock.advance(8 * 3_600_000);
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ sent: 1 });
    expect((await rows([waiting!.id]))[0]).toMatchObject({ status: "sent", provider: "local-outbox" });
  });

  it("never sends a message twice when workers run at once", async () => {
    const queued = await queue(450);
    const results = await Promise.all([1, 2, 3].map(() => runWorkerOnce(handle.db, deps())));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(450);
    expect(fake.delivered).toHaveLength(450);
    expect(deliveredCounts().size).toBe(450);
    expect((await rows(queued.map((m) => m.id))).every((m) => m.status === "sent")).toBe(true);
  });

  it("after a crash between send and record, the next worker re-sends the same batch and nothing arrives twice", async () => {
    const queued = await queue(250);
    const ids = queued.map((m) => m.id);
    let batches = 0;
    const crashing = deps({
      beforeRecord: () => {
        // The provider accepted the second batch; the process dies before writing that down.
        if (++batches === 2) throw new Error("killed");
      },
    });
    await expect(runWorkerOnce(handle.db, crashing)).rejects.toThrow("killed");
    expect(fake.delivered).toHaveLength(200);
    const stuck = (await rows(ids)).filter((m) => m.status === "sending");
    expect(stuck).toHaveLength(100);

    // A new worker while the dead one's lease still holds: it sends the rest and leaves the claimed batch alone.
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ sent: 50 });
    expect((await rows(ids)).filter((m) => m.status === "sending")).toHaveLength(100);

    // The lease runs out: the batch is re-claimed whole, under its key; Resend answers with the same ids.
    clock.advance(120_001);
    expect(await runWorkerOnce(handle.db, deps())).toMatchObject({ batches: 1, sent: 100 });
    const replay = fake.requests.at(-1)!;
    expect(replay).toMatchObject({ replay: true, idempotencyKey: batchIdempotencyKey(stuck[0]!.batchKey!) });

    expect(fake.delivered).toHaveLength(250);
    expect(deliveredCounts().size).toBe(250);
    const final = await rows(ids);
    expect(final.every((m) => m.status === "sent")).toBe(true);
    const idByMessage = new Map(fake.delivered.map((d) => [d.messageId, d.id]));
    expect(final.every((m) => m.providerMessageId === idByMessage.get(m.id))).toBe(true);
  });
});
