import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/api-guard";
import { requestActor } from "@/lib/audit/request-actor";
import { UserFacingError } from "@/lib/errors";
import { exportCustomerData, recordsRoles } from "@/lib/retention/customer-data";
import { customerIdSchema } from "@/lib/retention/records-schemas";
import { apiRoute } from "@/lib/api-route";

// A customer's data export as a JSON download (supervisors and admins; audited as customer.exported).

export const GET = apiRoute("GET /api/customers/[customerId]/export", async (request: Request, { params }: { params: Promise<{ customerId: string }> }) => {
  const user = await requireApiRole(recordsRoles, request);
  if (user instanceof Response) return user;
  const parsed = customerIdSchema.safeParse((await params).customerId);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? "That customer id is not valid." }, { status: 400 });
  try {
    const data = await exportCustomerData(await getDb(), { customerId: parsed.data, actor: await requestActor(user) });
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="customer-${parsed.data}-${data.exportedAt.slice(0, 10)}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof UserFacingError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
});
