import { getDb } from "@/db/client";
import { SIGNATURE_HEADER } from "@/lib/integrations/signature";
import { handleTrackingEvent, TRACKING_FAILED_MESSAGE } from "@/lib/integrations/tracking-intake";
import { log } from "@/lib/log";
import { apiRoute } from "@/lib/api-route";

// Carrier scans and exceptions, authenticated by an API key and signed with its secret (lib/integrations/tracking-intake.ts).
export const POST = apiRoute("POST /api/v1/tracking-events", async (request: Request) => {
  let status = 500;
  let json: Record<string, unknown> = { error: TRACKING_FAILED_MESSAGE };
  try {
    ({ status, json } = await handleTrackingEvent(await getDb(), {
      authorization: request.headers.get("authorization"),
      signature: request.headers.get(SIGNATURE_HEADER),
      // The bytes as sent: decoding to text first would drop a byte-order mark and break the signature.
      body: new Uint8Array(await request.arrayBuffer()),
    }));
  } catch (error) {
    // Opening the database or reading the body failed before the handler could answer.
    log.error("tracking event failed", { error });
  }
  return Response.json(json, { status, headers: { "Cache-Control": "no-store" } });
});
