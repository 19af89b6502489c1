import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Role } from "@/db/schema";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { makeOrder, makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { createApiKey } from "@/lib/integrations/api-keys";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/integrations/signature";
import { TOO_DEEP_MESSAGE, TOO_MANY_VALUES_MESSAGE } from "./input-shape";
import { LONE_SURROGATE_MESSAGE } from "./nul-characters";
import { FOREIGN_ORIGIN_MESSAGE } from "./request-origin";
import { nested } from "./testing/hostile-values";

// The shapes and values that used to end in a 500 or a database error (docs/security.md "No 500 from any input"),
// through the real action wrapper and route handlers on a real database: nesting past any form, years PostgreSQL
// cannot store, NaN and Infinity where numbers are read, NUL in a route's path, and requests from another site to
// the routes that use the session cookie. Only the session is stood in for, as in lib/auth/permissions.test.ts.

const session = vi.hoisted(() => ({ userId: null as string | null, sessionIds: {} as Record<string, string> }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => (session.userId ? { user: { id: session.userId, sessionId: session.sessionIds[session.userId] } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "hostile-shapes" }),
  cookies: async () => ({ get: () => undefined }),
}));

let handle: DatabaseHandle;
const users = {} as Record<Role, string>;
let order: { id: string; number: string; version: number };
let customerId: string;
let apiKey: { key: string; signingSecret: string };
const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

beforeAll(async () => {
  handle = await createTestDatabase();
  globalForDb.__orderlineDb = Promise.resolve(handle);
  for (const role of ["rep", "fulfillment", "supervisor", "admin"] as const) {
    users[role] = (await makeUser(handle.db, { role })).id;
    session.sessionIds[users[role]] = (await makeSession(handle.db, users[role])).sessionId;
  }
  const made = await makeOrder(handle.db, { status: "processing" });
  order = { id: made.id, number: made.number, version: made.version };
  customerId = made.customerId;
  const created = await createApiKey(handle.db, { name: "Shapes shop", purpose: "both", createdBy: users.admin });
  apiKey = { key: created.key, signingSecret: created.signingSecret };
}, 120_000);

afterAll(async () => {
  globalForDb.__orderlineDb = undefined;
  await handle?.close();
});

type Answer = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> };

async function action(file: string, name: string, role: Role, input: unknown): Promise<Answer> {
  const fn = ((await import(/* @vite-ignore */ `@/${file}`)) as Record<string, (input: unknown) => Promise<Answer>>)[name]!;
  session.userId = users[role];
  try {
    return await fn(input);
  } finally {
    session.userId = null;
  }
}

/** The answer, and that nothing was written on the way to it. */
async function unchanged<T>(run: () => Promise<T>): Promise<T> {
  const before = await databaseChecksum(handle.db);
  const answer = await run();
  expect(await databaseChecksum(handle.db), "a refused input wrote").toEqual(before);
  return answer;
}

const orderActions = "app/(app)/orders/[number]/actions.ts";

describe("nesting and size, before anything reads the input", () => {
  // Before: the wrapper's NUL check recursed 3,000 levels deep, outside its try, and Next.js answered 500.
  it("a server action given an argument 3,000 deep answers a clear message and writes nothing", async () => {
    for (const input of [nested(3_000), { orderId: order.id, body: nested(3_000) }, { orderId: order.id, body: nested(3_000, { arrays: true, leaf: "\u0000" }) }]) {
      expect(await unchanged(() => action(orderActions, "addNote", "rep", input))).toEqual({ ok: false, message: TOO_DEEP_MESSAGE });
    }
  });

  it("a server action given more values than any form answers a clear message", async () => {
    const wide = { orderId: order.id, body: "A note", extra: Array.from({ length: 100_000 }, (_, i) => i) };
    expect(await unchanged(() => action(orderActions, "addNote", "rep", wide))).toEqual({ ok: false, message: TOO_MANY_VALUES_MESSAGE });
  });

  it("the JSON APIs refuse a body 5,000 deep with 400, and one with too many values with 413", async () => {
    const deep = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    const intake = await unchangedApi(() => postApi("/api/v1/orders", `{"externalId":"deep","customer":${deep}}`));
    expect(intake).toEqual({ status: 400, json: { error: TOO_DEEP_MESSAGE } });
    const event = await unchangedApi(() => postApi("/api/v1/tracking-events", `{"eventId":"deep","type":"exception","exception":${deep}}`));
    expect(event).toEqual({ status: 400, json: { error: TOO_DEEP_MESSAGE } });
    const wide = `{"externalId":"wide","items":[${Array.from({ length: 100_001 }, () => "0").join(",")}]}`;
    expect(await unchangedApi(() => postApi("/api/v1/orders", wide))).toEqual({ status: 413, json: { error: TOO_MANY_VALUES_MESSAGE } });
  });

  it("half of a surrogate pair, which jsonb cannot hold, is a field error or a 400 naming the field", async () => {
    const address = { name: "Grace Hopper", line1: "1 Main St \ud800", city: "Springfield", postalCode: "01101", country: "US" };
    const answer = await unchanged(() => action("app/(app)/orders/[number]/request-actions.ts", "logRequest", "rep", { orderId: order.id, channel: "phone", kind: "change_address", payload: { shippingAddress: address }, note: "" }));
    expect(answer).toEqual({ ok: false, message: "Some fields need attention.", fieldErrors: { "payload.shippingAddress.line1": [LONE_SURROGATE_MESSAGE] } });
    const intake = await unchangedApi(() => postApi("/api/v1/orders", JSON.stringify({ ...validOrder(), shippingAddress: address })));
    expect(intake).toMatchObject({ status: 400, json: { issues: [{ path: "shippingAddress.line1" }] } });
  });
});

/* ---- Years PostgreSQL cannot store; NaN and Infinity ---------------------------------------------------------- */

const validOrder = () => ({
  externalId: `shapes-${crypto.randomUUID()}`,
  customer: { name: "Grace Hopper", email: "grace@example.com" },
  items: [{ sku: "SKU-1", name: "Canvas tote", quantity: 1, unitPriceCents: 2500 }],
  shippingAddress: { name: "Grace Hopper", line1: "1 Main St", city: "Springfield", postalCode: "01101", country: "US" },
});

type ApiAnswer = { status: number; json: { error?: string; issues?: { path: string; message: string }[] } };

async function postApi(route: "/api/v1/orders" | "/api/v1/tracking-events", body: string): Promise<ApiAnswer> {
  const { POST } = (await import(/* @vite-ignore */ `@/app${route}/route`)) as { POST: (request: Request) => Promise<Response> };
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${apiKey.key}` };
  if (route === "/api/v1/tracking-events") headers[SIGNATURE_HEADER] = signatureHeader(apiKey.signingSecret, body, Math.floor(Date.now() / 1000));
  const response = await POST(new Request(`http://localhost${route}`, { method: "POST", headers, body }));
  return { status: response.status, json: (await response.json()) as ApiAnswer["json"] };
}

// Every authenticated call stamps the key's last use; nothing else may change.
async function unchangedApi(run: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  const without = (sums: Record<string, string>) => Object.fromEntries(Object.entries(sums).filter(([table]) => table !== "api_keys"));
  const before = without(await databaseChecksum(handle.db));
  const answer = await run();
  expect(without(await databaseChecksum(handle.db)), "a refused body wrote").toEqual(before);
  return answer;
}

const impossibleYears = ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "1999-12-31T23:59:59Z", "+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z"];

describe("years out of range and numbers that are not numbers", () => {
  // Before: year 0 passed zod and failed in PostgreSQL ("date/time field value out of range"): a 500.
  it.each(impossibleYears)("placedAt and occurredAt %s are a 400 naming the field", async (at) => {
    const intake = await unchangedApi(() => postApi("/api/v1/orders", JSON.stringify({ ...validOrder(), placedAt: at })));
    expect(intake.status).toBe(400);
    expect(intake.json.issues?.map((i) => i.path)).toEqual(["placedAt"]);
    const event = await unchangedApi(() => postApi("/api/v1/tracking-events", JSON.stringify({ eventId: `evt-${crypto.randomUUID()}`, orderNumber: order.number, type: "in_transit", occurredAt: at })));
    expect(event.status).toBe(400);
    expect(event.json.issues?.map((i) => i.path)).toEqual(["occurredAt"]);
  });

  it.each(["0000-01-01", "1999-12-31", "2101-01-01", "275760-09-13"])("a date of %s is a 400 or a field error wherever a date is taken", async (date) => {
    const message = date.length === 10 ? "Enter a real date between 2000 and 2100." : "Enter a date as YYYY-MM-DD.";
    const intake = await unchangedApi(() => postApi("/api/v1/orders", JSON.stringify({ ...validOrder(), promisedDeliveryDate: date })));
    expect(intake).toMatchObject({ status: 400, json: { issues: [{ path: "promisedDeliveryDate" }] } });
    const eventBody = { eventId: `evt-${crypto.randomUUID()}`, orderNumber: order.number, type: "exception", occurredAt: "2026-01-05T10:00:00Z", exception: { kind: "weather", revisedEta: date } };
    expect(await unchangedApi(() => postApi("/api/v1/tracking-events", JSON.stringify(eventBody)))).toMatchObject({ status: 400, json: { issues: [{ path: "exception.revisedEta" }] } });

    const ref = { orderId: order.id, expectedVersion: order.version };
    const confirm = await unchanged(() => action(orderActions, "confirmOrder", "rep", { ...ref, promisedDeliveryDate: date, details: "on", items: "on", payment: "on", stock: "on", address: "on" }));
    expect(confirm.fieldErrors?.promisedDeliveryDate).toEqual([message]);
    const flag = await unchanged(() => action(orderActions, "flagException", "rep", { ...ref, kind: "weather", explanation: "Snow storm at the hub", revisedEta: date }));
    expect(flag.fieldErrors?.revisedEta).toEqual([message]);
    const request = await unchanged(() =>
      action("app/(app)/orders/[number]/request-actions.ts", "logRequest", "rep", { orderId: order.id, channel: "phone", kind: "change_delivery_date", payload: { deliveryDate: date }, note: "" }),
    );
    expect(request.fieldErrors?.["payload.deliveryDate"]).toEqual([message]);
  });

  it("NaN, Infinity and 1e309 where numbers are read are refused with the field named", async () => {
    // JSON has no Infinity, but JSON.parse reads 1e309 as one.
    const body = JSON.stringify(validOrder()).replace('"quantity":1', '"quantity":1e309').replace('"unitPriceCents":2500', '"unitPriceCents":-1e309');
    const intake = await unchangedApi(() => postApi("/api/v1/orders", body));
    expect(intake.status).toBe(400);
    expect(intake.json.issues?.map((i) => i.path).sort()).toEqual(["items.0.quantity", "items.0.unitPriceCents"]);
    for (const score of ["NaN", "Infinity", "-Infinity", NaN, Infinity, "1e309"]) {
      const answer = await unchanged(() => action("app/(app)/messages/actions.ts", "reviewMessageAction", "supervisor", { messageId: crypto.randomUUID(), score, comment: "" }));
      expect(answer.fieldErrors?.score, String(score)).toBeDefined();
    }
    const version = await unchanged(() => action(orderActions, "changeStatus", "rep", { orderId: order.id, expectedVersion: "Infinity", to: "on_hold", holdReason: "payment" }));
    expect(version.fieldErrors?.expectedVersion).toBeDefined();
  });
});

/* ---- The routes that use the session cookie ----------------------------------------------------------------- */

type RouteCall = { route: string; method: "GET" | "POST" | "DELETE"; url: string; params: Record<string, string>; role: Role; body?: string };

const cookieRoutes = (): RouteCall[] => [
  { route: "fulfillment/tracking-import", method: "POST", url: "/api/fulfillment/tracking-import", params: {}, role: "fulfillment", body: JSON.stringify({ mode: "preview", csv: `order,carrier,tracking\n${order.number},UPS,1Z999AA10123456784\n` }) },
  { route: "orders/[orderId]/viewers", method: "POST", url: `/api/orders/${order.id}/viewers`, params: { orderId: order.id }, role: "rep" },
  { route: "orders/[orderId]/viewers", method: "DELETE", url: `/api/orders/${order.id}/viewers`, params: { orderId: order.id }, role: "rep" },
  { route: "customers/[customerId]/export", method: "GET", url: `/api/customers/${customerId}/export`, params: { customerId }, role: "supervisor" },
  { route: "messages/export", method: "GET", url: "/api/messages/export", params: {}, role: "supervisor" },
  { route: "orders/[orderId]/proof-photo", method: "GET", url: `/api/orders/${order.id}/proof-photo`, params: { orderId: order.id }, role: "rep" },
  { route: "queue", method: "GET", url: "/api/queue", params: {}, role: "rep" },
];

async function callRoute(call: RouteCall, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const handler = ((await import(/* @vite-ignore */ `@/app/api/${call.route}/route`)) as Record<string, (request: Request, context: unknown) => Promise<Response>>)[call.method]!;
  session.userId = users[call.role];
  try {
    const init: RequestInit = { method: call.method, headers: { host: "localhost", ...(call.body ? { "content-type": "application/json" } : {}), ...headers } };
    if (call.body) init.body = call.body;
    const response = await handler(new Request(`http://localhost${call.url}`, init), { params: Promise.resolve(call.params) });
    return { status: response.status, body: await response.text() };
  } finally {
    session.userId = null;
  }
}

describe("the cookie-authenticated routes refuse requests from another site", () => {
  const routeNames = ["POST fulfillment/tracking-import", "POST orders/[orderId]/viewers", "DELETE orders/[orderId]/viewers", "GET customers/[customerId]/export", "GET messages/export", "GET orders/[orderId]/proof-photo", "GET queue"];
  it("names every cookie route", () => {
    expect(cookieRoutes().map((c) => `${c.method} ${c.route}`)).toEqual(routeNames);
  });

  it.each(routeNames)("%s", async (name) => {
    const call = cookieRoutes().find((c) => `${c.method} ${c.route}` === name)!;
    // Before: a page on another site could make the signed-in user's browser export, import or announce itself.
    const foreign: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { origin: "http://localhost", "sec-fetch-site": "same-site" }];
    for (const headers of foreign) {
      const answer = await unchanged(() => callRoute(call, headers));
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ error: FOREIGN_ORIGIN_MESSAGE });
    }
    // From the site itself (as the browser says it), the call goes through.
    const own = await callRoute(call, { origin: "http://localhost", "sec-fetch-site": "same-origin" });
    expect([401, 403, 415, 500], own.body.slice(0, 200)).not.toContain(own.status);
  });

  it("the tracking import takes JSON only", async () => {
    const call = cookieRoutes()[0]!;
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const answer = await unchanged(() => callRoute(call, { "content-type": type }));
      expect(answer.status, type).toBe(415);
    }
    expect((await callRoute(call, { "content-type": "Application/JSON; charset=utf-8" })).status).toBe(200);
  });

  it("a NUL or a bad id in a route's path is a 400, not a database error", async () => {
    for (const id of ["\u0000", `${order.id}\u0000`, "%00", "' or 1=1 --"]) {
      for (const call of cookieRoutes().filter((c) => Object.keys(c.params).length > 0)) {
        const key = Object.keys(call.params)[0]!;
        const answer = await unchanged(() => callRoute({ ...call, params: { [key]: id } }, {}));
        expect(answer.status, `${call.method} ${call.route} ${JSON.stringify(id)}`).toBe(400);
        expect(answer.body).not.toContain(GENERIC_ERROR_MESSAGE);
      }
    }
  });
});
