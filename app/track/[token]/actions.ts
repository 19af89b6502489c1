"use server";

import { and, asc, eq } from "drizzle-orm";
import { changeRequests, orderItems } from "@/db/schema";
import { feedbackSchema } from "@/lib/feedback/feedback-schema";
import { recordFeedback } from "@/lib/feedback/record-feedback";
import { receiveInquiry } from "@/lib/inquiries/receive-inquiry";
import { receiveChangeRequest } from "@/lib/requests/receive-request";
import { requestOptionsFor } from "@/lib/tracking-page/load-tracking-view";
import { runTrackingAction } from "@/lib/tracking-page/tracking-action";
import { parseRequestForm, questionSchema } from "@/lib/tracking-page/tracking-schemas";

// The customer's forms on /track/[token]. No session: lib/tracking-page/tracking-action.ts checks the limits and
// the token, then each action validates its form and calls the same domain function staff paths use.

export async function askQuestion(formData: FormData): Promise<void> {
  await runTrackingAction(formData, "question", async ({ db, order, customer }) => {
    const parsed = questionSchema.safeParse({ body: formData.get("body") });
    if (!parsed.success) return { error: "question" };
    await receiveInquiry(db, { customerId: customer.id, orderId: order.id, channel: "portal", body: parsed.data.body, actor: { type: "customer" } });
    return { done: "question" };
  });
}

export async function requestChange(formData: FormData): Promise<void> {
  await runTrackingAction(formData, "request", async ({ db, order, customer }) => {
    const [items, open] = await Promise.all([
      db.select({ sku: orderItems.sku, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.sku)),
      db.select({ kind: changeRequests.kind }).from(changeRequests).where(and(eq(changeRequests.orderId, order.id), eq(changeRequests.status, "open"))),
    ]);
    const parsed = parseRequestForm(formData, { timeZone: customer.timeZone, now: new Date(), items });
    if ("error" in parsed) return parsed;
    // The page offers only these; a form posted from a page shown before the order moved on is refused here.
    const option = requestOptionsFor(order.status, open.map((r) => r.kind)).find((o) => o.kind === parsed.kind);
    if (option?.refusal) return { error: "not-allowed" };
    await receiveChangeRequest(db, { orderId: order.id, kind: parsed.kind, payload: parsed.payload, source: "customer", note: null, actor: { type: "customer" } });
    return { done: "request" };
  });
}

export async function rateDelivery(formData: FormData): Promise<void> {
  await runTrackingAction(formData, "rating", async ({ db, order }) => {
    const parsed = feedbackSchema.safeParse({ rating: formData.get("rating"), comment: formData.get("comment") });
    if (!parsed.success) return { error: "rating" };
    await recordFeedback(db, { orderId: order.id, ...parsed.data, actor: { type: "customer" } });
    return { done: "rating" };
  });
}
