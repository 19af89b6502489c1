"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { screens } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";
import { refreshKpiRollups } from "@/lib/kpis/rollups";

/** "Refresh now": recompute the KPI rollups at once instead of waiting for the worker's next round. */
export const refreshKpisAction = defineAction(screens.kpis.roles, z.object({}), async (_input, { db }) => {
  const result = await refreshKpiRollups(db);
  if (!result.refreshed) throw new UserFacingError("A refresh is already running; the figures will update when it finishes.");
  revalidatePath("/kpis", "layout");
  return { ms: result.ms };
});
