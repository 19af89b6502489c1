import { getDb } from "@/db/client";
import { appConfig } from "@/lib/config/app-config";
import { handleResendWebhook } from "@/lib/delivery/resend-webhook";
import { log } from "@/lib/log";
import { apiRoute } from "@/lib/api-route";

// Resend's delivery events (delivered, bounced, complained…), Svix-signed under RESEND_WEBHOOK_SECRET
// (lib/delivery/resend-webhook.ts). The raw body is what was signed, so it is read as text, never re-serialised.
export const POST = apiRoute("POST /api/webhooks/resend", async (request: Request) => {
  let status = 500;
  let json: Record<string, unknown> = { error: "Could not record the event" };
  try {
    ({ status, json } = await handleResendWebhook(await getDb(), {
      body: await request.text(),
      headers: {
        id: request.headers.get("svix-id"),
        timestamp: request.headers.get("svix-timestamp"),
        signature: request.headers.get("svix-signature"),
      },
      secret: appConfig().RESEND_WEBHOOK_SECRET,
      apiKey: appConfig().RESEND_API_KEY,
    }));
  } catch (error) {
    // Nothing was committed; Resend retries a non-2xx answer.
    log.error("resend webhook failed", { error });
  }
  return Response.json(json, { status, headers: { "Cache-Control": "no-store" } });
});
