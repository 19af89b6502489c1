import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messageEvents, messages } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { getMessageDetail, listMessages, MESSAGE_PAGE_SIZE, parseMessageLogFilters } from "./message-log";

let handle: DatabaseHandle;
let order: Awaited<ReturnType<typeof makeOrder>>;
let repName: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  order = await makeOrder(handle.db);
  const rep = await makeUser(handle.db, { role: "rep", name: "Rita Rep" });
  repName = rep.name;
  // 120 messages, many sharing one created_at to the microsecond: paging must neither skip nor repeat them.
  const shared = new Date("2026-11-24T10:00:00.123Z");
  await handle.db.insert(messages).values(
    Array.from({ length: 120 }, (_, i) => ({
      orderId: order.id,
      customerId: order.customerId,
      channel: i % 3 === 0 ? ("sms" as const) : ("email" as const),
      template: "shipped" as const,
      toAddress: i % 3 === 0 ? "+15555550100" : "ada@example.com",
      subject: `Message ${i}`,
      bodyText: `Body ${i}`,
      status: i % 4 === 0 ? ("failed" as const) : ("sent" as const),
      provider: i % 2 === 0 ? "local-outbox" : "resend",
      senderType: i % 5 === 0 ? ("user" as const) : ("system" as const),
      senderUserId: i % 5 === 0 ? rep.id : null,
      idempotencyKey: randomUUID(),
      createdAt: i < 60 ? shared : new Date(shared.getTime() + i * 1000),
    })),
  );
});
afterAll(async () => {
  await handle.close();
});

describe("communication log", () => {
  it("pages newest first through every message exactly once", async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await listMessages(handle.db, parseMessageLogFilters(before ? { before } : {}));
      expect(page.rows.length).toBeLessThanOrEqual(MESSAGE_PAGE_SIZE);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it("filters by channel, status and provider (the local outbox), and names the sender", async () => {
    const page = await listMessages(handle.db, parseMessageLogFilters({ channel: "email", status: "failed", provider: "local-outbox" }));
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.channel === "email" && r.status === "failed" && r.provider === "local-outbox")).toBe(true);
    const all = await listMessages(handle.db, parseMessageLogFilters({}));
    expect(new Set(all.rows.map((r) => r.senderName))).toEqual(new Set(["System", repName]));
    expect(all.rows[0]!.orderNumber).toBe(order.number);
  });

  it("drops bad filter values instead of failing the page", () => {
    expect(parseMessageLogFilters({ channel: "fax", status: "lost", provider: "carrier-pigeon", before: "yesterday" })).toEqual({});
  });

  it("shows one message with its history", async () => {
    const [row] = (await listMessages(handle.db, parseMessageLogFilters({}))).rows;
    await handle.db.insert(messageEvents).values({ messageId: row!.id, status: "sent", detail: "Accepted by resend" });
    const detail = await getMessageDetail(handle.db, row!.id);
    expect(detail).toMatchObject({ order: { number: order.number }, events: [{ status: "sent", detail: "Accepted by resend" }] });
    expect(await getMessageDetail(handle.db, "not-a-uuid")).toBeNull();
    expect(await getMessageDetail(handle.db, randomUUID())).toBeNull();
  });
});
