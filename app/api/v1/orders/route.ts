import { getDb } from "@/db/client";
import { handleOrderIntake, INTAKE_FAILED_MESSAGE } from "@/lib/integrations/intake";
import { log } from "@/lib/log";
import { apiRoute } from "@/lib/api-route";

// Order intake for shops and OMSs, authenticated by an admin-issued API key (lib/integrations/intake.ts).
export const POST = apiRoute("POST /api/v1/orders", async (request: Request) => {
  let status = 500;
  let json: Record<string, unknown> = { error: INTAKE_FAILED_MESSAGE };
  try {
    ({ status, json } = await handleOrderIntake(await getDb(), {
      authorization: request.headers.get("authorization"),
      body: await request.text(),
    }));
  } catch (error) {
    // Opening the database or reading the body failed before the handler could answer.
    log.error("order intake failed", { error });
  }
  return Response.json(json, { status, headers: { "Cache-Control": "no-store" } });
});
