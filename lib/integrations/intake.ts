import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, type OrderStatus } from "@/db/schema";
import { receiveOrder, type ReceiveOrderInput } from "@/lib/orders/receive-order";
import { mayPostOrders, ORDERS_REFUSED } from "./api-key-schema";
import { authenticateApiKey } from "./api-keys";
import { intakeIssues, unstorableTextIssues, orderIntakeSchema, type OrderIntake } from "./order-intake-schema";
import { log } from "@/lib/log";
import { inputShapeProblem, statusOfShapeProblem } from "@/lib/security/input-shape";

// POST /api/v1/orders without the HTTP plumbing, so tests can call it with a real database. The route hands it
// the Authorization header and the raw body and answers with what this returns.

export type IntakeResponse = { status: number; json: Record<string, unknown> };

export type IntakeOrder = { id: string; number: string; status: OrderStatus; trackingToken: string };

// Far above any real order (200 items with long names is ~100 KB); refusing early keeps a stray upload cheap.
export const MAX_INTAKE_BODY_CHARS = 1_000_000;

export const INTAKE_FAILED_MESSAGE = "Could not record the order; nothing was saved.";

export async function handleOrderIntake(
  db: Db,
  { authorization, body, now = new Date() }: { authorization: string | null | undefined; body: string; now?: Date },
): Promise<IntakeResponse> {
  try {
    const key = await authenticateApiKey(db, authorization);
    if (!key) return { status: 401, json: { error: "A valid API key is required: send Authorization: Bearer <key>." } };
    // A carrier's key is known (401 would send its developer looking for a typo) but may not add orders.
    if (!mayPostOrders(key.purpose)) return { status: 403, json: { error: ORDERS_REFUSED } };

    if (body.length > MAX_INTAKE_BODY_CHARS) return { status: 413, json: { error: "Body is too large" } };
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return { status: 400, json: { error: "Body must be JSON" } };
    }
    // Before anything walks the parsed body: the NUL check and zod recurse, and a body thousands deep overflows them.
    const shape = inputShapeProblem(raw);
    if (shape) return { status: statusOfShapeProblem(shape), json: { error: shape.message } };
    const nul = unstorableTextIssues(raw);
    if (nul) return { status: 400, json: { error: "Invalid order", issues: nul } };
    const parsed = orderIntakeSchema.safeParse(raw);
    if (!parsed.success) return { status: 400, json: { error: "Invalid order", issues: intakeIssues(parsed.error) } };

    const { order, created } = await recordOrder(db, parsed.data, now);
    const answer: IntakeOrder = { id: order.id, number: order.number, status: order.status, trackingToken: order.trackingToken };
    return { status: created ? 201 : 200, json: { order: answer } };
  } catch (error) {
    // The order and everything it causes commit in one transaction, so a failure here saved nothing.
    log.error("order intake failed", { error });
    return { status: 500, json: { error: INTAKE_FAILED_MESSAGE } };
  }
}

/** The customer lookup and the order commit together, so a failed order leaves no new customer behind. */
async function recordOrder(db: Db, intake: OrderIntake, now: Date) {
  return db.transaction(async (tx) => {
    const input: ReceiveOrderInput = {
      customer: await intakeCustomer(tx, intake.customer),
      externalId: intake.externalId,
      items: intake.items,
      shippingAddress: intake.shippingAddress,
      billingAddress: intake.billingAddress,
      shippingCents: intake.shippingCents,
      taxCents: intake.taxCents,
      currency: intake.currency,
      promisedDeliveryDate: intake.promisedDeliveryDate ?? null,
      actor: { type: "api" },
      at: intake.placedAt ?? now,
    };
    return receiveOrder(tx, input);
  });
}

/**
 * Who the order is for: an existing customer with the same email (their stored details are kept), else a new
 * customer from what was sent. Shared with phone orders (lib/orders/phone-order.ts) so both match alike.
 */
export async function intakeCustomer(db: Db, customer: OrderIntake["customer"]): Promise<ReceiveOrderInput["customer"]> {
  const existing = customer.email ? await customerIdByEmail(db, customer.email) : null;
  if (existing) return { id: existing };
  return {
    name: customer.name,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    preferredChannel: customer.preferredChannel,
    smsConsent: customer.smsConsent ?? false,
    ...(customer.timeZone ? { timeZone: customer.timeZone } : {}),
  };
}

/** The oldest customer with this email, ignoring case (the customers_email_lower_idx index serves it). */
async function customerIdByEmail(db: Db, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(sql`lower(${customers.email})`, email.toLowerCase()))
    .orderBy(asc(customers.createdAt), asc(customers.id))
    .limit(1);
  return row?.id ?? null;
}
