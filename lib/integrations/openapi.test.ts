import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET } from "@/app/api/v1/openapi.json/route";
import { intakeAnswerSchema, trackingEventAnswerSchema } from "./api-answers";
import { openApiDocument } from "./openapi";
import { orderIntakeSchema } from "./order-intake-schema";
import { trackingEventSchema } from "./tracking-event-schema";

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; $ref?: string; anyOf?: JsonSchema[] };
type Doc = {
  openapi: string;
  paths: Record<string, { post: { security: Record<string, string[]>[]; requestBody: { content: Record<string, { schema: JsonSchema }> }; responses: Record<string, unknown> } }>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, { type: string; name?: string; scheme?: string }> };
};

const doc = JSON.parse(JSON.stringify(openApiDocument())) as Doc;

/** Follows a local $ref to its component. */
function resolve(schema: JsonSchema): JsonSchema {
  return schema.$ref ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")]! : schema;
}

/** What the zod object itself demands: a field is required when leaving it out fails that field's own parse. */
function zodShape(schema: z.ZodObject) {
  const keys = Object.keys(schema.shape);
  const required = keys.filter((key) => !(schema.shape[key] as z.ZodType).safeParse(undefined).success);
  return { keys, required };
}

function expectMatches(json: JsonSchema, schema: z.ZodObject) {
  const { keys, required } = zodShape(schema);
  expect(json.type).toBe("object");
  expect(Object.keys(json.properties ?? {}).sort()).toEqual([...keys].sort());
  expect([...(json.required ?? [])].sort()).toEqual([...required].sort());
}

describe("the OpenAPI document", () => {
  it("is an OpenAPI 3.1 document listing both endpoints, each with its security", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/v1/orders", "/api/v1/tracking-events"]);
    expect(doc.paths["/api/v1/orders"]!.post.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths["/api/v1/tracking-events"]!.post.security).toEqual([{ apiKey: [], trackingSignature: [] }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.trackingSignature).toMatchObject({ type: "apiKey", name: "Orderline-Signature" });
    expect(Object.keys(doc.paths["/api/v1/orders"]!.post.responses).sort()).toEqual(["200", "201", "400", "401", "403", "413", "500"]);
    expect(Object.keys(doc.paths["/api/v1/tracking-events"]!.post.responses).sort()).toEqual(["200", "400", "401", "403", "413", "422", "500"]);
    // Every $ref points at a component that exists.
    for (const [, name] of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)) expect(doc.components.schemas).toHaveProperty(name!);
  });

  it("describes the order body with the fields and required fields of the zod schema", () => {
    const body = resolve(doc.paths["/api/v1/orders"]!.post.requestBody.content["application/json"]!.schema);
    expectMatches(body, orderIntakeSchema);
    expect(body.required).toEqual(expect.arrayContaining(["externalId", "customer", "items", "shippingAddress"]));
    expect(body.properties!.items!.items!.required).toEqual(["sku", "name", "quantity", "unitPriceCents"]);
    expect(body.properties!.customer!.required).toEqual(["name"]);
  });

  it("describes the tracking event with the zod schema's fields, and says one of orderNumber or trackingNumber is needed", () => {
    const body = resolve(doc.paths["/api/v1/tracking-events"]!.post.requestBody.content["application/json"]!.schema);
    expectMatches(body, trackingEventSchema);
    expect(body.required).toEqual(["eventId", "type", "occurredAt"]);
    expect(body.anyOf).toEqual([{ required: ["orderNumber"] }, { required: ["trackingNumber"] }]);
  });

  it("describes the answers with the schemas the handlers' answers are checked against", () => {
    expectMatches(doc.components.schemas.OrderAnswer!, intakeAnswerSchema);
    expectMatches(doc.components.schemas.TrackingEventAnswer!, trackingEventAnswerSchema);
    expect(doc.components.schemas.ValidationError!.required).toEqual(["error", "issues"]);
  });

  it("is served publicly as JSON with cache headers", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(doc);
  });
});
