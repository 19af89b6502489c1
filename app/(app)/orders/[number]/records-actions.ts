"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestActor } from "@/lib/audit/request-actor";
import { eraseCustomer, recordsRoles } from "@/lib/retention/customer-data";
import { placeLegalHold, releaseLegalHold } from "@/lib/retention/legal-hold";
import { eraseCustomerSchema, legalHoldSchema, releaseLegalHoldSchema } from "@/lib/retention/records-schemas";

// Records on the order page: legal holds on the order or its customer, and a customer's erasure (supervisors and
// admins; each audited with where it was done from).

export const placeLegalHoldAction = defineAction(recordsRoles, legalHoldSchema, async (input, { db, user }) => {
  await placeLegalHold(db, { ...input, actor: await requestActor(user) });
  revalidatePath("/orders/[number]", "page");
});

export const releaseLegalHoldAction = defineAction(recordsRoles, releaseLegalHoldSchema, async (input, { db, user }) => {
  await releaseLegalHold(db, { ...input, actor: await requestActor(user) });
  revalidatePath("/orders/[number]", "page");
});

export const eraseCustomerAction = defineAction(recordsRoles, eraseCustomerSchema, async (input, { db, user }) => {
  const counts = await eraseCustomer(db, { ...input, actor: await requestActor(user) });
  revalidatePath("/orders/[number]", "page");
  return { counts };
});
