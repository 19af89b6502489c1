import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { messages, type Message, type NewMessage } from "@/db/schema";
import type { Clock } from "../rate-limiter";

// Builders for outbox tests: queued rows as recordNotice writes them, and a clock the test moves by hand.

export type TestClock = Clock & { advance(ms: number): void; slept: number[] };

export function testClock(startIso = "2026-11-24T15:00:00Z"): TestClock {
  let ms = Date.parse(startIso);
  const slept: number[] = [];
  return {
    now: () => new Date(ms),
    // Waiting moves time on at once: limiter waits and 429 pauses are visible in `slept` and cost no real time.
    sleep: async (n) => {
      slept.push(n);
      ms += n;
    },
    advance: (n) => {
      ms += n;
    },
    slept,
  };
}

export async function queueMessages(
  db: Db,
  count: number,
  base: { customerId: string; orderId?: string | null; channel?: "email" | "sms"; sendAfter: Date; to?: (i: number) => string } & Omit<Partial<NewMessage>, "toAddress">,
): Promise<Message[]> {
  const { to, channel = "email", ...rest } = base;
  const rows: NewMessage[] = Array.from({ length: count }, (_, i) => ({
    channel,
    template: "shipped",
    toAddress: to ? to(i) : channel === "email" ? `customer+${i}@example.com` : "+15555550100",
    subject: channel === "email" ? `Your order has shipped (${i})` : null,
    bodyText: `Hello, your order is on its way (${i}).`,
    bodyHtml: channel === "email" ? `<p>Hello, your order is on its way (${i}).</p>` : null,
    status: "queued",
    senderType: "system",
    idempotencyKey: randomUUID(),
    ...rest,
  }));
  const inserted: Message[] = [];
  // Several statements for big counts: a parameter list has its limits.
  for (let i = 0; i < rows.length; i += 500) inserted.push(...(await db.insert(messages).values(rows.slice(i, i + 500)).returning()));
  return inserted;
}
