import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { makeCustomer, makeOrder, makeUser, testAddress } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { defaultNotificationSettings } from "@/lib/settings/defaults";
import { updateNotificationSettings } from "@/lib/settings/update-settings";
import { rejectRequest } from "./decide-request";
import { listRequests } from "./list-requests";
import { receiveChangeRequest } from "./receive-request";

// Default calendar: New York, 9–17 Mon–Fri. Acknowledgements wait for a rep here, so request_ack (1 business hour)
// is each open request's most urgent clock.

const at = (iso: string) => new Date(iso);
let handle: DatabaseHandle;
let rep: Actor;
beforeAll(async () => {
  handle = await createTestDatabase();
  rep = { type: "user", userId: (await makeUser(handle.db, { role: "rep", name: "Riley Rep" })).id };
  const supervisorId = (await makeUser(handle.db, { role: "supervisor" })).id;
  const stages = { ...defaultNotificationSettings.stages, request_received: "suggest" as const };
  await updateNotificationSettings(handle.db, { settings: { ...defaultNotificationSettings, stages }, actorUserId: supervisorId });
});
afterAll(async () => {
  await handle?.close();
});

async function requestAt(when: string, kind: "cancel" | "change_address", customerName: string) {
  const customer = await makeCustomer(handle.db, { name: customerName });
  const order = await makeOrder(handle.db, { customerId: customer.id, status: "confirmed", confirmedAt: at("2026-11-23T14:00:00Z") });
  const payload = kind === "cancel" ? {} : { shippingAddress: { ...testAddress, line1: "9 Elm St" } };
  const request = await receiveChangeRequest(handle.db, { orderId: order.id, kind, payload, source: "customer", actor: { type: "customer" }, at: at(when) });
  return { order, request };
}

describe("the requests inbox", () => {
  it("lists open requests oldest breach first, with the band of their most urgent clock; filters by kind; decided ones apart", async () => {
    const later = await requestAt("2026-11-23T16:00:00Z", "cancel", "Later Customer"); // Mon 11:00, ack due 12:00
    const earlier = await requestAt("2026-11-23T14:30:00Z", "change_address", "Earlier Customer"); // Mon 09:30, due 10:30
    const decided = await requestAt("2026-11-23T14:00:00Z", "cancel", "Decided Customer");
    await rejectRequest(handle.db, { requestId: decided.request.id, reason: "Already packed", actor: rep, at: at("2026-11-23T15:00:00Z") });

    const now = at("2026-11-23T16:30:00Z"); // Mon 11:30: the earlier one's ack is an hour overdue, the later one's half gone
    const { rows, more } = await listRequests(handle.db, { filters: { status: "open" }, now });
    expect(more).toBe(false);
    expect(rows.map((r) => [r.orderNumber, r.customerName, r.kind, r.source, r.clock?.kind, r.clock?.band])).toEqual([
      [earlier.order.number, "Earlier Customer", "change_address", "customer", "request_ack", "breached"],
      [later.order.number, "Later Customer", "cancel", "customer", "request_ack", "at_risk"],
    ]);

    const cancels = await listRequests(handle.db, { filters: { status: "open", kind: "cancel" }, now });
    expect(cancels.rows.map((r) => r.id)).toEqual([later.request.id]);

    const done = await listRequests(handle.db, { filters: { status: "decided" }, now });
    expect(done.rows).toMatchObject([{ id: decided.request.id, status: "rejected", decidedByName: "Riley Rep", clock: null }]);
  });
});
