import { z } from "zod";
import { getDb } from "@/db/client";
import { screens } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/api-guard";
import { beatOrderView, leaveOrderView } from "@/lib/orders/presence";
import { apiRoute } from "@/lib/api-route";

// Presence beats from an open order page (components/orders/order-presence.tsx).
type Context = { params: Promise<{ orderId: string }> };
const orderIdSchema = z.string().uuid();

async function parse(request: Request, context: Context) {
  const user = await requireApiRole(screens.orders.roles, request);
  if (user instanceof Response) return user;
  const orderId = orderIdSchema.safeParse((await context.params).orderId);
  if (!orderId.success) return Response.json({ error: "That is not an order id." }, { status: 400 });
  return { user, orderId: orderId.data };
}

export const POST = apiRoute("POST /api/orders/[orderId]/viewers", async (request: Request, context: Context) => {
  const parsed = await parse(request, context);
  if (parsed instanceof Response) return parsed;
  const viewers = await beatOrderView(await getDb(), { orderId: parsed.orderId, userId: parsed.user.id });
  if (!viewers) return Response.json({ error: "No such order." }, { status: 404 });
  return Response.json({ viewers: viewers.map(({ name, role }) => ({ name, role })) }, { headers: { "Cache-Control": "no-store" } });
});

export const DELETE = apiRoute("DELETE /api/orders/[orderId]/viewers", async (request: Request, context: Context) => {
  const parsed = await parse(request, context);
  if (parsed instanceof Response) return parsed;
  await leaveOrderView(await getDb(), { orderId: parsed.orderId, userId: parsed.user.id });
  return new Response(null, { status: 204 });
});
