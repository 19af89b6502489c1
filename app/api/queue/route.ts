import { getDb } from "@/db/client";
import { screens } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/api-guard";
import { listQueue } from "@/lib/queue/list-queue";
import { parseQueueFilters } from "@/lib/queue/queue-filters";
import { apiRoute } from "@/lib/api-route";

// The queue's live refresh (React Query polls this); the first page is rendered on the server by the page itself.
export const GET = apiRoute("GET /api/queue", async (request: Request) => {
  const user = await requireApiRole(screens.queue.roles, request);
  if (user instanceof Response) return user;
  const filters = parseQueueFilters(new URL(request.url).searchParams);
  const page = await listQueue(await getDb(), { filters, userId: user.id });
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
