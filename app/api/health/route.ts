import { databaseDriver, getDb } from "@/db/client";
import { inAppWorkerStatus } from "@/lib/delivery/in-app-worker";
import { checkHealth } from "@/lib/health";
import { instanceId } from "@/lib/instance-id";

// For load balancers and monitors: no session, nothing secret (lib/health.ts). 503 when the database does not answer.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth({ openDb: getDb, driver: databaseDriver(), instance: instanceId(), worker: inAppWorkerStatus() });
  return Response.json(report, { status: report.status === "unavailable" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
