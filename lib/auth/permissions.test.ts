import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Role } from "@/db/schema";
import { databaseChecksum } from "@/db/testing/database-checksum";
import { makeCustomer, makeOrder, makeSession, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { definedActionRoles } from "@/lib/actions/action";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { raiseEscalation } from "@/lib/escalations/raise-escalation";
import { receiveInquiry } from "@/lib/inquiries/receive-inquiry";
import { createApiKey } from "@/lib/integrations/api-keys";
import { openException } from "@/lib/orders/exceptions";
import { sendNotice } from "@/lib/notifications/send-notice";
import { receiveChangeRequest } from "@/lib/requests/receive-request";
import { defaultNotificationSettings, defaultSlaPolicy } from "@/lib/settings/defaults";
import { slaPolicyFormValues } from "@/lib/settings/settings-schemas";
import { actionPermissions, isRoleList, routePermissions, staffRoles, type Access } from "./permissions";

// The authorization matrix (docs/security.md "Authorization"): every server action and route handler under app/
// is in lib/auth/permissions.ts, and each is called as every role and as nobody, through the real action wrapper
// and route code on a real database. The session is the one thing stood in for: Auth.js's `auth()` (a test-only
// module mock, so nothing in the app can reach it), plus what needs a running Next.js server (revalidation, the
// request's headers and cookies).

const session = vi.hoisted(() => ({ userId: null as string | null, sessionIds: {} as Record<string, string> }));
vi.mock("@/lib/auth/config", () => ({
  // Each test signs everyone in afresh (beforeEach): a password reset or "sign out everywhere" earlier in the matrix
  // must not end the session the next call stands for.
  auth: async () => (session.userId ? { user: { id: session.userId, sessionId: session.sessionIds[session.userId] } } : null),
  signIn: async () => {},
  signOut: async () => {},
  handlers: { GET: async () => new Response(null, { status: 400 }), POST: async () => new Response(null, { status: 400 }) },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "permissions-matrix", "x-forwarded-for": "203.0.113.9" }),
  cookies: async () => ({ get: () => undefined }),
}));

const root = path.resolve(import.meta.dirname, "../..");
const ROLE_REFUSAL = "Your role does not allow this action.";
const SESSION_ENDED = /^Your session has ended/;
const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/* ---- Discovery ---------------------------------------------------------------------------------------------- */

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

const sourceFiles = [...filesUnder("app"), ...filesUnder("lib"), ...filesUnder("components")];
const serverActionFiles = sourceFiles.filter((file) => /^\s*(\/\/.*\n\s*)*["']use server["']/.test(readFileSync(path.join(root, file), "utf8")));
const routeFiles = filesUnder("app").filter((file) => /\/route\.tsx?$/.test(file));

function routePathOf(file: string): string {
  const dir = path.posix.dirname(file).replace(/^app/, "");
  return dir.split("/").filter((segment) => !/^\(.*\)$/.test(segment)).join("/") || "/";
}

type AnyFunction = (...args: unknown[]) => Promise<unknown>;
async function exportsOf(file: string): Promise<Record<string, AnyFunction>> {
  const loaded = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(loaded).filter(([, value]) => typeof value === "function")) as Record<string, AnyFunction>;
}

/* ---- The database the matrix runs on ------------------------------------------------------------------------ */

type Fixture = {
  users: Record<Role, string>;
  /** A processing order: status changes, notes, exceptions, notices. */
  order: { id: string; number: string; version: number };
  /** A received order, for confirmation. */
  received: { id: string; version: number };
  /** An order out for delivery, for proof of delivery and the board. */
  outForDelivery: { id: string; version: number };
  customerEmail: string;
  /** A customer of their own, for erasure. */
  spareCustomer: { id: string; email: string };
  inquiryId: string;
  escalationId: string;
  requestId: string;
  exceptionId: string;
  messageId: string;
  apiKeyId: string;
};

let handle: DatabaseHandle;
let fx: Fixture;
const globalForDb = globalThis as unknown as { __orderlineDb?: Promise<DatabaseHandle> };

beforeAll(async () => {
  handle = await createTestDatabase();
  globalForDb.__orderlineDb = Promise.resolve(handle);
  const db = handle.db;
  const users = {} as Record<Role, string>;
  for (const role of staffRoles) users[role] = (await makeUser(db, { role })).id;
  const order = await makeOrder(db, { status: "processing" });
  const received = await makeOrder(db, { status: "received" });
  const outForDelivery = await makeOrder(db, { status: "out_for_delivery" });
  const customer = await db.query.customers.findFirst({ where: (c, { eq }) => eq(c.id, order.customerId) });
  const actor = { type: "user", userId: users.supervisor } as const;
  const inquiry = await receiveInquiry(db, { customerId: order.customerId, orderId: order.id, channel: "portal", body: "Where is my parcel?", actor: { type: "customer" } });
  const request = await receiveChangeRequest(db, { orderId: order.id, kind: "cancel", payload: {}, source: "customer", note: null, actor: { type: "customer" } });
  const { escalation } = await raiseEscalation(db, { subject: "order", subjectId: order.id, reason: "Customer upset", severity: "medium", note: null, actor });
  const exception = await openException(db, { orderId: order.id, kind: "carrier", explanation: "Carrier lost a day", revisedEta: null, actor });
  const { message } = await sendNotice(db, { orderId: order.id, template: "issue", channel: "email", fields: { problem: "Card declined", customerAction: "Call us" }, actor });
  const apiKey = await createApiKey(db, { name: "Matrix shop", purpose: "both", createdBy: users.admin });
  const spare = await makeCustomer(db);
  const current = await db.query.orders.findFirst({ where: (o, { eq }) => eq(o.id, order.id) });
  fx = {
    users,
    order: { id: order.id, number: order.number, version: current!.version },
    received: { id: received.id, version: received.version },
    outForDelivery: { id: outForDelivery.id, version: outForDelivery.version },
    customerEmail: customer!.email!,
    spareCustomer: { id: spare.id, email: spare.email! },
    inquiryId: inquiry.id,
    escalationId: escalation.id,
    requestId: request.id,
    exceptionId: exception.id,
    messageId: message.id,
    apiKeyId: apiKey.id,
  };
}, 120_000);

beforeEach(async () => {
  for (const role of staffRoles) session.sessionIds[fx.users[role]] = (await makeSession(handle.db, fx.users[role])).sessionId;
});

afterAll(async () => {
  globalForDb.__orderlineDb = undefined;
  await handle?.close();
});

/* ---- A valid-looking input per action ----------------------------------------------------------------------- */

const address = { name: "Ada Lovelace", line1: "2 High St", city: "Springfield", region: "MA", postalCode: "01101", country: "US" };
const item = { sku: "SKU-1", name: "Canvas tote", quantity: 2, unitPriceCents: 2500 };
const freshUuid = () => crypto.randomUUID();

/**
 * What each action is called with, by "file#export". Allowed roles must get past the wrapper's checks (a success,
 * field errors or a domain refusal all count); the same input from a refused role must be refused and change nothing.
 */
const actionInputs: Record<string, (f: Fixture) => unknown> = {
  "app/(app)/actions.ts#signOutEverywhereAction": () => ({}),
  "app/(app)/escalations/actions.ts#raiseEscalationAction": (f) => ({ subject: "order", subjectId: f.order.id, reason: "Needs a supervisor", severity: "high", note: "" }),
  "app/(app)/escalations/actions.ts#acknowledgeEscalationAction": (f) => ({ escalationId: f.escalationId }),
  "app/(app)/escalations/actions.ts#reassignEscalationAction": (f) => ({ escalationId: f.escalationId, assigneeId: f.users.supervisor }),
  "app/(app)/escalations/actions.ts#commentOnEscalationAction": (f) => ({ escalationId: f.escalationId, body: "Looking into it" }),
  "app/(app)/escalations/actions.ts#resolveEscalationAction": (f) => ({ escalationId: f.escalationId, outcome: "Carrier re-sent the parcel" }),
  "app/(app)/fulfillment/actions.ts#bulkChangeStatus": (f) => ({ orders: [{ orderId: f.order.id, version: f.order.version }], to: "on_hold" }),
  "app/(app)/fulfillment/actions.ts#bulkShip": (f) => ({ orders: [{ orderId: f.order.id, version: f.order.version, carrier: "ups", trackingNumber: "1Z999AA10123456784" }] }),
  "app/(app)/fulfillment/actions.ts#loadBoardCards": () => ({ column: "pack", filters: { q: "customer" } }),
  "app/(app)/inquiries/actions.ts#logInquiryAction": (f) => ({ customerEmail: f.customerEmail, channel: "phone", body: "Can I pick it up?" }),
  "app/(app)/inquiries/actions.ts#answerInquiryAction": (f) => ({ inquiryId: f.inquiryId, answer: "It ships tomorrow.", channel: "email" }),
  "app/(app)/inquiries/actions.ts#waitOnCustomerAction": (f) => ({ inquiryId: f.inquiryId, note: "Asked for a photo" }),
  "app/(app)/inquiries/actions.ts#resumeInquiryAction": (f) => ({ inquiryId: f.inquiryId, note: "Photo came in" }),
  "app/(app)/inquiries/actions.ts#resolveInquiryAction": (f) => ({ inquiryId: f.inquiryId, resolution: "Answered" }),
  "app/(app)/kpis/actions.ts#refreshKpisAction": () => ({}),
  "app/(app)/messages/actions.ts#reviewMessageAction": (f) => ({ messageId: f.messageId, score: 4, comment: "Clear" }),
  "app/(app)/orders/[number]/actions.ts#confirmOrder": (f) => ({
    orderId: f.received.id,
    expectedVersion: f.received.version,
    promisedDeliveryDate: "2099-01-15",
    ...{ details: "on", items: "on", payment: "on", stock: "on", address: "on" },
  }),
  "app/(app)/orders/[number]/actions.ts#changeStatus": (f) => ({ orderId: f.order.id, expectedVersion: f.order.version, to: "on_hold", holdReason: "stock", reason: "Waiting on stock" }),
  "app/(app)/orders/[number]/actions.ts#shipOrderAction": (f) => ({ orderId: f.order.id, expectedVersion: f.order.version, mode: "untracked", untrackedReason: "hand_delivery" }),
  "app/(app)/orders/[number]/actions.ts#setTrackingAction": (f) => ({ orderId: f.outForDelivery.id, expectedVersion: f.outForDelivery.version, carrier: "ups", trackingNumber: "1Z999AA10123456784" }),
  "app/(app)/orders/[number]/actions.ts#addNote": (f) => ({ orderId: f.order.id, body: "Called the customer" }),
  "app/(app)/orders/[number]/actions.ts#flagException": (f) => ({ orderId: f.order.id, expectedVersion: f.order.version, kind: "weather", explanation: "Snow at the hub", revisedEta: "" }),
  "app/(app)/orders/[number]/actions.ts#resolveExceptionAction": (f) => ({ exceptionId: f.exceptionId, expectedVersion: 1, resolution: "Carrier caught up" }),
  "app/(app)/orders/[number]/actions.ts#correctAddress": (f) => ({ orderId: f.order.id, expectedVersion: f.order.version, cause: "customer_request", address }),
  "app/(app)/orders/[number]/actions.ts#correctOrderItems": (f) => ({ orderId: f.order.id, expectedVersion: f.order.version, cause: "customer_request", items: [item] }),
  "app/(app)/orders/[number]/notice-actions.ts#previewNoticeAction": (f) => ({ orderId: f.order.id, template: "issue", channel: "email", fields: { problem: "Card declined", customerAction: "Call us" } }),
  "app/(app)/orders/[number]/notice-actions.ts#sendNoticeAction": (f) => ({ orderId: f.order.id, template: "issue", channel: "email", fields: { problem: "Card declined", customerAction: "Call us" }, requestId: freshUuid() }),
  "app/(app)/orders/[number]/pod-actions.ts#recordProofOfDeliveryAction": (f) => ({
    orderId: f.outForDelivery.id,
    expectedVersion: f.outForDelivery.version,
    recipientName: "Ada at the door",
    receivedAt: "2026-01-10T14:30",
    timeZone: "America/New_York",
  }),
  "app/(app)/orders/[number]/request-actions.ts#logRequest": (f) => ({ orderId: f.order.id, channel: "phone", kind: "change_delivery_date", payload: { deliveryDate: "2099-02-01" } }),
  "app/(app)/orders/[number]/request-actions.ts#approveRequestAction": (f) => ({ requestId: f.requestId, notify: false }),
  "app/(app)/orders/[number]/request-actions.ts#rejectRequestAction": (f) => ({ requestId: f.requestId, reason: "Already packed", notify: false }),
  "app/(app)/orders/new/actions.ts#createPhoneOrder": () => ({
    customer: { name: "Grace Hopper", email: "grace@example.com" },
    items: [item],
    shippingAddress: address,
    paymentMethod: "card",
  }),
  "app/(app)/queue/actions.ts#assignToMe": (f) => ({ orderId: f.order.id }),
  "app/(app)/queue/actions.ts#releaseAssignment": (f) => ({ orderId: f.order.id }),
  "app/(app)/records/actions.ts#placeLegalHoldAction": (f) => ({ target: "order", id: f.order.id, reason: "Dispute with the carrier" }),
  "app/(app)/records/actions.ts#releaseLegalHoldAction": (f) => ({ target: "order", id: f.order.id }),
  "app/(app)/records/actions.ts#eraseCustomerAction": (f) => ({ customerId: f.spareCustomer.id, confirmEmail: f.spareCustomer.email }),
  "app/(app)/settings/actions.ts#saveSlaPolicy": () => slaPolicyFormValues(defaultSlaPolicy),
  "app/(app)/settings/actions.ts#saveBusinessCalendar": () => ({
    timeZone: "America/New_York",
    ...{ "week.mon": "09:00-17:00", "week.tue": "", "week.wed": "", "week.thu": "", "week.fri": "", "week.sat": "", "week.sun": "" },
    holidays: "",
  }),
  "app/(app)/settings/actions.ts#saveNotificationSettings": () => defaultNotificationSettings,
  "app/(app)/settings/actions.ts#saveEscalationPolicy": () => ({ autoEscalateBreached: "on" }),
  "app/(app)/settings/api-key-actions.ts#createApiKeyAction": () => ({ name: "Another shop", purpose: "order_intake" }),
  "app/(app)/settings/api-key-actions.ts#revokeApiKeyAction": (f) => ({ id: f.apiKeyId }),
  "app/(app)/settings/retention-actions.ts#saveRetentionPolicy": () => ({ months: "24" }),
  "app/(app)/settings/retention-actions.ts#runRetentionNowAction": () => ({}),
  "app/(app)/settings/user-actions.ts#createUserAction": () => ({ name: "New Person", email: `new-${freshUuid()}@example.com`, role: "rep", password: "" }),
  "app/(app)/settings/user-actions.ts#changeUserRoleAction": (f) => ({ userId: f.users.fulfillment, role: "fulfillment" }),
  "app/(app)/settings/user-actions.ts#setUserActiveAction": (f) => ({ userId: f.users.fulfillment, active: true }),
  "app/(app)/settings/user-actions.ts#resetUserPasswordAction": (f) => ({ userId: f.users.rep, password: "" }),
  "app/(app)/settings/user-actions.ts#signOutUserEverywhereAction": (f) => ({ userId: f.users.fulfillment }),
};

/* ---- The table against the code ----------------------------------------------------------------------------- */

describe("the authorization table", () => {
  it("lists every server action under app/, and nothing that is gone", async () => {
    const found: string[] = [];
    for (const file of serverActionFiles) for (const name of Object.keys(await exportsOf(file))) found.push(`${file}#${name}`);
    const listed = Object.entries(actionPermissions).flatMap(([file, actions]) => Object.keys(actions).map((name) => `${file}#${name}`));
    expect(found.filter((key) => !listed.includes(key)), "server actions missing from lib/auth/permissions.ts").toEqual([]);
    expect(listed.filter((key) => !found.includes(key)), "listed in lib/auth/permissions.ts but not found").toEqual([]);
  });

  it("has no inline 'use server' functions, which the table could not name", () => {
    const inline = sourceFiles.filter((file) => !serverActionFiles.includes(file) && /^\s*["']use server["'];?\s*$/m.test(readFileSync(path.join(root, file), "utf8")));
    expect(inline).toEqual([]);
  });

  it("lists every route handler under app/, and nothing that is gone", async () => {
    const found: string[] = [];
    for (const file of routeFiles) {
      for (const method of Object.keys(await exportsOf(file)).filter((name) => httpMethods.includes(name))) found.push(`${method} ${routePathOf(file)}`);
    }
    const listed = Object.entries(routePermissions).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`));
    expect(found.filter((key) => !listed.includes(key)), "route handlers missing from lib/auth/permissions.ts").toEqual([]);
    expect(listed.filter((key) => !found.includes(key)), "listed in lib/auth/permissions.ts but not found").toEqual([]);
  });

  it("gives each staff action the roles it was defined with, and every staff action goes through defineAction", async () => {
    const mismatches: string[] = [];
    for (const [file, actions] of Object.entries(actionPermissions)) {
      const loaded = await exportsOf(file);
      for (const [name, access] of Object.entries(actions)) {
        const defined = loaded[name] ? definedActionRoles.get(loaded[name]) : undefined;
        if (!isRoleList(access)) {
          if (defined) mismatches.push(`${file}#${name}: defined for ${defined.join(", ")} but listed as "${access}"`);
          continue;
        }
        if (!defined) mismatches.push(`${file}#${name}: listed with roles but not made with defineAction`);
        else if ([...defined].sort().join() !== [...access].sort().join()) mismatches.push(`${file}#${name}: defined for [${defined.join(", ")}], listed for [${access.join(", ")}]`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("has a sample input for every staff action", () => {
    const staffActions = Object.entries(actionPermissions).flatMap(([file, actions]) =>
      Object.entries(actions)
        .filter(([, access]) => isRoleList(access))
        .map(([name]) => `${file}#${name}`),
    );
    expect(staffActions.filter((key) => !actionInputs[key]), "add these to actionInputs").toEqual([]);
  });
});

/* ---- Calling every action as every role and as nobody ------------------------------------------------------- */

type Answer = { ok: boolean; message?: string; fieldErrors?: unknown };

describe("the matrix: server actions", () => {
  const staffActions = Object.entries(actionPermissions).flatMap(([file, actions]) =>
    Object.entries(actions).flatMap(([name, access]) => (isRoleList(access) ? [{ file, name, roles: access }] : [])),
  );

  it.each(staffActions)("$file#$name", async ({ file, name, roles }) => {
    const action = (await exportsOf(file))[name]!;
    const input = actionInputs[`${file}#${name}`]!;
    const refused = staffRoles.filter((role) => !roles.includes(role));

    // Refused callers first, on the same state, and nothing may change.
    const before = await databaseChecksum(handle.db);
    session.userId = null;
    const asNobody = (await action(input(fx))) as Answer;
    expect(asNobody, "as nobody").toMatchObject({ ok: false, message: expect.stringMatching(SESSION_ENDED) });
    for (const role of refused) {
      session.userId = fx.users[role];
      expect(await action(input(fx)), `as ${role}`).toEqual({ ok: false, message: ROLE_REFUSAL });
    }
    expect(await databaseChecksum(handle.db), "a refused call changed the database").toEqual(before);

    for (const role of roles) {
      session.userId = fx.users[role];
      const answer = (await action(input(fx))) as Answer;
      if (answer.ok) continue;
      expect(answer.message, `as ${role}: ${JSON.stringify(answer)}`).not.toBe(ROLE_REFUSAL);
      expect(answer.message, `as ${role}`).not.toMatch(SESSION_ENDED);
      expect(answer.message, `as ${role}: an internal error`).not.toBe(GENERIC_ERROR_MESSAGE);
      // The sample input is valid, so a refusal here is the domain's (a stale version, a decided request), not zod's.
      expect(answer.fieldErrors, `as ${role}: the sample input needs fixing`).toBeUndefined();
    }
    session.userId = null;
  });

  it("leaves the customer-token actions to the token: without one nothing is done", async () => {
    const loaded = await exportsOf("app/track/[token]/actions.ts");
    const before = await databaseChecksum(handle.db);
    for (const [name, action] of Object.entries(loaded)) {
      const form = new FormData();
      form.set("token", "not-a-token");
      form.set("body", "Hello");
      form.set("rating", "5");
      form.set("kind", "cancel");
      await expect(action(form), name).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    }
    expect(await databaseChecksum(handle.db)).toEqual(before);
  });
});

/* ---- Calling every route as every role and as nobody -------------------------------------------------------- */

type RouteCall = (f: Fixture) => { url: string; init?: RequestInit; params?: Record<string, string> };

/** How each session-guarded route is called, by "METHOD path". */
const routeCalls: Record<string, RouteCall> = {
  "GET /api/customers/[customerId]/export": (f) => ({ url: `/api/customers/${f.spareCustomer.id}/export`, params: { customerId: f.spareCustomer.id } }),
  "POST /api/fulfillment/tracking-import": () => ({
    url: "/api/fulfillment/tracking-import",
    init: { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "preview", csv: "order,carrier,tracking\n" }) },
  }),
  "GET /api/messages/export": () => ({ url: "/api/messages/export?channel=email" }),
  "GET /api/orders/[orderId]/proof-photo": (f) => ({ url: `/api/orders/${f.order.id}/proof-photo`, params: { orderId: f.order.id } }),
  "POST /api/orders/[orderId]/viewers": (f) => ({ url: `/api/orders/${f.order.id}/viewers`, init: { method: "POST" }, params: { orderId: f.order.id } }),
  "DELETE /api/orders/[orderId]/viewers": (f) => ({ url: `/api/orders/${f.order.id}/viewers`, init: { method: "DELETE" }, params: { orderId: f.order.id } }),
  "GET /api/queue": () => ({ url: "/api/queue?assignee=anyone" }),
};

async function callRoute(route: string, method: string, call: ReturnType<RouteCall>): Promise<Response> {
  const file = routeFiles.find((f) => routePathOf(f) === route)!;
  const handler = (await exportsOf(file))[method]!;
  const request = new Request(`http://localhost${call.url}`, { method, ...call.init });
  const response = (await handler(request, { params: Promise.resolve(call.params ?? {}) })) as Response;
  await response.body?.cancel();
  return response;
}

describe("the matrix: route handlers", () => {
  const entries = Object.entries(routePermissions).flatMap(([route, methods]) => Object.entries(methods).map(([method, access]) => ({ route, method, access })));
  const staffRoutes = entries.filter((e): e is { route: string; method: string; access: readonly Role[] } => isRoleList(e.access));

  it("has a sample call for every session-guarded route", () => {
    expect(staffRoutes.map((e) => `${e.method} ${e.route}`).filter((key) => !routeCalls[key])).toEqual([]);
  });

  it.each(staffRoutes)("$method $route", async ({ route, method, access }) => {
    const call = routeCalls[`${method} ${route}`]!;
    const before = await databaseChecksum(handle.db);
    session.userId = null;
    expect((await callRoute(route, method, call(fx))).status, "as nobody").toBe(401);
    for (const role of staffRoles.filter((r) => !access.includes(r))) {
      session.userId = fx.users[role];
      expect((await callRoute(route, method, call(fx))).status, `as ${role}`).toBe(403);
    }
    expect(await databaseChecksum(handle.db), "a refused call changed the database").toEqual(before);
    for (const role of access) {
      session.userId = fx.users[role];
      const status = (await callRoute(route, method, call(fx))).status;
      expect([401, 403, 500], `as ${role}`).not.toContain(status);
    }
    session.userId = null;
  });

  const outside: Record<Exclude<Access, readonly Role[]>, number[] | null> = {
    public: [200, 503],
    "api key": [401],
    "api key + signature": [401],
    "webhook signature": [400, 401, 503],
    "any session": null,
    "customer token": null,
  };
  it.each(entries.filter((e) => !isRoleList(e.access) && e.route !== "/api/auth/[...nextauth]"))(
    "$method $route ($access) without credentials",
    async ({ route, method, access }) => {
      const before = await databaseChecksum(handle.db);
      session.userId = null;
      const init = method === "POST" ? { method, headers: { "content-type": "application/json" }, body: "{}" } : { method };
      const status = (await callRoute(route, method, { url: route, init })).status;
      expect(outside[access as Exclude<Access, readonly Role[]>]).toContain(status);
      expect(await databaseChecksum(handle.db)).toEqual(before);
    },
  );
});
