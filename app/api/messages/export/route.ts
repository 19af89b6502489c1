import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { refuseForeignRequest } from "@/lib/security/request-origin";
import { messageExportResponse } from "@/lib/messages/export-response";
import { viewerTimeZone } from "@/lib/viewer";
import { apiRoute } from "@/lib/api-route";

// The communication log as CSV, with the log page's query string (supervisors; lib/messages/export-response.ts).

export const GET = apiRoute("GET /api/messages/export", async (request: Request) => {
  // The session is checked inside (lib/messages/export-response.ts); a cookie sent along by another site is not asked.
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const [user, timeZone] = await Promise.all([getCurrentUser(), viewerTimeZone()]);
  return messageExportResponse(await getDb(), { user, searchParams: new URL(request.url).searchParams, timeZone, now: new Date() });
});
