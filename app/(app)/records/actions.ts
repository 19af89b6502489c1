"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestActor } from "@/lib/audit/request-actor";
import { eraseCustomer, recordsRoles } from "@/lib/retention/customer-data";
import { placeLegalHold, releaseLegalHold } from "@/lib/retention/legal-hold";
import { eraseCustomerSchema, legalHoldSchema, releaseLegalHoldSchema } from "@/lib/retention/records-schemas";
import { getFileStorage } from "@/lib/storage/file-storage";

// Every records action: legal holds on an order or a customer, and a customer's erasure (supervisors and admins;
// each audited with where it was done from). Both the order page's Records card and the records screen call these.

function revalidateRecords() {
  revalidatePath("/orders/[number]", "page");
  revalidatePath("/records/customers/[customerId]", "page");
}

export const placeLegalHoldAction = defineAction(recordsRoles, legalHoldSchema, async (input, { db, user }) => {
  await placeLegalHold(db, { ...input, actor: await requestActor(user) });
  revalidateRecords();
});

export const releaseLegalHoldAction = defineAction(recordsRoles, releaseLegalHoldSchema, async (input, { db, user }) => {
  await releaseLegalHold(db, { ...input, actor: await requestActor(user) });
  revalidateRecords();
});

export const eraseCustomerAction = defineAction(recordsRoles, eraseCustomerSchema, async (input, { db, user }) => {
  const counts = await eraseCustomer(db, { ...input, actor: await requestActor(user), storage: getFileStorage() });
  revalidateRecords();
  return { counts };
});
