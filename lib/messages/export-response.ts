import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { messageReviewRoles } from "@/lib/auth/access";
import { dayNumberOf, isoFromDayNumber } from "@/lib/sla/zoned-time";
import { messageExportStream, messageExportTotal } from "./export";
import { parseMessageLogFiltersStrict } from "./log-filters";
import type { LogContext } from "./message-log";

// GET /api/messages/export, minus the framework: who asks, with which filters, and the answer. The route hands
// in the session's user and the viewer's zone, so this is tested on a real database without a server.

/** The response header that carries how many rows the CSV will have (for the browser's progress bar). */
export const EXPORT_TOTAL_HEADER = "X-Total-Count";
/** "true" when that count is exact, "false" when it is the planner's estimate (see messageExportTotal). */
export const EXPORT_TOTAL_EXACT_HEADER = "X-Total-Exact";

export type ExportRequest = { user: { role: Role } | null; searchParams: URLSearchParams } & LogContext;

export async function messageExportResponse(db: Db, request: ExportRequest): Promise<Response> {
  if (!request.user) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  if (!messageReviewRoles.includes(request.user.role)) return Response.json({ error: "Only supervisors may export the communication log." }, { status: 403 });
  const parsed = parseMessageLogFiltersStrict(request.searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.message }, { status: 400 });

  const context: LogContext = { timeZone: request.timeZone, now: request.now };
  const asOf = request.now;
  const { total, exact } = await messageExportTotal(db, parsed.filters, context, asOf);
  const day = isoFromDayNumber(dayNumberOf(request.timeZone, request.now.getTime()));
  return new Response(messageExportStream(db, parsed.filters, context, { asOf }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="messages-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      [EXPORT_TOTAL_HEADER]: String(total),
      [EXPORT_TOTAL_EXACT_HEADER]: String(exact),
    },
  });
}
