import type { Db } from "../client";
import { customers, orderEvents, orderItems, orders, users, type NewCustomer, type NewOrder, type Role } from "../schema";
import { hashPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/sessions";

// Small builders for integration tests: each test seeds exactly the rows it asserts on.

let counter = 0;
const next = () => ++counter;

export const testAddress = { name: "Ada Lovelace", line1: "1 Main St", city: "Springfield", region: "MA", postalCode: "01101", country: "US" };

export async function makeUser(db: Db, input: { role: Role; email?: string; password?: string; active?: boolean; name?: string }) {
  const n = next();
  const [user] = await db
    .insert(users)
    .values({
      email: input.email ?? `user${n}@test.example`,
      name: input.name ?? `Test ${input.role} ${n}`,
      role: input.role,
      active: input.active ?? true,
      // Cost 4: the fastest bcrypt allows, so tests do not wait on hashing.
      passwordHash: await hashPassword(input.password ?? "correct horse battery", 4),
    })
    .returning();
  return user!;
}

/** A signed-in session of this user (as the sign-in opens one): what a test's stand-in cookie names. */
export async function makeSession(db: Db, userId: string, now: Date = new Date()): Promise<{ userId: string; sessionId: string }> {
  return { userId, sessionId: await startSession(db, { userId, ip: "203.0.113.5", userAgent: "test", now }) };
}

export async function makeCustomer(db: Db, input: Partial<NewCustomer> = {}) {
  const n = next();
  const [customer] = await db
    .insert(customers)
    .values({ name: `Customer ${n}`, email: `customer${n}@example.com`, ...input })
    .returning();
  return customer!;
}

export async function makeOrder(db: Db, input: Partial<NewOrder> & { customerId?: string } = {}) {
  const customerId = input.customerId ?? (await makeCustomer(db)).id;
  const [order] = await db
    .insert(orders)
    .values({ billingAddress: testAddress, shippingAddress: testAddress, subtotalCents: 2500, totalCents: 2500, ...input, customerId })
    .returning();
  await db.insert(orderItems).values({ orderId: order!.id, sku: "SKU-1", name: "Canvas tote", quantity: 1, unitPriceCents: 2500 });
  await db.insert(orderEvents).values({ orderId: order!.id, type: "received", toStatus: "received", actorType: "system", createdAt: order!.placedAt });
  return order!;
}
