"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { requestActor } from "@/lib/audit/request-actor";
import { escalationRaiserRoles, screens } from "@/lib/auth/access";
import {
  commentEscalationSchema,
  escalationIdSchema,
  raiseEscalationSchema,
  reassignEscalationSchema,
  resolveEscalationSchema,
} from "@/lib/escalations/escalation-schemas";
import { raiseEscalation } from "@/lib/escalations/raise-escalation";
import { acknowledgeEscalation, commentOnEscalation, reassignEscalation, resolveEscalation } from "@/lib/escalations/work-escalation";

// Escalations: anyone who works orders raises one (design.md "Escalations"); supervisors — those who open the
// escalations screen — acknowledge, assign, comment and resolve.

const handlers = screens.escalations.roles;

function refresh() {
  revalidatePath("/escalations");
  revalidatePath("/escalations/[id]", "page");
  revalidatePath("/orders/[number]", "page");
  revalidatePath("/inquiries/[id]", "page");
  revalidatePath("/supervisor");
}

export const raiseEscalationAction = defineAction(escalationRaiserRoles, raiseEscalationSchema, async (input, { db, user }) => {
  const { escalation } = await raiseEscalation(db, { ...input, actor: await requestActor(user) });
  refresh();
  return { id: escalation.id };
});

export const acknowledgeEscalationAction = defineAction(handlers, escalationIdSchema, async (input, { db, user }) => {
  await acknowledgeEscalation(db, { ...input, supervisorId: user.id });
  refresh();
});

export const reassignEscalationAction = defineAction(handlers, reassignEscalationSchema, async (input, { db, user }) => {
  await reassignEscalation(db, { ...input, supervisorId: user.id });
  refresh();
});

export const commentOnEscalationAction = defineAction(handlers, commentEscalationSchema, async (input, { db, user }) => {
  await commentOnEscalation(db, { ...input, supervisorId: user.id });
  refresh();
});

export const resolveEscalationAction = defineAction(handlers, resolveEscalationSchema, async (input, { db, user }) => {
  await resolveEscalation(db, { ...input, supervisorId: user.id });
  refresh();
});
