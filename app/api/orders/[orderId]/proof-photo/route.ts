import { z } from "zod";
import { getDb } from "@/db/client";
import { screens } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/api-guard";
import { getProofOfDelivery } from "@/lib/orders/proof-of-delivery";
import { getFileStorage } from "@/lib/storage/file-storage";
import { apiRoute } from "@/lib/api-route";

const params = z.object({ orderId: z.string().uuid() });

// The proof-of-delivery photo, for anyone who may open the order page. The type served is the one checked from
// the bytes at upload, and nosniff keeps the browser from second-guessing it.
export const GET = apiRoute("GET /api/orders/[orderId]/proof-photo", async (request: Request, context: { params: Promise<{ orderId: string }> }) => {
  const user = await requireApiRole(screens.orders.roles, request);
  if (user instanceof Response) return user;
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return Response.json({ error: "Not a valid order reference." }, { status: 400 });

  const proof = await getProofOfDelivery(await getDb(), parsed.data.orderId);
  const file = proof?.photoKey ? await getFileStorage().get(proof.photoKey) : null;
  if (!file) return Response.json({ error: "No photo for this order." }, { status: 404 });
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": proof?.photoContentType ?? file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
});
