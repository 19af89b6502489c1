import { DATABASE_UNAVAILABLE_MESSAGE, GENERIC_ERROR_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";
import { log } from "@/lib/log";

// The one wrapper for route handlers' unexpected failures: whatever throws becomes a JSON answer the caller can
// read — 503 while the database is unreachable (retry later), 500 otherwise — and one log line, instead of Next.js's
// empty 500. Handlers still answer their own 4xx for bad input, a missing session or a wrong role.

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function apiRoute<C = unknown>(name: string, handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      log.error("route failed", { route: name, unavailable, error });
      return Response.json(
        { error: unavailable ? DATABASE_UNAVAILABLE_MESSAGE : GENERIC_ERROR_MESSAGE },
        { status: unavailable ? 503 : 500, headers: { "Cache-Control": "no-store", ...(unavailable ? { "Retry-After": "5" } : {}) } },
      );
    }
  };
}
