import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { firstLine, listInquiries } from "./list-inquiries";
import { receiveInquiry } from "./receive-inquiry";
import { answerInquiry, resolveInquiry, waitOnCustomer } from "./work-inquiry";

const at = (iso: string) => new Date(iso);
let handle: DatabaseHandle;
let rep: Actor;
beforeAll(async () => {
  handle = await createTestDatabase();
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep" })).id };
});
afterAll(async () => {
  await handle?.close();
});

async function ask(when: string, name: string, withOrder = true) {
  const customer = await makeCustomer(handle.db, { name });
  const order = withOrder ? await makeOrder(handle.db, { customerId: customer.id }) : null;
  const inquiry = await receiveInquiry(handle.db, { customerId: customer.id, orderId: order?.id ?? null, channel: "email", body: `Question from ${name}\nsecond line`, actor: { type: "customer" }, at: at(when) });
  return { inquiry, order };
}

describe("the inquiries inbox", () => {
  it("lists running clocks oldest breach first, then paused ones, then answered ones; resolved ones apart", async () => {
    const breached = await ask("2026-11-23T10:00:00Z", "Breached Bea"); // due Tue 10:00
    const fresh = await ask("2026-11-24T09:00:00Z", "Fresh Fay", false); // due Wed 09:00, no order
    const paused = await ask("2026-11-23T08:00:00Z", "Paused Pat"); // would be the oldest breach, but it waits on the customer
    await waitOnCustomer(handle.db, { inquiryId: paused.inquiry.id, actor: rep, at: at("2026-11-23T09:00:00Z") });
    const answered = await ask("2026-11-22T10:00:00Z", "Answered Ann");
    await answerInquiry(handle.db, { inquiryId: answered.inquiry.id, answer: "Done", actor: rep, at: at("2026-11-22T11:00:00Z") });
    const resolved = await ask("2026-11-21T10:00:00Z", "Resolved Rae");
    await answerInquiry(handle.db, { inquiryId: resolved.inquiry.id, answer: "Done", actor: rep, at: at("2026-11-21T11:00:00Z") });
    await resolveInquiry(handle.db, { inquiryId: resolved.inquiry.id, actor: rep, at: at("2026-11-21T12:00:00Z") });

    const now = at("2026-11-24T12:00:00Z");
    const { rows, more } = await listInquiries(handle.db, { filters: { status: "active" }, now });
    expect(more).toBe(false);
    expect(rows.map((r) => [r.customerName, r.status, r.orderNumber === null, r.clock?.state, r.clock?.band])).toEqual([
      ["Breached Bea", "open", false, "open", "breached"],
      ["Fresh Fay", "open", true, "open", "on_track"],
      // Paused after 1 of its 24 hours: the band it had then, not one computed against a deadline that no longer holds.
      ["Paused Pat", "waiting_customer", false, "paused", "on_track"],
      ["Answered Ann", "answered", false, "met", "on_track"],
    ]);
    expect(rows[0]).toMatchObject({ orderNumber: breached.order!.number, channel: "email", clock: { dueAt: at("2026-11-24T10:00:00Z") } });
    expect(rows[1]!.id).toBe(fresh.inquiry.id);
    expect(rows[2]!.clock).toMatchObject({ pausedAt: at("2026-11-23T09:00:00Z") });

    const waiting = await listInquiries(handle.db, { filters: { status: "waiting_customer" }, now });
    expect(waiting.rows.map((r) => r.id)).toEqual([paused.inquiry.id]);
    const done = await listInquiries(handle.db, { filters: { status: "resolved" }, now });
    expect(done.rows).toMatchObject([{ id: resolved.inquiry.id, resolvedAt: at("2026-11-21T12:00:00Z"), clock: { state: "met" } }]);

    const page = await listInquiries(handle.db, { filters: { status: "active" }, now, limit: 2 });
    expect(page).toMatchObject({ more: true, rows: [{ customerName: "Breached Bea" }, { customerName: "Fresh Fay" }] });
  });

  it("shows the question's first line, clipped", () => {
    expect(firstLine("  Where is it?\nI ordered on Monday.")).toBe("Where is it?");
    expect(firstLine("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
