import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders, type Order } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { applyTrackingImport, previewTrackingImport, type TrackingImportPreview } from "./tracking-import";

const header = "order number,carrier,tracking number,carrier name,tracking url";
const csvOf = (...lines: string[]) => [header, ...lines].join("\r\n") + "\r\n";
const versionsOf = (preview: TrackingImportPreview) => preview.rows.flatMap((r) => (r.orderId ? [{ orderId: r.orderId, version: r.version! }] : []));

describe("tracking import", () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    actor = { type: "user", userId: (await makeUser(handle.db, { role: "fulfillment" })).id };
  });
  afterAll(async () => {
    await handle?.close();
  });

  const shipped = (extra: Partial<Order> = {}) => makeOrder(handle.db, { status: "shipped", carrier: "ups", trackingNumber: "1Z999AA10123456784", ...extra });
  const snapshot = async (ids: string[]) => ({
    orders: await handle.db.select().from(orders).where(inArray(orders.id, ids)).orderBy(asc(orders.id)),
    events: await handle.db.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)).orderBy(asc(orderEvents.id)),
  });

  it("previews each row: ship, correct, unchanged, or the reason it cannot apply", async () => {
    const processing = await makeOrder(handle.db, { status: "processing" });
    const inTransit = await shipped({ status: "in_transit" });
    const same = await shipped();
    const delivered = await shipped({ status: "delivered" });
    const confirmed = await makeOrder(handle.db, { status: "confirmed" });
    const preview = await previewTrackingImport(
      handle.db,
      csvOf(
        `${processing.number.toLowerCase()},DHL,1234567890,,`,
        `${inTransit.number},FedEx,123456789012,,`,
        `${same.number},UPS,1Z999AA10123456784,,`,
        `${delivered.number},UPS,1Z999AA10123456785,,`,
        `${confirmed.number},UPS,1Z999AA10123456785,,`,
        "OL-999999999,UPS,1Z999AA10123456785,,",
        `${processing.number},DHL,1234567891,,`,
      ),
    );
    expect(preview.rows.map((r) => [r.line, r.orderNumber, r.action, r.error])).toEqual([
      [2, processing.number, "ship", null],
      [3, inTransit.number, "correct", null],
      [4, same.number, "unchanged", null],
      [5, delivered.number, null, `${delivered.number} is delivered — tracking can no longer change.`],
      [6, confirmed.number, null, `${confirmed.number} is confirmed — only orders being processed can ship.`],
      [7, "OL-999999999", null, "There is no order OL-999999999."],
      [8, processing.number, null, `${processing.number} is already on line 2; give each order once.`],
    ]);
    expect(preview.rows[0]).toMatchObject({ orderId: processing.id, version: processing.version, carrier: "dhl", trackingNumber: "1234567890" });
    expect(preview.summary).toEqual({ rows: 7, ship: 1, correct: 1, unchanged: 1, errors: 4 });
  });

  it("ships and corrects every order in one go, with their events, and reports progress up to the total", async () => {
    const a = await makeOrder(handle.db, { status: "processing" });
    const b = await makeOrder(handle.db, { status: "processing" });
    const c = await shipped({ status: "out_for_delivery" });
    const csv = csvOf(`${a.number},UPS,1Z999AA10123456784,,`, `${b.number},other,ab-1234-5678,Parcel Co,https://parcel.example/t/{tracking}`, `${c.number},fedex,1234 5678 9012,,`);
    const preview = await previewTrackingImport(handle.db, csv);
    const progress: [number, number][] = [];
    const result = await applyTrackingImport(handle.db, { csv, versions: versionsOf(preview), actor, onProgress: (done, total) => void progress.push([done, total]) });

    expect(result).toEqual({ applied: 3, shipped: 2, corrected: 1, unchanged: 0 });
    expect(progress).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    const after = await snapshot([a.id, b.id, c.id]);
    const byId = new Map(after.orders.map((o) => [o.id, o]));
    expect(byId.get(a.id)).toMatchObject({ status: "shipped", carrier: "ups", trackingNumber: "1Z999AA10123456784", version: a.version + 2 });
    expect(byId.get(b.id)).toMatchObject({ status: "shipped", carrier: "other", carrierName: "Parcel Co", trackingUrlTemplate: "https://parcel.example/t/{tracking}", trackingNumber: "AB12345678" });
    // A correction keeps the status and bumps the version once.
    expect(byId.get(c.id)).toMatchObject({ status: "out_for_delivery", carrier: "fedex", trackingNumber: "123456789012", version: c.version + 1 });

    const events = (id: string) => after.events.filter((e) => e.orderId === id).map((e) => [e.type, e.toStatus]);
    expect(events(a.id)).toEqual([["received", "received"], ["tracking_set", null], ["status_changed", "shipped"]]);
    expect(events(c.id)).toEqual([["received", "received"], ["tracking_set", null]]);
    const correction = after.events.find((e) => e.orderId === c.id && e.type === "tracking_set")!;
    expect(correction).toMatchObject({ actorType: "user", actorUserId: (actor as { userId: string }).userId });
    expect(correction.data).toEqual({ carrier: "fedex", trackingNumber: "123456789012", previousCarrier: "ups", previousTrackingNumber: "1Z999AA10123456784" });
  });

  it("changes nothing when one row has an error", async () => {
    const good = await makeOrder(handle.db, { status: "processing" });
    const correctable = await shipped();
    const bad = await makeOrder(handle.db, { status: "processing" });
    const csv = csvOf(`${good.number},DHL,1234567890,,`, `${correctable.number},DHL,1234567891,,`, `${bad.number},USPS,12345,,`);
    const preview = await previewTrackingImport(handle.db, csv);
    expect(preview.summary).toMatchObject({ ship: 1, correct: 1, errors: 1 });
    const before = await snapshot([good.id, correctable.id, bad.id]);

    const apply = applyTrackingImport(handle.db, { csv, versions: versionsOf(preview), actor });
    await expect(apply).rejects.toThrow(UserFacingError);
    await expect(apply).rejects.toThrow("Fix the 1 row with errors and upload again; nothing was changed.");
    expect(await snapshot([good.id, correctable.id, bad.id])).toEqual(before);
  });

  it("refuses the whole file when an order changed since the preview", async () => {
    const a = await makeOrder(handle.db, { status: "processing" });
    const b = await makeOrder(handle.db, { status: "processing" });
    const csv = csvOf(`${a.number},DHL,1234567890,,`, `${b.number},DHL,1234567891,,`);
    const preview = await previewTrackingImport(handle.db, csv);
    // Someone else edits b after the preview (still processing, so the file itself is still valid).
    await handle.db.update(orders).set({ version: b.version + 1 }).where(eq(orders.id, b.id));
    const before = await snapshot([a.id, b.id]);

    await expect(applyTrackingImport(handle.db, { csv, versions: versionsOf(preview), actor })).rejects.toThrow(
      "1 order changed since the preview; preview again. Nothing was changed.",
    );
    expect(await snapshot([a.id, b.id])).toEqual(before);
  });

  it("rolls back the orders already done when a later one fails while applying", async () => {
    const a = await makeOrder(handle.db, { status: "processing" });
    const b = await makeOrder(handle.db, { status: "processing" });
    const csv = csvOf(`${a.number},DHL,1234567890,,`, `${b.number},DHL,1234567891,,`);
    const preview = await previewTrackingImport(handle.db, csv);
    const before = await snapshot([a.id, b.id]);
    const failAfterFirst = (done: number) => {
      if (done === 1) throw new Error("connection lost");
    };
    await expect(applyTrackingImport(handle.db, { csv, versions: versionsOf(preview), actor, onProgress: failAfterFirst })).rejects.toThrow("connection lost");
    expect(await snapshot([a.id, b.id])).toEqual(before);
  });
});
