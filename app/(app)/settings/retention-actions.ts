"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestOrigin } from "@/lib/audit/request-actor";
import { retentionPolicySchema, runRetentionSchema } from "@/lib/retention/records-schemas";
import { runRetention } from "@/lib/retention/run-retention";
import { updateRetentionPolicy } from "@/lib/settings/update-settings";
import { getFileStorage } from "@/lib/storage/file-storage";

// Retention belongs to admins (design.md "Records"): the window (never under 12 months) and a run on demand, refused
// with a plain message while another run (the nightly one, or another admin's) is in progress on any instance.

export const saveRetentionPolicy = defineAction(["admin"], retentionPolicySchema, async ({ months }, { db, user }) => {
  await updateRetentionPolicy(db, { months, actorUserId: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});

export const runRetentionNowAction = defineAction(["admin"], runRetentionSchema, async (_input, { db, user }) => {
  const run = await runRetention(db, new Date(), { trigger: { kind: "admin", userId: user.id }, storage: getFileStorage() });
  revalidatePath("/settings");
  return { counts: run.counts };
});
