"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { screens } from "@/lib/auth/access";
import { answerInquirySchema, logInquirySchema, resolveInquirySchema, resumeInquirySchema, waitOnCustomerSchema } from "@/lib/inquiries/inquiry-schemas";
import { logInquiry } from "@/lib/inquiries/receive-inquiry";
import { answerInquiry, resolveInquiry, resumeInquiry, waitOnCustomer } from "@/lib/inquiries/work-inquiry";

// Inquiries: a rep logs a question from a call, an email or a text, answers it, waits on the customer, resolves it.
// Whoever may open the inquiries inbox may do each (design.md: reps answer inquiries; supervisors have what reps have).

const workers = screens.inquiries.roles;

function refresh() {
  revalidatePath("/inquiries");
  revalidatePath("/inquiries/[id]", "page");
  revalidatePath("/orders/[number]", "page");
}

export const logInquiryAction = defineAction(workers, logInquirySchema, async (input, { db, user }) => {
  const inquiry = await logInquiry(db, { ...input, actor: { type: "user", userId: user.id } });
  refresh();
  return { id: inquiry.id };
});

export const answerInquiryAction = defineAction(workers, answerInquirySchema, async (input, { db, user }) => {
  await answerInquiry(db, { ...input, actor: { type: "user", userId: user.id } });
  refresh();
});

export const waitOnCustomerAction = defineAction(workers, waitOnCustomerSchema, async (input, { db, user }) => {
  await waitOnCustomer(db, { ...input, actor: { type: "user", userId: user.id } });
  refresh();
});

export const resumeInquiryAction = defineAction(workers, resumeInquirySchema, async (input, { db, user }) => {
  await resumeInquiry(db, { ...input, actor: { type: "user", userId: user.id } });
  refresh();
});

export const resolveInquiryAction = defineAction(workers, resolveInquirySchema, async (input, { db, user }) => {
  await resolveInquiry(db, { ...input, actor: { type: "user", userId: user.id } });
  refresh();
});
