import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inquiries, orderEvents, type Channel, type Inquiry } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";

// The pieces every change to an inquiry shares: its row locked, and the order event that puts the change on the
// order's history. Kept apart from work-inquiry.ts because recordNotice uses them too (any inquiry_response notice,
// from the inquiry page or the order page's composer, marks the inquiry answered), and work-inquiry.ts sends
// notices: this file imports nothing from lib/notifications.

export type InquiryEventType = "inquiry_answered" | "inquiry_waiting" | "inquiry_resumed" | "inquiry_resolved";

/** Locks the inquiry row for the rest of the transaction, so two changes to one inquiry happen one after the other. */
export async function lockInquiry(tx: Db, inquiryId: string): Promise<Inquiry | null> {
  const [inquiry] = await tx.select().from(inquiries).where(eq(inquiries.id, inquiryId)).for("update");
  return inquiry ?? null;
}

/** The change on the order's history (an inquiry about no order has none; its own row carries the times). */
export async function recordInquiryEvent(
  tx: Db,
  inquiry: Inquiry,
  input: { type: InquiryEventType; to: Inquiry["status"]; actor: Actor; at: Date; reason?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  if (!inquiry.orderId) return;
  await tx.insert(orderEvents).values({
    orderId: inquiry.orderId,
    type: input.type,
    reason: input.reason ?? null,
    data: { inquiryId: inquiry.id, from: inquiry.status, to: input.to, ...input.data },
    createdAt: input.at,
    ...actorColumns(input.actor),
  });
}

/**
 * An inquiry_response reached the customer (recordNotice calls this in its transaction): the inquiry is answered and
 * its first response dated. A resolved inquiry stays resolved — a later message about it changes no status.
 */
export async function noteInquiryAnswered(
  tx: Db,
  input: { inquiryId: string; messageId: string; channel: Channel; actor: Actor; at: Date },
): Promise<Inquiry | null> {
  const inquiry = await lockInquiry(tx, input.inquiryId);
  if (!inquiry || inquiry.status === "resolved") return inquiry;
  const [answered] = await tx
    .update(inquiries)
    .set({ status: "answered", firstResponseAt: inquiry.firstResponseAt ?? input.at })
    .where(eq(inquiries.id, inquiry.id))
    .returning();
  await recordInquiryEvent(tx, inquiry, {
    type: "inquiry_answered",
    to: "answered",
    actor: input.actor,
    at: input.at,
    data: { messageId: input.messageId, channel: input.channel },
  });
  return answered!;
}
