import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Customer, Order } from "@/db/schema";
import { makeCustomer, makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { logInquiry, receiveInquiry } from "@/lib/inquiries/receive-inquiry";
import { answerInquiry, waitOnCustomer } from "@/lib/inquiries/work-inquiry";
import { defaultSlaPolicy } from "@/lib/settings/defaults";
import { editableClockKinds, type SlaPolicyInput } from "@/lib/settings/settings-schemas";
import { updateSlaPolicy } from "@/lib/settings/update-settings";
import { answerWithinWords } from "./customer-wording";
import { loadTrackingView } from "./load-tracking-view";

// The customer's own questions on the tracking page: asked through the page (receiveInquiry as the page's action
// calls it), answered through answerInquiry as a rep does, read back through loadTrackingView.

const at = (iso: string) => new Date(iso);
const zone = "Europe/Berlin";

describe("the customer's questions on the tracking page", () => {
  let handle: DatabaseHandle;
  let staff: { id: string; name: string };
  let rep: Actor;
  let customer: Customer;
  let order: Order;
  const ask = (body: string, when: string, on: Pick<Order, "id" | "customerId"> = order) =>
    receiveInquiry(handle.db, { customerId: on.customerId, orderId: on.id, channel: "portal", body, actor: { type: "customer" }, at: at(when) });
  const view = async () => (await loadTrackingView(handle.db, order.trackingToken))!;

  beforeAll(async () => {
    handle = await createTestDatabase();
    staff = await makeUser(handle.db, { role: "rep", name: "Riley Internal" });
    rep = { type: "user", userId: staff.id };
    customer = await makeCustomer(handle.db, { name: "Ada Lovelace", email: "ada.q@example.com", phone: "+15550199002", timeZone: zone });
    order = await makeOrder(handle.db, { customerId: customer.id, status: "confirmed", placedAt: at("2026-03-02T09:00:00Z") });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("shows each question asked on the page back, newest first, with when it was sent and the reply time of its own clock", async () => {
    expect((await view()).questions).toEqual([]);
    await ask("Can you leave it with the neighbour?", "2026-03-03T08:00:00Z");
    await ask("Is the tote machine-washable?", "2026-03-03T09:30:00Z");

    const { questions } = await view();
    expect(questions).toEqual([
      { body: "Is the tote machine-washable?", askedAt: formatDateTime(at("2026-03-03T09:30:00Z"), zone), state: "waiting", stateLabel: "Waiting for our answer", answerWithin: "24 h", answers: [] },
      { body: "Can you leave it with the neighbour?", askedAt: formatDateTime(at("2026-03-03T08:00:00Z"), zone), state: "waiting", stateLabel: "Waiting for our answer", answerWithin: "24 h", answers: [] },
    ]);
    expect(questions[1]!.askedAt).toContain("9:00"); // 08:00 UTC is 09:00 in Berlin
  });

  it("shows our answer as the customer received it — the written answer, when it went — and the question answered", async () => {
    const [neighbour] = await handle.db.query.inquiries.findMany({ where: (i, { eq }) => eq(i.body, "Can you leave it with the neighbour?") });
    await answerInquiry(handle.db, { inquiryId: neighbour!.id, answer: "Yes — write the neighbour's name in the delivery note.", channel: "portal", actor: rep, at: at("2026-03-03T10:00:00Z") });

    const { questions } = await view();
    expect(questions.map((q) => [q.body, q.stateLabel])).toEqual([
      ["Is the tote machine-washable?", "Waiting for our answer"],
      ["Can you leave it with the neighbour?", "Answered"],
    ]);
    expect(questions[1]!.answers).toEqual([
      { channel: "Message on this page", text: "Yes — write the neighbour's name in the delivery note.", at: formatDateTime(at("2026-03-03T10:00:00Z"), zone) },
    ]);

    // An emailed answer waiting in the outbox is on its way; a second answer follows the first.
    await answerInquiry(handle.db, { inquiryId: neighbour!.id, answer: "Also: the carrier leaves a card when they do.", channel: "email", actor: rep, at: at("2026-03-03T11:00:00Z") });
    const again = (await view()).questions[1]!;
    expect(again.answers.map((a) => [a.channel, a.text, a.at])).toEqual([
      ["Message on this page", "Yes — write the neighbour's name in the delivery note.", formatDateTime(at("2026-03-03T10:00:00Z"), zone)],
      ["Email", "Also: the carrier leaves a card when they do.", "on its way"],
    ]);
  });

  it("says when we wait on the customer, and shows a call by how it went, never the rep's notes", async () => {
    const [washable] = await handle.db.query.inquiries.findMany({ where: (i, { eq }) => eq(i.body, "Is the tote machine-washable?") });
    await waitOnCustomer(handle.db, { inquiryId: washable!.id, note: "Asked for the colour", actor: rep, at: at("2026-03-03T12:00:00Z") });
    expect((await view()).questions[0]).toMatchObject({ state: "waiting_customer", stateLabel: "Waiting for your reply", answers: [] });

    await answerInquiry(handle.db, { inquiryId: washable!.id, answer: "Rep notes: told her 30 degrees, she seemed unsure", channel: "phone", actor: rep, at: at("2026-03-03T13:00:00Z") });
    const answered = (await view()).questions[0]!;
    expect(answered).toMatchObject({ state: "answered", answers: [{ channel: "Phone call", text: "We spoke with you.", at: formatDateTime(at("2026-03-03T13:00:00Z"), zone) }] });
  });

  it("promises the reply time in force when the question came, after the policy is edited", async () => {
    const policy = Object.fromEntries(
      editableClockKinds.map((k) => [k, { minutes: defaultSlaPolicy[k].seconds / 60, timeBase: defaultSlaPolicy[k].timeBase }]),
    ) as SlaPolicyInput;
    await updateSlaPolicy(handle.db, { policy: { ...policy, inquiry_ack: { minutes: 8 * 60, timeBase: "business" } }, actorUserId: staff.id });
    await ask("Will it come before Friday?", "2026-03-04T08:00:00Z");

    const { questions } = await view();
    expect(questions.map((q) => [q.body, q.answerWithin])).toEqual([
      ["Will it come before Friday?", "8 business hours"],
      ["Is the tote machine-washable?", "24 h"],
      ["Can you leave it with the neighbour?", "24 h"],
    ]);
  });

  it("holds only this customer's own page questions: not a rep's logged wording, not another order's, nothing internal", async () => {
    await logInquiry(handle.db, { orderNumber: order.number, channel: "phone", body: "Logged by rep: caller rude, wants a refund", actor: rep, at: at("2026-03-04T09:00:00Z") });
    const other = await makeOrder(handle.db, { customerId: (await makeCustomer(handle.db, { name: "Grace Hopper" })).id });
    await ask("Other customer's private question", "2026-03-04T10:00:00Z", other);

    const current = await view();
    expect(current.questions.map((q) => q.body)).toEqual(["Will it come before Friday?", "Is the tote machine-washable?", "Can you leave it with the neighbour?"]);
    const json = JSON.stringify(current.questions);
    for (const secret of ["Logged by rep", "Other customer's", "Rep notes", "Asked for the colour", staff.name, staff.id, customer.email!, order.trackingToken, "Hi Ada"]) {
      expect(json, secret).not.toContain(secret);
    }
  });
});

describe("the reply time in words", () => {
  it("says hours of the clock's own time base", () => {
    expect(answerWithinWords({ seconds: 24 * 3600, timeBase: "calendar" })).toBe("24 h");
    expect(answerWithinWords({ seconds: 3600, timeBase: "business" })).toBe("1 business hour");
    expect(answerWithinWords({ seconds: 16 * 3600, timeBase: "business" })).toBe("16 business hours");
    expect(answerWithinWords({ seconds: 90 * 60, timeBase: "calendar" })).toBe("1 h 30 min");
    expect(answerWithinWords({ seconds: 45 * 60, timeBase: "business" })).toBe("45 min of business time");
  });
});
