import { openApiDocument } from "@/lib/integrations/openapi";

// The public API reference (OpenAPI 3.1), generated from the endpoints' own zod schemas. It holds no secrets,
// so anyone may read it, and API tools on other origins may fetch it.
export function GET() {
  return Response.json(openApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
