import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messageEvents, messages, type NewMessage } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { parseMessageLogFilters } from "./log-filters";
import { countMessages, getMessageDetail, listMessages, MESSAGE_PAGE_SIZE, messageSenderOptions, type LogContext } from "./message-log";

// A hand-built log of five messages, each filter checked against the exact set it must return.

let handle: DatabaseHandle;
const ids: Record<string, string> = {};
let rita: { id: string; name: string };
let sam: { id: string };
let orderA: { id: string; number: string };
const utc: LogContext = { timeZone: "UTC", now: new Date("2026-11-24T12:00:00Z") };
const newYork: LogContext = { ...utc, timeZone: "America/New_York" };

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  rita = await makeUser(db, { role: "rep", name: "Rita Rep" });
  sam = await makeUser(db, { role: "rep", name: "Sam Rep" });
  await makeUser(db, { role: "supervisor", name: "Sue Supervisor" });
  await makeUser(db, { role: "fulfillment", name: "Fred Fulfil" });
  const ada = await makeCustomer(db, { name: "Ada Lovelace", email: "ada@example.com" });
  const grace = await makeCustomer(db, { name: "Grace Hopper", email: "grace@example.com" });
  orderA = await makeOrder(db, { customerId: ada.id });
  const orderB = await makeOrder(db, { customerId: grace.id });
  const base = { idempotencyKey: "", senderType: "system" as const };
  const rows: (NewMessage & { key: string })[] = [
    { ...base, key: "m1", orderId: orderA.id, customerId: ada.id, channel: "email", template: "shipped", status: "delivered", provider: "resend", subject: "Your parcel is on its way", bodyText: "The courier picked up your parcel.", createdAt: new Date("2026-11-20T10:00:00Z") },
    { ...base, key: "m2", orderId: orderB.id, customerId: grace.id, channel: "sms", template: "delay", status: "bounced", provider: "twilio", senderType: "user", senderUserId: rita.id, bodyText: "Sorry, your blender is delayed until Friday.", createdAt: new Date("2026-11-22T23:30:00Z") },
    { ...base, key: "m3", orderId: orderB.id, customerId: grace.id, channel: "phone", template: null, status: "logged", senderType: "user", senderUserId: sam.id, bodyText: "Called about the missing invoice.", createdAt: new Date("2026-11-23T02:00:00Z") },
    { ...base, key: "m4", orderId: null, customerId: ada.id, channel: "email", template: "inquiry_response", status: "delivered", provider: "resend", senderType: "user", senderUserId: rita.id, subject: "About your invoice", bodyText: "Here is the receipt you asked for.", reviewedAt: new Date("2026-11-24T10:00:00Z"), reviewScore: 2, createdAt: new Date("2026-11-24T09:00:00Z") },
    { ...base, key: "m5", orderId: orderA.id, customerId: ada.id, channel: "sms", template: "shipped", status: "delivered", provider: "twilio", bodyText: "Shipped! Track it online.", reviewedAt: new Date("2026-11-24T11:00:00Z"), reviewScore: 5, createdAt: new Date("2026-11-24T09:30:00Z") },
  ];
  for (const { key, ...row } of rows) {
    const [inserted] = await db.insert(messages).values({ ...row, idempotencyKey: randomUUID() }).returning({ id: messages.id });
    ids[key] = inserted!.id;
  }
});
afterAll(async () => {
  await handle.close();
});

/** The keys of the messages a query string lists, newest first. */
async function keysFor(query: Record<string, string>, context: LogContext = utc): Promise<string[]> {
  const { filters, ignored } = parseMessageLogFilters(query);
  expect(ignored).toEqual([]);
  const page = await listMessages(handle.db, filters, context);
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  expect(await countMessages(handle.db, filters, context)).toBe(page.rows.length);
  // Both ways a text search can run (search-plan.ts) list the same rows.
  for (const searchPlan of ["inline", "prefilter"] as const) {
    expect((await listMessages(handle.db, filters, { ...context, searchPlan })).rows.map((r) => r.id), searchPlan).toEqual(page.rows.map((r) => r.id));
  }
  return page.rows.map((r) => byId.get(r.id)!);
}

describe("communication log filters", () => {
  it("lists everything newest first without filters", async () => {
    expect(await keysFor({})).toEqual(["m5", "m4", "m3", "m2", "m1"]);
  });

  it("filters by channel, template (free text too), delivery status and provider", async () => {
    expect(await keysFor({ channel: "sms" })).toEqual(["m5", "m2"]);
    expect(await keysFor({ template: "shipped" })).toEqual(["m5", "m1"]);
    expect(await keysFor({ template: "none" })).toEqual(["m3"]);
    expect(await keysFor({ status: "bounced" })).toEqual(["m2"]);
    expect(await keysFor({ provider: "twilio" })).toEqual(["m5", "m2"]);
  });

  it("filters by sender: System, or one person", async () => {
    expect(await keysFor({ sender: "system" })).toEqual(["m5", "m1"]);
    expect(await keysFor({ sender: rita.id })).toEqual(["m4", "m2"]);
    expect(await keysFor({ sender: sam.id })).toEqual(["m3"]);
  });

  it("filters by order number, however it is typed", async () => {
    expect(await keysFor({ order: orderA.number })).toEqual(["m5", "m1"]);
    expect(await keysFor({ order: orderA.number.toLowerCase() })).toEqual(["m5", "m1"]);
    expect(await keysFor({ order: orderA.number.replace("OL-", "") })).toEqual(["m5", "m1"]);
    expect(await keysFor({ order: "OL-1" })).toEqual([]);
  });

  it("filters by customer: an email exactly (any case), or a part of the name", async () => {
    expect(await keysFor({ customer: "Grace@Example.com" })).toEqual(["m3", "m2"]);
    expect(await keysFor({ customer: "race@example.com" })).toEqual([]);
    expect(await keysFor({ customer: "LOVE" })).toEqual(["m5", "m4", "m1"]);
    // LIKE wildcards are literal characters.
    expect(await keysFor({ customer: "%" })).toEqual([]);
    expect(await keysFor({ customer: "_" })).toEqual([]);
  });

  it("searches the words of the body and the subject (stemmed, web-search syntax)", async () => {
    expect(await keysFor({ q: "parcel" })).toEqual(["m1"]);
    // "invoice" is in m3's body and m4's subject.
    expect(await keysFor({ q: "invoice" })).toEqual(["m4", "m3"]);
    expect(await keysFor({ q: "receipt" })).toEqual(["m4"]);
    expect(await keysFor({ q: "delays" })).toEqual(["m2"]);
    expect(await keysFor({ q: "invoice -missing" })).toEqual(["m4"]);
    expect(await keysFor({ q: '"picked up"' })).toEqual(["m1"]);
    expect(await keysFor({ q: "invoice OR blender" })).toEqual(["m4", "m3", "m2"]);
    // Odd input never fails the query.
    expect(await keysFor({ q: '"unbalanced & | ! ( :*' })).toEqual([]);
    expect(await keysFor({ q: "the" })).toEqual([]);
  });

  it("filters by review state", async () => {
    expect(await keysFor({ reviewed: "no" })).toEqual(["m3", "m2", "m1"]);
    expect(await keysFor({ reviewed: "yes" })).toEqual(["m5", "m4"]);
    expect(await keysFor({ reviewed: "low" })).toEqual(["m4"]);
  });

  it("reads from/to as whole days in the viewer's zone", async () => {
    // m2 is 23:30 UTC on the 22nd, m3 02:00 UTC on the 23rd: both are the evening of the 22nd in New York.
    expect(await keysFor({ from: "2026-11-22", to: "2026-11-22" })).toEqual(["m2"]);
    expect(await keysFor({ from: "2026-11-22", to: "2026-11-22" }, newYork)).toEqual(["m3", "m2"]);
    expect(await keysFor({ from: "2026-11-23" })).toEqual(["m5", "m4", "m3"]);
    expect(await keysFor({ to: "2026-11-21" })).toEqual(["m1"]);
  });

  it("rolls presets with the clock: today, last 7 and 30 days", async () => {
    expect(await keysFor({ range: "today" })).toEqual(["m5", "m4"]);
    expect(await keysFor({ range: "7d" })).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    expect(await keysFor({ range: "7d" }, { ...utc, now: new Date("2026-11-28T12:00:00Z") })).toEqual(["m5", "m4", "m3", "m2"]);
    expect(await keysFor({ range: "30d" }, { ...utc, now: new Date("2026-12-22T12:00:00Z") })).toEqual(["m5", "m4", "m3"]);
  });

  it("combines filters", async () => {
    expect(await keysFor({ channel: "sms", status: "bounced" })).toEqual(["m2"]);
    expect(await keysFor({ channel: "sms", status: "bounced", reviewed: "no", sender: rita.id, range: "7d" })).toEqual(["m2"]);
    expect(await keysFor({ customer: "ada@example.com", q: "invoice", reviewed: "low" })).toEqual(["m4"]);
    expect(await keysFor({ customer: "ada@example.com", channel: "phone" })).toEqual([]);
  });

  it("lists Sent-by choices: System, then reps and supervisors", async () => {
    const options = await messageSenderOptions(handle.db);
    expect(options.map((o) => o.label)).toEqual(["System", "Rita Rep", "Sam Rep", "Sue Supervisor"]);
  });

  it("shows one message with its history and its reviewer", async () => {
    await handle.db.insert(messageEvents).values({ messageId: ids.m1!, status: "sent", detail: "Accepted by resend" });
    const detail = await getMessageDetail(handle.db, ids.m1!);
    expect(detail).toMatchObject({ order: { number: orderA.number }, senderName: "System", reviewerName: null, events: [{ status: "sent", detail: "Accepted by resend" }] });
    expect((await getMessageDetail(handle.db, ids.m2!))?.senderName).toBe("Rita Rep");
    expect(await getMessageDetail(handle.db, "not-a-uuid")).toBeNull();
    expect(await getMessageDetail(handle.db, randomUUID())).toBeNull();
  });
});

describe("communication log paging", () => {
  let paging: DatabaseHandle;
  beforeAll(async () => {
    paging = await createTestDatabase();
    const order = await makeOrder(paging.db);
    const rep = await makeUser(paging.db, { role: "rep", name: "Rita Rep" });
    // 240 messages, many sharing one created_at to the microsecond: paging must neither skip nor repeat them.
    const shared = new Date("2026-11-24T10:00:00.123Z");
    await paging.db.insert(messages).values(
      Array.from({ length: 240 }, (_, i) => ({
        orderId: order.id,
        customerId: order.customerId,
        channel: i % 3 === 0 ? ("sms" as const) : ("email" as const),
        template: "shipped" as const,
        subject: `Message ${i}`,
        bodyText: i % 2 === 0 ? `Your parcel ${i} shipped` : `Body ${i}`,
        status: i % 4 === 0 ? ("failed" as const) : ("sent" as const),
        provider: i % 2 === 0 ? "local-outbox" : "resend",
        senderType: i % 5 === 0 ? ("user" as const) : ("system" as const),
        senderUserId: i % 5 === 0 ? rep.id : null,
        reviewedAt: i % 7 === 0 ? shared : null,
        reviewScore: i % 7 === 0 ? 4 : null,
        idempotencyKey: randomUUID(),
        createdAt: i < 120 ? shared : new Date(shared.getTime() + i * 1000),
      })),
    );
  });
  afterAll(async () => {
    await paging.close();
  });

  async function pageThrough(query: Record<string, string>, searchPlan?: "inline" | "prefilter") {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const { filters } = parseMessageLogFilters(before ? { ...query, before } : query);
      const page = await listMessages(paging.db, filters, { ...utc, searchPlan });
      expect(page.rows.length).toBeLessThanOrEqual(MESSAGE_PAGE_SIZE);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    return seen;
  }

  it("pages newest first through every message exactly once", async () => {
    expect(await pageThrough({})).toHaveLength(240);
  });

  it("keeps the filters across the cursor", async () => {
    const expected = Array.from({ length: 240 }, (_, i) => i).filter((i) => i % 3 !== 0 && i % 2 === 0 && i % 7 !== 0);
    const seen = await pageThrough({ channel: "email", q: "parcel", reviewed: "no" });
    expect(seen).toHaveLength(expected.length);
    for (const plan of ["inline", "prefilter"] as const) expect(await pageThrough({ channel: "email", q: "parcel", reviewed: "no" }, plan), plan).toEqual(seen);
    expect(expected.length).toBeGreaterThan(MESSAGE_PAGE_SIZE);
    const { filters } = parseMessageLogFilters({ channel: "email", q: "parcel", reviewed: "no" });
    expect(await countMessages(paging.db, filters, utc)).toBe(expected.length);
  });
});
