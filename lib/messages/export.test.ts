import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messages } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { parseCsv } from "@/lib/fulfillment/tracking-csv";
import { estimatedMessageCount, messageExportChunks, messageExportStream, messageExportTotal } from "./export";
import { EXPORT_TOTAL_EXACT_HEADER, EXPORT_TOTAL_HEADER, messageExportResponse } from "./export-response";
import { estimatedSearchMatches } from "./search-plan";

let handle: DatabaseHandle;
let rita: { id: string };
let sue: { id: string };
const now = new Date("2026-11-24T12:00:00Z");
const supervisor = { role: "supervisor" as const };
const shared = new Date("2026-11-24T10:00:00.123456Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  rita = await makeUser(db, { role: "rep", name: "Rita Rep" });
  sue = await makeUser(db, { role: "supervisor", name: "Sue Supervisor" });
  const hostile = await makeCustomer(db, { name: '=HYPERLINK("http://evil.example","Click")', email: "evil@example.com", phone: "+15555550100" });
  const order = await makeOrder(db, { customerId: hostile.id });
  // 95 messages, 60 of them sharing one created_at to the microsecond: chunks must neither skip nor repeat rows.
  await db.insert(messages).values(
    Array.from({ length: 95 }, (_, i) => ({
      orderId: order.id,
      customerId: hostile.id,
      channel: i % 5 === 0 ? ("sms" as const) : ("email" as const),
      template: "shipped" as const,
      toAddress: i % 5 === 0 ? "+15555550100" : "evil@example.com",
      subject: i % 5 === 0 ? null : `Shipped, "finally" #${i}`,
      bodyText: `Line one of ${i}\r\nLine two, with a comma\n@mention -dash`,
      status: i % 5 === 0 ? ("bounced" as const) : ("delivered" as const),
      senderType: i % 2 === 0 ? ("user" as const) : ("system" as const),
      senderUserId: i % 2 === 0 ? rita.id : null,
      reviewedAt: i === 10 ? new Date("2026-11-24T11:00:00Z") : null,
      reviewedBy: i === 10 ? sue.id : null,
      reviewScore: i === 10 ? 1 : null,
      reviewComment: i === 10 ? "-2 points: wrong date" : null,
      idempotencyKey: randomUUID(),
      createdAt: i < 60 ? shared : new Date(shared.getTime() - (i + 1) * 60_000),
    })),
  );
  // Written after the export's "as of": never in it.
  const late = await makeOrder(db, { customerId: hostile.id });
  await db.insert(messages).values({ orderId: late.id, customerId: hostile.id, channel: "email", bodyText: "Too late", senderType: "system", idempotencyKey: randomUUID(), createdAt: new Date(now.getTime() + 1000) });
});
afterAll(async () => {
  await handle.close();
});

async function exportCsv(query: string, user: { role: "rep" | "supervisor" | "admin" } | null = supervisor) {
  const response = await messageExportResponse(handle.db, { user, searchParams: new URLSearchParams(query), timeZone: "America/New_York", now });
  // ignoreBOM: keep the byte-order mark in the text (TextDecoder drops it by default) so the test can see it.
  return { response, text: response.ok ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()) : "" };
}

describe("message export", () => {
  it("streams every filtered row exactly once across chunks, newest first", async () => {
    const seen: string[] = [];
    let chunks = 0;
    for await (const rows of messageExportChunks(handle.db, {}, { timeZone: "UTC", now }, { asOf: now, chunkSize: 7 })) {
      expect(rows.length).toBeLessThanOrEqual(7);
      chunks++;
      seen.push(...rows.map((r) => r.id));
    }
    expect(chunks).toBe(Math.ceil(95 / 7));
    expect(new Set(seen).size).toBe(95);
  });

  it("runs a text search either way (index first, or walking the log) with the same rows in the same order", async () => {
    const ids = async (searchPlan: "inline" | "prefilter") => {
      const out: string[] = [];
      for await (const rows of messageExportChunks(handle.db, { q: "comma", channel: "email" }, { timeZone: "UTC", now, searchPlan }, { asOf: now, chunkSize: 9 })) out.push(...rows.map((r) => r.id));
      return out;
    };
    const inline = await ids("inline");
    expect(inline).toHaveLength(76);
    expect(await ids("prefilter")).toEqual(inline);
    expect(await estimatedSearchMatches(handle.db, "comma")).toBeGreaterThan(0);
  });

  it("announces an exact total, or the planner's estimate when counting would take too long", async () => {
    const context = { timeZone: "UTC", now };
    expect(await messageExportTotal(handle.db, { channel: "sms" }, context, now)).toEqual({ total: 19, exact: true });
    expect(await estimatedMessageCount(handle.db, { channel: "sms" }, context, now)).toBeGreaterThan(0);
  });

  it("answers CSV with a BOM, a header row, the announced total and a dated file name", async () => {
    const { response, text } = await exportCsv("");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="messages-2026-11-24.csv"');
    expect(response.headers.get(EXPORT_TOTAL_HEADER)).toBe("95");
    expect(response.headers.get(EXPORT_TOTAL_EXACT_HEADER)).toBe("true");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parseCsv(text).map((r) => r.fields);
    expect(records[0]).toEqual(expect.arrayContaining(["Message id", "Written (America/New_York)", "Text", "Score", "Review comment"]));
    expect(records).toHaveLength(96);
    expect(new Set(records.slice(1).map((r) => r[0])).size).toBe(95);
    // CRLF only ends records: a browser can count progress without parsing quotes.
    expect(text.split("\r\n").length - 1).toBe(96);
  });

  it("applies the filters and writes times in the viewer's zone", async () => {
    const { response, text } = await exportCsv("channel=sms&status=bounced&sender=" + rita.id);
    const records = parseCsv(text).map((r) => r.fields);
    const header = records[0]!;
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    // i % 5 === 0 and i % 2 === 0: 0, 10, 20, … 90.
    expect(rows).toHaveLength(10);
    expect(response.headers.get(EXPORT_TOTAL_HEADER)).toBe("10");
    expect(rows.every((r) => r.Channel === "SMS" && r.Status === "Bounced" && r["Sent by"] === "Rita Rep")).toBe(true);
    expect(rows[0]!["Written (America/New_York)"]).toBe("2026-11-24 05:00:00");
    const reviewed = rows.find((r) => r.Score === "1")!;
    expect(reviewed).toMatchObject({ "Reviewed by": "Sue Supervisor", "Review comment": "'-2 points: wrong date", "Reviewed (America/New_York)": "2026-11-24 06:00:00" });
  });

  it("neutralises formulas and quotes text", async () => {
    const { text } = await exportCsv("channel=email");
    const [header, first] = parseCsv(text).map((r) => r.fields);
    const row = Object.fromEntries(header!.map((h, i) => [h, first![i]]));
    expect(row.Customer).toBe('\'=HYPERLINK("http://evil.example","Click")');
    expect(row.Subject).toMatch(/^Shipped, "finally" #\d+$/);
    // A line that would start a formula where a reader splits rows inside the cell is neutralised too (csvCell).
    expect(row.Text).toMatch(/^Line one of \d+\nLine two, with a comma\n'@mention -dash$/);
    const cells = parseCsv(text).flatMap((r) => r.fields);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    const sms = parseCsv((await exportCsv("channel=sms")).text)[1]!.fields;
    expect(sms).toContain("'+15555550100");
  });

  it("answers 401 without a session, 403 for other roles, 400 for bad filters", async () => {
    const anonymous = await exportCsv("", null);
    expect(anonymous.response.status).toBe(401);
    for (const role of ["rep", "admin"] as const) expect((await exportCsv("", { role })).response.status).toBe(403);
    const bad = await exportCsv("channel=fax");
    expect(bad.response.status).toBe(400);
    expect(await bad.response.json()).toEqual({ error: expect.stringContaining("Channel") });
    expect((await exportCsv("from=2026-11-30&to=2026-11-01")).response.status).toBe(400);
    expect((await exportCsv("q=" + "x".repeat(300))).response.status).toBe(400);
  });

  it("reads no further than the reader asks, and stops when cancelled", async () => {
    const stream = messageExportStream(handle.db, {}, { timeZone: "UTC", now }, { asOf: now, chunkSize: 10 });
    const reader = stream.getReader();
    const header = await reader.read();
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(header.value)).toMatch(/^\uFEFFMessage id,/);
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split("\r\n")).toHaveLength(11);
    await reader.cancel();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });
});
