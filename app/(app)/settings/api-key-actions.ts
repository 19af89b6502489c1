"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { requestOrigin } from "@/lib/audit/request-actor";
import { createApiKeySchema } from "@/lib/integrations/api-key-schema";
import { createApiKey, revokeApiKey } from "@/lib/integrations/api-keys";

// API keys are an integration setting: admins only (design.md "People and roles").

const revokeSchema = z.object({ id: z.uuid({ error: "That API key does not exist." }) });

/** Creates a key for its purpose (and carriers) with its signing secret; both are in this answer only. */
export const createApiKeyAction = defineAction(["admin"], createApiKeySchema, async ({ name, purpose, carriers }, { db, user }) => {
  const { id, key, signingSecret } = await createApiKey(db, { name, purpose, carriers, createdBy: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
  return { id, name, key, signingSecret };
});

export const revokeApiKeyAction = defineAction(["admin"], revokeSchema, async ({ id }, { db, user }) => {
  await revokeApiKey(db, { id, by: user.id, origin: await requestOrigin() });
  revalidatePath("/settings");
});
