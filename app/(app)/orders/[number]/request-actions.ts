"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestActor } from "@/lib/audit/request-actor";
import { screens } from "@/lib/auth/access";
import { approveRequest, rejectRequest } from "@/lib/requests/decide-request";
import { receiveChangeRequest } from "@/lib/requests/receive-request";
import { approveRequestSchema, logRequestSchema, rejectRequestSchema } from "@/lib/requests/request-schemas";

// Requests on the order page: a rep logs one from a call or an email, and decides it. Whoever may open the requests
// inbox may decide (design.md: reps decide modification/cancellation requests; supervisors have what reps have).

const deciders = screens.requests.roles;
const channelWords = { phone: "By phone", email: "By email" } as const;

function refresh() {
  revalidatePath("/orders/[number]", "page");
  revalidatePath("/requests");
}

export const logRequest = defineAction(deciders, logRequestSchema, async (input, { db, user }) => {
  await receiveChangeRequest(db, {
    orderId: input.orderId,
    kind: input.kind,
    payload: input.payload,
    source: "rep",
    note: input.note ? `${channelWords[input.channel]}: ${input.note}` : channelWords[input.channel],
    actor: await requestActor(user),
  });
  refresh();
});

export const approveRequestAction = defineAction(deciders, approveRequestSchema, async (input, { db, user }) => {
  const decision = await approveRequest(db, {
    requestId: input.requestId,
    expectedStatus: "open",
    cause: input.ourError ? "our_error" : "customer_request",
    items: input.items,
    notify: input.notify,
    actor: await requestActor(user),
  });
  refresh();
  return { noticeProblem: decision.problem };
});

export const rejectRequestAction = defineAction(deciders, rejectRequestSchema, async (input, { db, user }) => {
  const decision = await rejectRequest(db, { requestId: input.requestId, reason: input.reason, notify: input.notify, actor: await requestActor(user) });
  refresh();
  return { noticeProblem: decision.problem };
});
