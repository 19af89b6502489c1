import { z } from "zod";
import { getDb } from "@/db/client";
import { screens } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/api-guard";
import { getProofOfDelivery } from "@/lib/orders/proof-of-delivery";
import { getFileStorage } from "@/lib/storage/file-storage";
import { detectImageType } from "@/lib/storage/image-type";
import { stripImageMetadata } from "@/lib/storage/strip-image-metadata";
import { apiRoute } from "@/lib/api-route";
import { log } from "@/lib/log";

const params = z.object({ orderId: z.string().uuid() });

// The proof-of-delivery photo, for anyone who may open the order page. The type served is the one checked from
// the bytes at upload, and nosniff keeps the browser from second-guessing it. No cache keeps it (the photo shows a
// customer's door): not a shared proxy, not the browser's disk after the person signs out.
export const GET = apiRoute("GET /api/orders/[orderId]/proof-photo", async (request: Request, context: { params: Promise<{ orderId: string }> }) => {
  const user = await requireApiRole(screens.orders.roles, request);
  if (user instanceof Response) return user;
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return Response.json({ error: "Not a valid order reference." }, { status: 400 });

  const proof = await getProofOfDelivery(await getDb(), parsed.data.orderId);
  const file = proof?.photoKey ? await getFileStorage().get(proof.photoKey) : null;
  if (!file) return Response.json({ error: "No photo for this order." }, { status: 404 });
  const bytes = withoutMetadata(file.bytes);
  if (!bytes) {
    log.warn("stored proof photo could not be read", { key: proof!.photoKey });
    return Response.json({ error: "This photo cannot be shown: the stored file is damaged." }, { status: 404 });
  }
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": proof?.photoContentType ?? file.contentType,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
});

// Photos stored before uploads were stripped may still say where they were taken: strip again on the way out
// (cheap: no pixel is decoded). A file that cannot be walked is not served rather than served unchecked.
function withoutMetadata(stored: Uint8Array): Uint8Array | null {
  const type = detectImageType(stored);
  if (!type) return null;
  try {
    return stripImageMetadata(stored, type.contentType);
  } catch {
    return null;
  }
}
