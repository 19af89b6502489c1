import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, inquiries, orders, type Channel, type Inquiry } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { applyClockEvent } from "@/lib/sla/clocks";

/** A customer question arrives (tracking page, or logged by a rep): the record and its inquiry_ack clock. */
export async function receiveInquiry(
  db: Db,
  input: { customerId: string; orderId?: string | null; channel: Channel; body: string; actor: Actor; at?: Date },
): Promise<Inquiry> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        customerId: input.customerId,
        orderId: input.orderId ?? null,
        channel: input.channel,
        body: input.body,
        createdBy: input.actor.type === "user" ? input.actor.userId : null,
        createdAt: at,
      })
      .returning();
    await applyClockEvent(tx, { orderId: inquiry!.orderId, event: { type: "inquiry_received", inquiryId: inquiry!.id }, at });
    return inquiry!;
  });
}

export type LogInquiryInput = {
  customerEmail?: string | null;
  orderNumber?: string | null;
  channel: Channel;
  body: string;
  actor: Actor;
  at?: Date;
};

/**
 * A rep logs a question from a call, an email or a text. With an order number the inquiry is the order's (and its
 * customer's); otherwise the customer is found by email. No customer is created here: a customer exists because
 * they ordered, and a name typed from a call would only start a duplicate of the one intake creates later.
 */
export async function logInquiry(db: Db, input: LogInquiryInput): Promise<Inquiry> {
  const email = input.customerEmail?.trim().toLowerCase() || null;
  const number = input.orderNumber?.trim().toUpperCase() || null;
  if (!email && !number) throw new UserFacingError("Enter the customer's email or the order number.");
  return db.transaction(async (tx) => {
    let customerId: string;
    let orderId: string | null = null;
    if (number) {
      const [row] = await tx
        .select({ orderId: orders.id, customerId: customers.id, email: customers.email })
        .from(orders)
        .innerJoin(customers, eq(customers.id, orders.customerId))
        .where(eq(orders.number, number));
      if (!row) throw new UserFacingError(`There is no order ${number}. Check the number, or leave it empty to log the question for the customer alone.`);
      if (email && row.email?.toLowerCase() !== email) {
        throw new UserFacingError(`Order ${number} belongs to a customer with another email. Check both, or leave the email empty to log it for the order's customer.`);
      }
      ({ orderId, customerId } = row);
    } else {
      customerId = await customerByEmail(tx, email!);
    }
    return receiveInquiry(tx, { customerId, orderId, channel: input.channel, body: input.body.trim(), actor: input.actor, at: input.at });
  });
}

// Intake may have made two customers with one email (design decision "Intake finds the customer by email"): the one
// who ordered last is the one most likely calling.
async function customerByEmail(tx: Db, email: string): Promise<string> {
  const lastOrder = tx
    .select({ placedAt: sql<Date>`max(${orders.placedAt})`.as("last_placed_at") })
    .from(orders)
    .where(eq(orders.customerId, customers.id))
    .as("last_order");
  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .leftJoinLateral(lastOrder, sql`true`)
    .where(sql`lower(${customers.email}) = ${email}`)
    .orderBy(sql`${lastOrder.placedAt} desc nulls last`, desc(customers.createdAt))
    .limit(1);
  if (!customer) throw new UserFacingError("No customer with this email; enter the order number or create the order first.");
  return customer.id;
}
