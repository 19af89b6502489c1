import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages, type NewMessage } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { MessageLogFilters } from "./log-filters";
import { countMessages } from "./message-log";
import { resolvePeriod } from "./period";
import { messageQualitySummary } from "./quality-summary";

// A hand-built month: every figure below is counted by hand from these rows.

let handle: DatabaseHandle;
const people: Record<string, string> = {};
const context = { timeZone: "UTC", now: new Date("2026-12-01T00:00:00Z") };
const november = { from: "2026-11-01", to: "2026-11-30" };

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  for (const [key, role, name, active] of [
    ["olga", "rep", "Olga Old", false],
    ["rita", "rep", "Rita Rep", true],
    ["sam", "rep", "Sam Rep", true],
    ["sue", "supervisor", "Sue Supervisor", true],
    ["vic", "rep", "Vic Rep", true],
    ["fay", "fulfillment", "Fay Fulfil", true],
  ] as const) {
    people[key] = (await makeUser(db, { role, name, active })).id;
  }
  const order = await makeOrder(db);
  const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));
  const message = (sender: string | "system" | "api", createdAt: Date, score: number | null): NewMessage => ({
    orderId: order.id,
    customerId: order.customerId,
    channel: "email",
    bodyText: "Hello",
    status: "delivered",
    senderType: sender === "system" || sender === "api" ? sender : "user",
    senderUserId: sender === "system" || sender === "api" ? null : people[sender],
    reviewedAt: score === null ? null : new Date(createdAt.getTime() + 3_600_000),
    reviewScore: score,
    idempotencyKey: randomUUID(),
    createdAt,
  });
  await db.insert(messages).values([
    message("rita", at(2), 5),
    message("rita", at(3), 2),
    message("rita", at(4), null),
    message("rita", at(30), 1),
    message("sam", at(5), 4),
    message("sam", at(6), null),
    message("olga", at(7), null),
    message("sue", at(8), 3),
    message("system", at(9), 5),
    message("system", at(10), null),
    message("system", at(11), null),
    message("api", at(12), null),
    // Outside November: not counted.
    message("rita", new Date("2026-10-31T23:59:59Z"), 1),
    message("sam", new Date("2026-12-01T00:00:00Z"), 1),
  ]);
});
afterAll(async () => {
  await handle.close();
});

describe("messageQualitySummary", () => {
  it("counts per sender: sent, reviewed, coverage, mean score, low scores", async () => {
    const summary = await messageQualitySummary(handle.db, resolvePeriod(november, "UTC", context.now));
    expect(summary.rows.map((r) => [r.name, r.sent, r.reviewed, r.coverage, r.meanScore, r.lowScores])).toEqual([
      ["Olga Old (inactive)", 1, 0, 0, null, 0],
      ["Rita Rep", 4, 3, 0.75, 8 / 3, 2],
      ["Sam Rep", 2, 1, 0.5, 4, 0],
      ["Sue Supervisor", 1, 1, 1, 3, 0],
      // An active rep who sent nothing is still listed; a fulfillment user is not.
      ["Vic Rep", 0, 0, null, null, 0],
      ["System", 3, 1, 1 / 3, 5, 0],
      ["API", 1, 0, 0, null, 0],
    ]);
    expect(summary.totals).toEqual({ sent: 12, reviewed: 6, coverage: 0.5, meanScore: 20 / 6, lowScores: 2 });
    expect(summary.rows.find((r) => r.name === "Rita Rep")?.sender).toBe(people.rita);
    expect(summary.rows.find((r) => r.name === "System")?.sender).toBe("system");
  });

  it("agrees with the log it links to (same sender, period and review state)", async () => {
    const summary = await messageQualitySummary(handle.db, resolvePeriod(november, "UTC", context.now));
    for (const row of summary.rows) {
      const filters: MessageLogFilters = { ...november, sender: row.sender };
      expect(await countMessages(handle.db, filters, context), row.name).toBe(row.sent);
      expect(await countMessages(handle.db, { ...filters, reviewed: "yes" }, context), row.name).toBe(row.reviewed);
      expect(await countMessages(handle.db, { ...filters, reviewed: "low" }, context), row.name).toBe(row.lowScores);
    }
  });

  it("covers every message when the period is open", async () => {
    const summary = await messageQualitySummary(handle.db, {});
    expect(summary.totals.sent).toBe(14);
    expect(summary.rows.find((r) => r.name === "Rita Rep")).toMatchObject({ sent: 5, reviewed: 4, lowScores: 3 });
  });
});
