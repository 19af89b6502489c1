import type { Role } from "@/db/schema";

// The authorization table: every server action and every route handler, and who may call it. Roles are written out
// here (not borrowed from lib/auth/access.ts) so the table reads on its own; lib/auth/permissions.test.ts holds the
// code to it: it finds every "use server" export and every route.ts method under app/, fails on one that is missing
// here (or listed here and gone), compares each action's roles with the roles defineAction was given, and calls
// each one as every role and as nobody.
//
// Adding an action or a route: add its line below, with the roles (or how it authenticates without a session), and
// a sample input in the test's `actionInputs` / `routeCalls`.

/** How a caller outside the staff session proves who they are. */
export type OutsideSession =
  /** Anyone: the sign-in form, Auth.js's own endpoints, health, the OpenAPI document. */
  | "public"
  /** Any signed-in user (sign out). */
  | "any session"
  /** An admin-issued API key (SHA-256 stored; lib/integrations/api-keys.ts). */
  | "api key"
  /** An API key and an HMAC signature of the body with its secret (lib/integrations/signature.ts). */
  | "api key + signature"
  /** A Svix signature under RESEND_WEBHOOK_SECRET (lib/delivery/resend-webhook.ts). */
  | "webhook signature"
  /** The unguessable tracking token in the form, behind the tracking page's limits (lib/tracking-page/tracking-action.ts). */
  | "customer token";

export type Access = readonly Role[] | OutsideSession;

export const staffRoles = ["rep", "fulfillment", "supervisor", "admin"] as const satisfies readonly Role[];

/** Server actions, by file under app/ and export name. */
export const actionPermissions: Record<string, Record<string, Access>> = {
  "app/(app)/actions.ts": {
    signOutAction: "any session",
    signOutEverywhereAction: ["rep", "fulfillment", "supervisor", "admin"],
  },
  "app/(auth)/signin/actions.ts": {
    signInWithPassword: "public",
  },
  "app/track/[token]/actions.ts": {
    askQuestion: "customer token",
    requestChange: "customer token",
    rateDelivery: "customer token",
  },
  "app/(app)/escalations/actions.ts": {
    raiseEscalationAction: ["rep", "fulfillment", "supervisor"],
    acknowledgeEscalationAction: ["supervisor"],
    reassignEscalationAction: ["supervisor"],
    commentOnEscalationAction: ["supervisor"],
    resolveEscalationAction: ["supervisor"],
  },
  "app/(app)/fulfillment/actions.ts": {
    bulkChangeStatus: ["fulfillment", "supervisor"],
    bulkShip: ["fulfillment", "supervisor"],
    loadBoardCards: ["fulfillment", "supervisor"],
  },
  "app/(app)/inquiries/actions.ts": {
    logInquiryAction: ["rep", "supervisor"],
    answerInquiryAction: ["rep", "supervisor"],
    waitOnCustomerAction: ["rep", "supervisor"],
    resumeInquiryAction: ["rep", "supervisor"],
    resolveInquiryAction: ["rep", "supervisor"],
  },
  "app/(app)/kpis/actions.ts": {
    refreshKpisAction: ["supervisor"],
  },
  "app/(app)/messages/actions.ts": {
    reviewMessageAction: ["supervisor"],
  },
  "app/(app)/orders/[number]/actions.ts": {
    confirmOrder: ["rep", "fulfillment", "supervisor"],
    changeStatus: ["rep", "fulfillment", "supervisor"],
    shipOrderAction: ["rep", "fulfillment", "supervisor"],
    setTrackingAction: ["rep", "fulfillment", "supervisor"],
    addNote: ["rep", "fulfillment", "supervisor"],
    flagException: ["rep", "fulfillment", "supervisor"],
    resolveExceptionAction: ["rep", "fulfillment", "supervisor"],
    correctAddress: ["rep", "supervisor"],
    correctOrderItems: ["rep", "supervisor"],
  },
  "app/(app)/orders/[number]/notice-actions.ts": {
    previewNoticeAction: ["rep", "supervisor"],
    sendNoticeAction: ["rep", "supervisor"],
  },
  "app/(app)/orders/[number]/pod-actions.ts": {
    recordProofOfDeliveryAction: ["fulfillment", "supervisor"],
  },
  "app/(app)/orders/[number]/request-actions.ts": {
    logRequest: ["rep", "supervisor"],
    approveRequestAction: ["rep", "supervisor"],
    rejectRequestAction: ["rep", "supervisor"],
  },
  "app/(app)/orders/new/actions.ts": {
    createPhoneOrder: ["rep", "supervisor"],
  },
  "app/(app)/queue/actions.ts": {
    assignToMe: ["rep", "supervisor"],
    releaseAssignment: ["rep", "supervisor"],
  },
  "app/(app)/records/actions.ts": {
    placeLegalHoldAction: ["supervisor", "admin"],
    releaseLegalHoldAction: ["supervisor", "admin"],
    eraseCustomerAction: ["supervisor", "admin"],
  },
  "app/(app)/settings/actions.ts": {
    saveSlaPolicy: ["supervisor"],
    saveBusinessCalendar: ["admin"],
    saveNotificationSettings: ["supervisor"],
    saveEscalationPolicy: ["supervisor"],
  },
  "app/(app)/settings/api-key-actions.ts": {
    createApiKeyAction: ["admin"],
    revokeApiKeyAction: ["admin"],
  },
  "app/(app)/settings/retention-actions.ts": {
    saveRetentionPolicy: ["admin"],
    runRetentionNowAction: ["admin"],
  },
  "app/(app)/settings/user-actions.ts": {
    createUserAction: ["admin"],
    changeUserRoleAction: ["admin"],
    setUserActiveAction: ["admin"],
    resetUserPasswordAction: ["admin"],
    signOutUserEverywhereAction: ["admin"],
  },
};

/** Route handlers, by URL path (route groups left out, dynamic segments as in the folder name) and HTTP method. */
export const routePermissions: Record<string, Record<string, Access>> = {
  "/api/auth/[...nextauth]": { GET: "public", POST: "public" },
  "/api/health": { GET: "public" },
  "/api/v1/openapi.json": { GET: "public" },
  "/api/v1/orders": { POST: "api key" },
  "/api/v1/tracking-events": { POST: "api key + signature" },
  "/api/webhooks/resend": { POST: "webhook signature" },
  "/api/customers/[customerId]/export": { GET: ["supervisor", "admin"] },
  "/api/fulfillment/tracking-import": { POST: ["fulfillment", "supervisor"] },
  "/api/messages/export": { GET: ["supervisor"] },
  "/api/orders/[orderId]/proof-photo": { GET: ["rep", "fulfillment", "supervisor"] },
  "/api/orders/[orderId]/viewers": { POST: ["rep", "fulfillment", "supervisor"], DELETE: ["rep", "fulfillment", "supervisor"] },
  "/api/queue": { GET: ["rep", "supervisor"] },
};

export function isRoleList(access: Access): access is readonly Role[] {
  return Array.isArray(access);
}
