"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { requestOrigin } from "@/lib/audit/request-actor";
import { createApiKey, revokeApiKey } from "@/lib/integrations/api-keys";

// API keys are an integration setting: admins only (design.md "People and roles").

const createSchema = z.object({
  name: z
    .string({ error: "Name the key, e.g. after the shop or system that will use it" })
    .trim()
    .min(1, { error: "Name the key, e.g. after the shop or system that will use it" })
    .max(100, { error: "Use at most 100 characters" }),
});

const revokeSchema = z.object({ id: z.uuid({ error: "That API key does not exist." }) });

/** Creates a key and its signing secret; both are in this answer only and are never shown again. */
export const createApiKeyAction = defineAction(["admin"], createSchema, async ({ name }, { db, user }) => {
  const { id, key, signingSecret } = await createApiKey(db, { name, createdBy: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
  return { id, name, key, signingSecret };
});

export const revokeApiKeyAction = defineAction(["admin"], revokeSchema, async ({ id }, { db, user }) => {
  await revokeApiKey(db, { id, by: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});
