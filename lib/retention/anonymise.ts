import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { UserFacingError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { FileStorage } from "@/lib/storage/file-storage";

// Anonymising an order's records keeps the facts (ids, times, statuses, templates, channels, amounts, items) and
// replaces what says who the customer is or what they wrote: addresses, message text and recipients, request and
// inquiry text, feedback comments, notes, the recipient on a proof of delivery. Its photo (a doorstep, perhaps a face)
// is deleted from file storage. Raw payloads received from carriers and the email provider carry personal data and
// no fact we do not hold elsewhere, so they are deleted, as is who looked at the order. Used by the retention job
// (batches of old orders) and by a customer's erasure (all of theirs).

export const ERASED = "[erased]";

export type Counts = Record<string, number>;

/** A Postgres uuid[] literal for ids read from the database (never user text). */
function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(",")}}`;
}

async function count(tx: Db, query: ReturnType<typeof sql>): Promise<number> {
  return (await queryRows<{ id: unknown }>(tx, query)).length;
}

function add(counts: Counts, key: string, n: number) {
  if (n > 0) counts[key] = (counts[key] ?? 0) + n;
}

// The country stays (a fact for tax and carrier reporting); everything that locates a person goes.
const erasedAddress = (column: "billing_address" | "shipping_address") =>
  sql`jsonb_build_object('name', ${ERASED}::text, 'line1', ${ERASED}::text, 'city', ${ERASED}::text, 'postalCode', '', 'country', coalesce(${sql.raw(column)}->>'country', ''))`;

/**
 * Anonymises these orders and everything hanging off them; call inside the caller's transaction, with the orders
 * locked. Their proof-of-delivery photos are deleted from storage first: should the transaction then fail, the rows
 * still name photos that are gone (the order page shows none) and the next run finishes the job — whereas deleting
 * after commit could leave a photo no row points to, never to be erased.
 */
export async function anonymiseOrders(tx: Db, orderIds: readonly string[], now: Date, storage: FileStorage): Promise<Counts> {
  const counts: Counts = {};
  if (orderIds.length === 0) return counts;
  const ids = uuidArray(orderIds);
  const inOrders = sql`= any(${ids}::uuid[])`;

  const photos = await queryRows<{ photo_key: string }>(tx, sql`select photo_key from proofs_of_delivery where order_id ${inOrders} and photo_key is not null`);
  await deletePhotos(storage, photos.map((p) => p.photo_key));
  add(counts, "proof photos (deleted)", photos.length);

  add(counts, "orders", await count(tx, sql`
    update orders set billing_address = ${erasedAddress("billing_address")}, shipping_address = ${erasedAddress("shipping_address")}, anonymised_at = ${now.toISOString()}::timestamptz
    where id ${inOrders} returning id`));
  add(counts, "order_events", await count(tx, sql`
    update order_events set
      reason = case when type = 'note' then ${ERASED} else reason end,
      data = case when type = 'correction' then jsonb_build_object('field', data->'field', 'cause', data->'cause', 'erased', true) else data end
    where order_id ${inOrders} and (type = 'note' or type = 'correction') returning id`));
  add(counts, "accuracy_errors", await count(tx, sql`update accuracy_errors set detail = ${ERASED} where order_id ${inOrders} and detail is not null returning id`));
  add(counts, "messages", await count(tx, sql`
    update messages set
      to_address = case when to_address is null then null else ${ERASED} end,
      subject = case when subject is null then null else ${ERASED} end,
      body_text = ${ERASED}, body_html = null, last_error = null, review_comment = null,
      data = case when data is null then null else jsonb_build_object('template', data->'template', 'order', data->'order', 'erased', true) end
    where order_id ${inOrders} and body_text <> ${ERASED} returning id`));
  add(counts, "message_events", await count(tx, sql`
    update message_events set detail = null
    where detail is not null and message_id in (select id from messages where order_id ${inOrders}) returning id`));
  add(counts, "webhook_receipts (deleted)", await count(tx, sql`
    delete from webhook_receipts where message_id in (select id from messages where order_id ${inOrders}) returning id`));
  add(counts, "tracking_event_receipts (deleted)", await count(tx, sql`delete from tracking_event_receipts where order_id ${inOrders} returning id`));
  add(counts, "order_viewers (deleted)", await count(tx, sql`delete from order_viewers where order_id ${inOrders} returning order_id as id`));
  add(counts, "proofs_of_delivery", await count(tx, sql`
    update proofs_of_delivery set recipient_name = ${ERASED}, photo_key = null, photo_content_type = null, photo_bytes = null
    where order_id ${inOrders} and (recipient_name <> ${ERASED} or photo_key is not null) returning id`));
  add(counts, "change_requests", await count(tx, sql`
    update change_requests set payload = jsonb_build_object('erased', true), note = case when note is null then null else ${ERASED} end
    where order_id ${inOrders} returning id`));
  add(counts, "inquiries", await count(tx, sql`update inquiries set body = ${ERASED} where order_id ${inOrders} and body <> ${ERASED} returning id`));
  add(counts, "feedback", await count(tx, sql`update feedback set comment = null where order_id ${inOrders} and comment is not null returning id`));
  add(counts, "order_exceptions", await count(tx, sql`
    update order_exceptions set explanation = ${ERASED}, resolution = case when resolution is null then null else ${ERASED} end
    where order_id ${inOrders} and explanation <> ${ERASED} returning id`));
  add(counts, "escalation_comments", await count(tx, sql`
    update escalation_comments set body = ${ERASED}
    where body <> ${ERASED} and escalation_id in (select id from escalations where order_id ${inOrders}) returning id`));
  return counts;
}

// A batch may hold a thousand photos: a few deletions at a time keep an object store's round trips short.
const DELETE_CONCURRENCY = 8;

async function deletePhotos(storage: FileStorage, keys: readonly string[]): Promise<void> {
  const queue = [...keys];
  const deleteNext = async (): Promise<void> => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      try {
        await storage.delete(key);
      } catch (error) {
        queue.length = 0;
        log.error("could not delete a proof-of-delivery photo", { key, error });
        throw new UserFacingError("The proof-of-delivery photos could not be deleted from file storage, so the records were not anonymised. Try again shortly.");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, queue.length) }, deleteNext));
}

/**
 * Anonymises the customer row itself and what they hold outside any order (inquiries and messages without one).
 * Only for a customer whose orders are all anonymised (the caller checks).
 */
export async function anonymiseCustomer(tx: Db, customerId: string, now: Date): Promise<Counts> {
  const counts: Counts = {};
  add(counts, "customers", await count(tx, sql`
    update customers set name = ${ERASED}, email = null, phone = null, sms_consent = false, anonymised_at = ${now.toISOString()}::timestamptz
    where id = ${customerId} and anonymised_at is null returning id`));
  add(counts, "inquiries", await count(tx, sql`
    update inquiries set body = ${ERASED} where customer_id = ${customerId} and order_id is null and body <> ${ERASED} returning id`));
  add(counts, "messages", await count(tx, sql`
    update messages set
      to_address = case when to_address is null then null else ${ERASED} end,
      subject = case when subject is null then null else ${ERASED} end,
      body_text = ${ERASED}, body_html = null, last_error = null, review_comment = null,
      data = case when data is null then null else jsonb_build_object('template', data->'template', 'erased', true) end
    where customer_id = ${customerId} and order_id is null and body_text <> ${ERASED} returning id`));
  return counts;
}

export function mergeCounts(into: Counts, from: Counts): Counts {
  for (const [key, n] of Object.entries(from)) add(into, key, n);
  return into;
}
