import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { changeRequests, users, type ChangeRequest } from "@/db/schema";

export type OrderRequest = { request: ChangeRequest; createdByName: string | null; decidedByName: string | null };

const creators = alias(users, "creators");
const deciders = alias(users, "deciders");

/** The order's requests, newest first, with who logged and who decided each. */
export async function getOrderRequests(db: Db, orderId: string): Promise<OrderRequest[]> {
  return db
    .select({ request: changeRequests, createdByName: creators.name, decidedByName: deciders.name })
    .from(changeRequests)
    .leftJoin(creators, eq(creators.id, changeRequests.createdBy))
    .leftJoin(deciders, eq(deciders.id, changeRequests.decidedBy))
    .where(eq(changeRequests.orderId, orderId))
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id));
}
